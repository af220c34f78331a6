package org.vendorwatch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;

/**
 * A client that disconnects in the middle of a large export leaves no COPY running, no transaction
 * open and no connection taken. The database of its own holds 200,000 extra sources.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=bulk_disconnect",
            "vendorwatch.limits.rate.enabled=false"
        })
@Import(Api.class)
class ExportDisconnectTest {

    @Autowired
    Api api;

    @Autowired
    DSLContext dsl;

    @Autowired
    DataSource dataSource;

    @Test
    void aClientThatGoesAwayMidExportLeavesNothingStuck() throws Exception {
        // plain JDBC: the fixture is no request, so the service's per-statement timeout (jOOQ's
        // queryTimeout) must not cut it short on a busy machine
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("""
                    insert into source (url, title, publisher, kind, access, note)
                    select 'https://example.org/bulk/' || i, 'Synthetic source ' || i, 'Synthetic publisher', 'NEWS', 'SEEN', repeat('x', 200)
                    from generate_series(1, 200000) i""");
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<InputStream> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.url("/bulk/sources.jsonl")))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                assertThat(in.readNBytes(64 * 1024).length).isEqualTo(64 * 1024);
            } // closed after 64 KB of some 70 MB
        }
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        long deadline = System.currentTimeMillis() + 20_000;
        int copies;
        int active;
        do {
            Thread.sleep(200);
            copies = ((Number) dsl.fetchValue(
                            "select count(*) from pg_stat_activity where query ilike 'copy%' and state <> 'idle' "
                                    + "and pid <> pg_backend_pid()"))
                    .intValue();
            active = pool.getHikariPoolMXBean().getActiveConnections();
        } while ((copies > 0 || active > 1) && System.currentTimeMillis() < deadline);
        assertThat(copies).as("COPY statements still running").isZero();
        assertThat(active)
                .as("connections still taken (besides the one asking)")
                .isLessThanOrEqualTo(1);
        int openTransactions = ((Number)
                        dsl.fetchValue("select count(*) from pg_stat_activity where state like 'idle in transaction%'"))
                .intValue();
        assertThat(openTransactions).isZero();
        // and the export still works for the next client
        String whole = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.url("/bulk/vendors.csv")))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(whole.lines().count()).isEqualTo(13);
    }
}
