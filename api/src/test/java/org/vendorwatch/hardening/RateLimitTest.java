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
import org.vendorwatch.support.Api;

/** Anonymous clients are limited per IP; X-Forwarded-For counts only when a trusted proxy sends it. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.limits.rate.anonymous-per-second=1000",
            "vendorwatch.limits.rate.anonymous-per-minute=5",
            "vendorwatch.limits.rate.trusted-proxies=127.0.0.1"
        })
@Import(Api.class)
class RateLimitTest {

    @Autowired
    Api api;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String forwardedFor) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(api.url("/graphql")))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientOverItsAllowanceGets429WithRetryAfterWhileOthersGoOn() throws Exception {
        int limited = 0;
        HttpResponse<String> refused = null;
        // the per-minute allowance bites: 5 tokens, one more every 12 s, so the outcome does not depend
        // on how fast the requests go (a per-second bucket refilled during a slow CI run)
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = post("203.0.113.7");
            if (r.statusCode() == 429) {
                limited++;
                refused = r;
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(5);
        assertThat(refused.headers().firstValue("Retry-After").orElseThrow()).matches("\\d+");
        assertThat(refused.body()).contains("RATE_LIMITED");
        // another client behind the same trusted proxy has its own bucket
        assertThat(post("198.51.100.9").statusCode()).isEqualTo(200);
        // a spoofed chain: the right-most untrusted hop is the client, so prepending addresses does not help
        assertThat(post("192.0.2.1, 203.0.113.7").statusCode()).isEqualTo(429);
    }
}
