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
            Releases.Outcome outcome = releases.create();
            Releases.Manifest m = outcome.manifest();
            System.out.println(
                    outcome.created()
                            ? "Release " + m.release() + " written: "
                                    + m.files().size() + " files, rows " + m.rowCounts()
                            : "Nothing changed since release " + m.release()
                                    + ": it already holds this data (no new release written)");
        };
    }
}
