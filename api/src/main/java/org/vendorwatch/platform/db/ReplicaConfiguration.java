package org.vendorwatch.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.context.ContextRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Read replicas (optional): with {@code vendorwatch.replicas.urls} set (env
 * {@code VENDORWATCH_REPLICAS_URLS}, comma-separated JDBC URLs of PostgreSQL streaming replicas of the
 * service's database), anonymous reads ({@code /graphql} and {@code /bulk} requests without an
 * {@code Authorization} header) go to a replica that is up and at most {@code max-lag} behind; writes,
 * everything an editor reads (so an editor always reads their own writes), background work and
 * migrations go to the primary. See {@link ReplicaRouting}.
 */
@Configuration(proxyBeanMethods = false)
public class ReplicaConfiguration {

    static {
        // the routing of a request follows it to the threads Spring for GraphQL runs its data fetchers on
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        "vendorwatch.replica-allowed",
                        ReplicaRouting.ROUTE::get,
                        ReplicaRouting.ROUTE::set,
                        ReplicaRouting.ROUTE::remove);
    }

    /**
     * @param urls JDBC URLs of the replicas (none: every query goes to the primary)
     * @param username their user (default: the primary's)
     * @param password their password (default: the primary's)
     * @param maxLag a replica further behind the primary than this answers no reads until it catches up
     * @param poolSize connections per replica
     */
    public record Properties(
            @Nullable List<String> urls,
            @Nullable String username,
            @Nullable String password,
            @Nullable Duration maxLag,
            @Nullable Integer poolSize) {

        Duration lagBound() {
            return maxLag == null ? Duration.ofSeconds(5) : maxLag;
        }

        List<String> replicaUrls() {
            return urls == null
                    ? List.of()
                    : urls.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
        }
    }

    /** Wraps the service's data source in the router when replicas are configured. */
    @Bean
    static BeanPostProcessor replicaRoutingPostProcessor(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!"dataSource".equals(name) || !(bean instanceof HikariDataSource primary)) {
                    return bean;
                }
                Properties props = Binder.get(environment)
                        .bind("vendorwatch.replicas", Properties.class)
                        .orElse(new Properties(null, null, null, null, null));
                if (props.replicaUrls().isEmpty()) {
                    return bean;
                }
                List<ReplicaRouting.Replica> replicas = new ArrayList<>();
                int n = 0;
                for (String url : props.replicaUrls()) {
                    HikariDataSource pool = new HikariDataSource();
                    pool.setJdbcUrl(url);
                    pool.setUsername(props.username() != null ? props.username() : primary.getUsername());
                    pool.setPassword(props.password() != null ? props.password() : primary.getPassword());
                    pool.setPoolName("vendorwatch-replica-" + (++n));
                    pool.setMaximumPoolSize(props.poolSize() != null ? props.poolSize() : primary.getMaximumPoolSize());
                    pool.setConnectionTimeout(Math.min(primary.getConnectionTimeout(), 2000));
                    pool.setInitializationFailTimeout(-1); // a replica that is down at start-up is skipped, not fatal
                    pool.setReadOnly(true);
                    replicas.add(new ReplicaRouting.Replica("replica-" + n, pool));
                }
                return new ReplicaRouting(primary, replicas, props.lagBound());
            }
        };
    }

    /**
     * Measures the replicas' lag every {@code vendorwatch.replicas.check-interval} (default 1 s); closes
     * their pools at shutdown.
     */
    @Bean
    ReplicaChecks replicaChecks(DataSource dataSource) {
        return new ReplicaChecks(dataSource instanceof ReplicaRouting r ? r : null);
    }

    public static final class ReplicaChecks {
        private final @Nullable ReplicaRouting routing;

        ReplicaChecks(@Nullable ReplicaRouting routing) {
            this.routing = routing;
        }

        @Scheduled(fixedDelayString = "${vendorwatch.replicas.check-interval:1s}")
        public void check() {
            if (routing != null) {
                routing.check();
            }
        }

        @PreDestroy
        public void close() {
            if (routing != null) {
                routing.closeReplicas();
            }
        }
    }

    /** Marks anonymous reads: the only requests a replica may answer. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
    FilterRegistrationBean<OncePerRequestFilter> replicaReads() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                boolean anonymousRead = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                        && ("GET".equals(request.getMethod())
                                || "HEAD".equals(request.getMethod())
                                || "POST".equals(request.getMethod()))
                        && (request.getRequestURI().equals("/graphql")
                                || request.getRequestURI().startsWith("/bulk"));
                if (!anonymousRead) {
                    chain.doFilter(request, response);
                    return;
                }
                ReplicaRouting.ROUTE.set(new ReplicaRouting.Route());
                try {
                    chain.doFilter(request, response);
                } finally {
                    ReplicaRouting.ROUTE.remove();
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
