package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vendorwatch.platform.embedded.EmbeddedPostgres;
import org.vendorwatch.support.Api;

/**
 * A database outage makes readiness fail and queries answer UNAVAILABLE (not a stack trace); once
 * the database is back the service recovers on its own, without a restart. The test runs on a
 * database server of its own, which it stops abruptly and starts again.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.hikari.connection-timeout=1500",
            "vendorwatch.limits.rate.enabled=false",
            "management.endpoint.health.group.readiness.show-details=never",
            "vendorwatch.database.watchdog-interval=500ms"
        })
@Import(Api.class)
class DatabaseOutageTest {

    @DynamicPropertySource
    static void ownServer(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("vendorwatch-outage-");
        dir.toFile().deleteOnExit();
        registry.add("vendorwatch.database.data-dir", () -> dir.resolve("pg").toString());
    }

    @Autowired
    Api api;

    @Autowired
    EmbeddedPostgres pg;

    private final HttpClient http = HttpClient.newHttpClient();

    private int readiness() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(api.url("/actuator/health/readiness")))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private int waitForReadiness(int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last;
        do {
            last = readiness();
            if (last == status) {
                return last;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return last;
    }

    @Test
    void readinessFailsDuringAnOutageAndTheServiceRecoversWithoutRestart() throws Exception {
        assertThat(readiness()).isEqualTo(200);
        pg.suspend();
        try {
            assertThat(waitForReadiness(503, Duration.ofSeconds(20))).isEqualTo(503);
            Api.Response during = api.query("{ vendor(slug: \"nso-group\") { name } }");
            assertThat(during.errorCode()).as(during.body()).isEqualTo("UNAVAILABLE");
            assertThat(during.body()).doesNotContain("Exception").doesNotContain("org.");
        } finally {
            pg.resume();
        }
        assertThat(waitForReadiness(200, Duration.ofSeconds(30))).isEqualTo(200);
        assertThat(api.query("{ vendor(slug: \"nso-group\") { name } }")
                        .ok()
                        .path("vendor")
                        .path("name")
                        .asString())
                .isEqualTo("NSO Group");
    }

    private int status(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(api.url(path))).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /**
     * The embedded PostgreSQL killed mid-service (as the OOM killer or a stray kill -9 would): the service
     * starts it again by itself and answers queries, liveness UP throughout; no hand, no service restart.
     */
    @Test
    void aKilledDatabaseIsStartedAgainAndQueriesAreAnsweredWithoutAHand() throws Exception {
        String query = "{ vendor(slug: \"nso-group\") { name } }";
        assertThat(api.query(query).ok().path("vendor").path("name").asString()).isEqualTo("NSO Group");
        long pid = pg.serverPid().orElseThrow();
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);

        long killed = System.nanoTime();
        long deadline = killed + 60_000_000_000L;
        Api.Response last;
        do {
            Thread.sleep(250);
            last = api.query(query);
            assertThat(status("/actuator/health/liveness"))
                    .as("liveness stays UP while the database comes back")
                    .isEqualTo(200);
        } while (!last.errorCode().isEmpty() && System.nanoTime() < deadline);
        System.out.printf("answered again %d ms after the kill%n", (System.nanoTime() - killed) / 1_000_000);
        assertThat(last.errorCode()).as(last.body()).isEmpty();
        assertThat(last.ok().path("vendor").path("name").asString()).isEqualTo("NSO Group");
        assertThat(pg.serverPid().orElseThrow()).as("a new server process").isNotEqualTo(pid);
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
    }
}
