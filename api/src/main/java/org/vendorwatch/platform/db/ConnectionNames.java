package org.vendorwatch.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every connection of the service's pool names its instance ({@code application_name} =
 * {@value #PREFIX}{@code <random id>}): operators see in {@code pg_stat_activity} which instance holds
 * a connection, and instances count each other without writing anything
 * ({@link org.vendorwatch.platform.limits.Instances}).
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionNames {

    /** The start of every instance's application_name. */
    public static final String PREFIX = "vendorwatch ";

    @Bean
    static BeanPostProcessor connectionNamePostProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if ("dataSource".equals(name)
                        && bean instanceof HikariDataSource pool
                        && !pool.getDataSourceProperties().containsKey("ApplicationName")) {
                    pool.addDataSourceProperty("ApplicationName", PREFIX + UUID.randomUUID());
                }
                return bean;
            }
        };
    }
}
