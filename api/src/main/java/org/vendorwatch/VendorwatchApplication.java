package org.vendorwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Vendorwatch: a sourced, public GraphQL API over the commercial surveillance and spyware industry. */
@SpringBootApplication
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class VendorwatchApplication {

    public static void main(String[] args) throws Exception {
        // jOOQ prints a logo and tips at first use; keep the service's log to what operators need
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (args.length > 0 && args[0].equals("release")) {
            release(java.util.Arrays.copyOfRange(args, 1, args.length)).close();
            return;
        }
        if (args.length > 0 && args[0].equals("replica")) {
            org.vendorwatch.platform.embedded.ReplicaCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("verify-trail")) {
            // the chain check: no web server, no seed load; exits 1 when the audit trail was changed after sealing
            var context = new org.springframework.boot.builder.SpringApplicationBuilder(VendorwatchApplication.class)
                    .web(org.springframework.boot.WebApplicationType.NONE)
                    .properties(
                            "vendorwatch.trail.verify=true",
                            "vendorwatch.seed.enabled=false",
                            "vendorwatch.audit.sealing=false",
                            "spring.liquibase.enabled=false",
                            "vendorwatch.database.create=false",
                            "vendorwatch.database.watchdog=false")
                    .run(java.util.Arrays.copyOfRange(args, 1, args.length));
            System.exit(SpringApplication.exit(context));
        }
        SpringApplication.run(VendorwatchApplication.class, args);
    }

    /**
     * The release command: reads the service's database (the same settings find the same folder from
     * any working directory) and writes nothing to its records: no web server, no seed load, no
     * migration, no new cluster. Writes one release, or none when the newest holds this data.
     */
    public static org.springframework.context.ConfigurableApplicationContext release(String... args) {
        return new org.springframework.boot.builder.SpringApplicationBuilder(VendorwatchApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .properties(
                        "vendorwatch.release.create=true",
                        "vendorwatch.seed.enabled=false",
                        "spring.liquibase.enabled=false",
                        "vendorwatch.database.create=false",
                        "vendorwatch.audit.sealing=false",
                        "vendorwatch.database.watchdog=false")
                .run(args);
    }
}
