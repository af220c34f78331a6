package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.platform.limits.Instances;
import org.vendorwatch.support.Api;

/**
 * With several instances on one database, each gives a client its share of the allowance: two live
 * instances, a per-minute allowance of 6, so 3 requests here and (behind a balancer) 3 on the other.
 * The other instance is a heartbeat row, as a second process writes it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=shared_limits",
            "vendorwatch.limits.rate.anonymous-per-second=1000",
            "vendorwatch.limits.rate.anonymous-per-minute=6",
            "vendorwatch.limits.rate.trusted-proxies=127.0.0.1",
            "vendorwatch.limits.instances.heartbeat=1h" // beats only when the test says so
        })
@Import(Api.class)
class SharedRateLimitTest {

    @Autowired
    Api api;

    @Autowired
    Instances instances;

    @Autowired
    DSLContext dsl;

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

    @Test
    void eachInstanceGivesAClientItsShareOfTheAllowance() throws Exception {
        instances.beat();
        assertThat(instances.live()).isEqualTo(1);
        assertThat(allowed("203.0.113.10")).isEqualTo(6);

        dsl.execute("insert into service_instance (id, host, started_at, seen_at) "
                + "values (gen_random_uuid(), 'other:8080', now(), now())");
        instances.beat();
        assertThat(instances.live()).isEqualTo(2);
        assertThat(allowed("203.0.113.11")).isEqualTo(3);

        // the other instance stops beating: after three heartbeats it no longer counts
        dsl.execute("update service_instance set seen_at = now() - interval '4 hours' where host = 'other:8080'");
        instances.beat();
        assertThat(instances.live()).isEqualTo(1);
        assertThat(allowed("203.0.113.12")).isEqualTo(6);
        assertThat(dsl.fetchCount(dsl.selectFrom("service_instance").where("host = 'other:8080'")))
                .as("long-gone instances are cleared")
                .isZero();
    }
}
