package org.vendorwatch.seed;

import org.jooq.DSLContext;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the curated seed when the service starts, after the migrations and before it takes requests.
 * Nothing else loads it: not the release command (which ignores even an explicit
 * VENDORWATCH_SEED_ENABLED=true), not a migration. {@code VENDORWATCH_SEED_ENABLED=false} switches it
 * off, e.g. in production once the database holds the editors' work.
 */
@Configuration(proxyBeanMethods = false)
public class SeedConfiguration {

    /**
     * @param enabled load the seed at startup
     * @param location where the seed files are (env VENDORWATCH_SEED_LOCATION), e.g. file:seed/
     */
    @ConfigurationProperties("vendorwatch.seed")
    public record Properties(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("classpath:seed/") String location) {}

    @Bean
    SeedLoader seedLoader(DSLContext dsl, Properties props) {
        return new SeedLoader(dsl, props.location());
    }

    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(name = "vendorwatch.seed.enabled", havingValue = "true", matchIfMissing = true)
    InitializingBean seedAtStartup(
            SeedLoader loader,
            @org.springframework.beans.factory.annotation.Value("${vendorwatch.release.create:false}")
                    boolean release) {
        return () -> {
            if (!release) {
                loader.load();
            }
        };
    }
}
