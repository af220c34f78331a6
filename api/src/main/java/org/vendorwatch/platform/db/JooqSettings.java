package org.vendorwatch.platform.db;

import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vendorwatch.platform.limits.LimitsProperties;

/** jOOQ settings: every statement carries a timeout a little shorter than the request's. */
@Configuration(proxyBeanMethods = false)
public class JooqSettings {

    @Bean
    DefaultConfigurationCustomizer statementTimeout(LimitsProperties limits) {
        int seconds = (int) Math.max(1, limits.statementTimeout().toSeconds());
        return configuration -> configuration.settings().withQueryTimeout(seconds);
    }
}
