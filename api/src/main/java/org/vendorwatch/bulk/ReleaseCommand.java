package org.vendorwatch.bulk;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The release command: {@code java -jar vendorwatch-api.jar release} starts without a web server,
 * writes one release and exits (see VendorwatchApplication).
 */
@Configuration(proxyBeanMethods = false)
public class ReleaseCommand {

    @Bean
    @ConditionalOnProperty(name = "vendorwatch.release.create", havingValue = "true")
    ApplicationRunner createRelease(Releases releases) {
        return args -> {
            Releases.Manifest m = releases.create();
            System.out.println("Release " + m.release() + " written: " + m.files().size() + " files, rows " + m.rowCounts());
        };
    }
}
