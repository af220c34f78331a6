package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.platform.limits.Instances;
import org.vendorwatch.support.Api;

/**
 * With several instances on one database, each gives a client its share of the allowance: two live
 * instances, a per-minute allowance of 6, so 3 requests here and (behind a balancer) 3 on the other.
 * The other instance is a connection named as another instance's pool names its connections.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=shared_limits",
            "vendorwatch.limits.rate.anonymous-per-second=1000",
            "vendorwatch.limits.rate.anonymous-per-minute=6",
            "vendorwatch.limits.rate.trusted-proxies=127.0.0.1",
            "vendorwatch.limits.instances.interval=1h" // counts only when the test says so
        })
@Import(Api.class)
class SharedRateLimitTest {

    @Autowired
    Api api;

    @Autowired
    Instances instances;

    private final HttpClient http = HttpClient.newHttpClient();

    private int post(String client) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(api.url("/graphql")))
                                .header("Content-Type", "application/json")
                                .header("X-Forwarded-For", client)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private int allowed(String client) throws Exception {
        int ok = 0;
        for (int i = 0; i < 10; i++) {
            if (post(client) == 200) {
                ok++;
            }
        }
        return ok;
    }

    @Autowired
    javax.sql.DataSource dataSource;

    /** A connection as another instance's pool opens it: same database and role, its own name. */
    private java.sql.Connection anotherInstance() throws Exception {
        com.zaxxer.hikari.HikariDataSource pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", pool.getUsername());
        props.setProperty("password", pool.getPassword());
        props.setProperty("ApplicationName", org.vendorwatch.platform.db.ConnectionNames.PREFIX + "another-instance");
        return java.sql.DriverManager.getConnection(pool.getJdbcUrl(), props);
    }

    @Test
    void eachInstanceGivesAClientItsShareOfTheAllowance() throws Exception {
        instances.count();
        assertThat(instances.live()).isEqualTo(1);
        assertThat(allowed("203.0.113.10")).isEqualTo(6);

        try (java.sql.Connection other = anotherInstance()) {
            instances.count();
            assertThat(instances.live()).isEqualTo(2);
            assertThat(allowed("203.0.113.11")).isEqualTo(3);
        }
        // the other instance stopped: its connections are gone, and so is its share
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            instances.count();
        } while (instances.live() != 1 && System.nanoTime() < deadline);
        assertThat(instances.live()).isEqualTo(1);
        assertThat(allowed("203.0.113.12")).isEqualTo(6);
    }
}
