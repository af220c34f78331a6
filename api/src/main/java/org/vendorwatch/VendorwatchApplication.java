package org.vendorwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Vendorwatch: a sourced, public GraphQL API over the commercial surveillance and spyware industry. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VendorwatchApplication {

    public static void main(String[] args) {
        // jOOQ prints a logo and tips at first use; keep the service's log to what operators need
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        SpringApplication.run(VendorwatchApplication.class, args);
    }
}
