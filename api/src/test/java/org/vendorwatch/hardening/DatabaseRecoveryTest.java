package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vendorwatch.platform.embedded.EmbeddedPostgres;
import org.vendorwatch.support.Api;

/**
 * The embedded PostgreSQL killed mid-service (as the OOM killer or a stray kill -9 would): the service
 * starts it again by itself and answers queries, liveness UP throughout; no hand, no service restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.hikari.connection-timeout=1500", "vendorwatch.limits.rate.enabled=false",
                "vendorwatch.database.watchdog-interval=500ms"})
@Import(Api.class)
class DatabaseRecoveryTest {

    @DynamicPropertySource
    static void ownServer(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("vendorwatch-recovery-");
        dir.toFile().deleteOnExit();
        registry.add("vendorwatch.database.data-dir", () -> dir.resolve("pg").toString());
    }

    @Autowired
    Api api;
    @Autowired
    EmbeddedPostgres pg;

    private int status(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

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
            assertThat(status("/actuator/health/liveness")).as("liveness stays UP while the database comes back").isEqualTo(200);
        } while (!last.errorCode().isEmpty() && System.nanoTime() < deadline);
        System.out.printf("answered again %d ms after the kill%n", (System.nanoTime() - killed) / 1_000_000);
        assertThat(last.errorCode()).as(last.body()).isEmpty();
        assertThat(last.ok().path("vendor").path("name").asString()).isEqualTo("NSO Group");
        assertThat(pg.serverPid().orElseThrow()).as("a new server process").isNotEqualTo(pid);
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
    }
}
