package org.vendorwatch.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vendorwatch.VendorwatchApplication;
import org.vendorwatch.bulk.Releases;
import org.vendorwatch.platform.embedded.EmbeddedPostgres;
import org.vendorwatch.platform.limits.Instances;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service on one primary and one streaming replica, all on this machine: the
 * replica is a real hot standby of the embedded PostgreSQL (base backup, replication slot), started
 * from the same bundled binaries. Instance A and instance B share nothing but the databases. While the
 * replica's replay is paused, anonymous reads through B visibly come from the replica (they miss a
 * write A just made) while the editor who wrote reads it at once through B; a replica too far behind,
 * or killed, leaves reads answered by the primary; the change feed is exact on either database;
 * releases written through A download from B.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaLoopbackTest {

    private static final String DB = "scaleout";
    /** Reads may come from a replica this far behind; the lag test waits past it. */
    private static final Duration MAX_LAG = Duration.ofSeconds(6);

    static Path base;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static Api apiA;
    static Api apiB;
    static EmbeddedPostgres primary;
    static EmbeddedPostgres replica;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        base = Files.createTempDirectory("vw-replicas-");
        // the server may run as 'nobody' (when the JVM is root): let it through
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        int replicaPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            replicaPort = socket.getLocalPort();
        }
        // A starts first: it creates the primary, migrates and seeds it; its replica is not there yet
        a = instance(replicaPort);
        primary = a.getBean(EmbeddedPostgres.class);
        replica = primary.startReplica(base.resolve("replica"), replicaPort, true);
        b = instance(replicaPort);
        apiA = new Api(a.getEnvironment());
        apiB = new Api(b.getEnvironment());
        for (ConfigurableApplicationContext c : List.of(a, b)) {
            ReplicaRouting routing = (ReplicaRouting) c.getBean(javax.sql.DataSource.class);
            eventually(
                    "the replica serves " + c.getId(),
                    () -> routing.replicas().getFirst().up());
            // each instance sees the other: rate limits give a client half its allowance on each
            Instances instances = c.getBean(Instances.class);
            eventually("two live instances", () -> instances.live() == 2);
        }
    }

    private static ConfigurableApplicationContext instance(int replicaPort) {
        return new SpringApplicationBuilder(VendorwatchApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--server.port=0",
                        "--vendorwatch.database.data-dir=" + base.resolve("primary"),
                        "--vendorwatch.database.name=" + DB,
                        "--vendorwatch.database.watchdog=false",
                        "--vendorwatch.auth.issuer-uri=" + Tokens.ISSUER,
                        "--vendorwatch.auth.audience=" + Tokens.AUDIENCE,
                        "--vendorwatch.auth.jwk-set-uri=" + Tokens.jwksUri(),
                        "--vendorwatch.auth.userinfo-uri=" + Tokens.userinfoUri(),
                        "--vendorwatch.limits.rate.enabled=false",
                        "--vendorwatch.audit.sealing=false",
                        "--vendorwatch.replicas.urls=jdbc:postgresql://127.0.0.1:" + replicaPort + "/" + DB,
                        "--vendorwatch.replicas.max-lag=" + MAX_LAG.toSeconds() + "s",
                        "--vendorwatch.replicas.check-interval=200ms",
                        "--vendorwatch.limits.instances.interval=300ms",
                        "--vendorwatch.read.keep-answers-slower-than=0ms");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {b, a}) {
            if (c != null) {
                c.close();
            }
        }
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
        try (var paths = Files.walk(base)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private static void replay(boolean on) throws Exception {
        try (Connection c = replica.connect("postgres", EmbeddedPostgres.SUPERUSER);
                var st = c.createStatement()) {
            st.execute(on ? "select pg_wal_replay_resume()" : "select pg_wal_replay_pause()");
        }
    }

    private static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("waited a minute for: " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode vendor(Api api, String slug, String token) {
        return api.query("query($s: String!) { vendor(slug: $s) { slug name } }", Map.of("s", slug), token)
                .ok()
                .path("vendor");
    }

    private static String createVendor(String slug) {
        Api.Response r = apiA.query(
                "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { code } } }",
                Map.of("input", Map.of("slug", slug, "name", "Vendor " + slug, "kind", "COMPANY")),
                Tokens.editor());
        assertThat(r.ok().path("createVendor").path("userErrors").size())
                .as(r.body())
                .isZero();
        return r.ok().path("createVendor").path("vendor").path("id").asString();
    }

    @Test
    @Order(1)
    void aWriteThroughOneInstanceIsReadThroughTheOtherAndTheEditorReadsItAtOnce() throws Exception {
        replay(false);
        try {
            createVendor("written-through-a");
            // the editor who wrote reads it at once through the other instance: editors read the primary
            assertThat(vendor(apiB, "written-through-a", Tokens.editor())
                            .path("name")
                            .asString())
                    .isEqualTo("Vendor written-through-a");
            // an anonymous reader is served by the replica, which has not replayed the write yet
            assertThat(vendor(apiB, "written-through-a", null).isNull())
                    .as("anonymous reads come from the paused replica")
                    .isTrue();
            assertThat(vendor(apiA, "written-through-a", null).isNull()).isTrue();
        } finally {
            replay(true);
        }
        eventually(
                "the replica replays the write",
                () -> !vendor(apiB, "written-through-a", null).isNull());
        assertThat(vendor(apiB, "written-through-a", null).path("name").asString())
                .isEqualTo("Vendor written-through-a");
    }

    @Test
    @Order(2)
    void aReplicaFurtherBehindThanTheBoundIsSkipped() throws Exception {
        ReplicaRouting routing = (ReplicaRouting) b.getBean(javax.sql.DataSource.class);
        replay(false);
        try {
            createVendor("past-the-bound");
            assertThat(vendor(apiB, "past-the-bound", null).isNull()).isTrue();
            long paused = System.nanoTime();
            // once the replica is more than the bound behind, the primary answers anonymous reads too
            eventually(
                    "the lagging replica is skipped",
                    () -> !vendor(apiB, "past-the-bound", null).isNull());
            assertThat(Duration.ofNanos(System.nanoTime() - paused)).isGreaterThan(MAX_LAG.minusSeconds(2));
            assertThat(routing.replicas().getFirst().up()).isFalse();
            assertThat(routing.replicas().getFirst().lagSeconds()).isGreaterThan(MAX_LAG.toSeconds() - 1.0);
        } finally {
            replay(true);
        }
        eventually(
                "the replica serves again once it caught up",
                () -> routing.replicas().getFirst().up());
    }

    private static final String FEED = "query($after: String) { changes(first: 7, after: $after) { edges { node { "
            + "id operation recordType recordId } } pageInfo { endCursor hasNextPage } } }";

    /** The whole feed, page by page, through one instance as one kind of reader; the last item is the end cursor. */
    private static List<String> wholeFeed(Api api, String token) {
        List<String> events = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", after);
            JsonNode page = api.query(FEED, vars, token).ok().path("changes");
            page.path("edges").forEach(e -> events.add(e.path("node").toString()));
            after = page.path("pageInfo").path("endCursor").asString();
            if (!page.path("pageInfo").path("hasNextPage").asBoolean()) {
                events.add(after);
                return events;
            }
        }
    }

    @Test
    @Order(3)
    void theChangeFeedIsExactOnEitherDatabase() throws Exception {
        ReplicaRouting routing = (ReplicaRouting) b.getBean(javax.sql.DataSource.class);
        eventually("the replica serves", () -> routing.replicas().getFirst().up());
        // the primary's feed (an editor's reads) and the replica's (anonymous) are the same events in the same order
        eventually("the replica has every event", () -> wholeFeed(apiB, null).equals(wholeFeed(apiB, Tokens.editor())));
        // a cursor from the primary, used on a replica that has not replayed its event yet: nothing new, no error
        replay(false);
        try {
            int before = wholeFeed(apiB, Tokens.editor()).size();
            createVendor("feed-ahead");
            eventually(
                    "the primary's feed has the new events",
                    () -> wholeFeed(apiB, Tokens.editor()).size() > before);
            String newest = wholeFeed(apiB, Tokens.editor()).getLast();
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", newest);
            Api.Response onReplica = apiB.query(FEED, vars, null);
            assertThat(onReplica.errorCode()).as(onReplica.body()).isEmpty();
            assertThat(onReplica.ok().path("changes").path("edges").size()).isZero();
            assertThat(onReplica
                            .ok()
                            .path("changes")
                            .path("pageInfo")
                            .path("endCursor")
                            .asString())
                    .isEqualTo(newest);
        } finally {
            replay(true);
        }
        eventually(
                "the replica has every event again",
                () -> wholeFeed(apiB, null).equals(wholeFeed(apiA, Tokens.editor())));
    }

    private static double keptAnswersReused() {
        return io.micrometer.core.instrument.Metrics.globalRegistry
                .find("vendorwatch.read.answers")
                .tag("statement", "unchanged")
                .counters()
                .stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    private static long vendorCount(Api api) {
        return api.query("{ vendors(first: 1) { totalCount } }")
                .ok()
                .path("vendors")
                .path("totalCount")
                .asLong();
    }

    /**
     * A replica keeps answers too (the newsroom's hot page is read from replicas): keyed by the WAL
     * position it had replayed, so an answer is reused only until the replica replays the next write.
     */
    @Test
    @Order(4)
    void aReplicaReusesAnAnswerOnlyUntilItReplaysTheNextWrite() throws Exception {
        ReplicaRouting routing = (ReplicaRouting) b.getBean(javax.sql.DataSource.class);
        eventually("the replica serves", () -> routing.replicas().getFirst().up());
        long before = vendorCount(apiB);
        vendorCount(apiB); // kept from this run on (keep-answers-slower-than is 0 here)
        double reused = keptAnswersReused();
        assertThat(vendorCount(apiB)).isEqualTo(before);
        assertThat(vendorCount(apiB)).isEqualTo(before);
        assertThat(keptAnswersReused()).as("answers reused on the replica").isGreaterThan(reused);
        createVendor("kept-answer-invalidated");
        // the replica replays the write: its position moves, and the kept answer is not served again
        eventually("the new vendor is counted", () -> vendorCount(apiB) == before + 1);
        assertThat(vendorCount(apiB)).isEqualTo(before + 1);
        assertThat(vendorCount(apiA)).isEqualTo(before + 1);
    }

    private static HttpResponse<byte[]> download(Api api, String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(api.url(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(5)
    void aReleaseWrittenThroughOneInstanceDownloadsFromTheOther() throws Exception {
        Releases.Manifest written = a.getBean(Releases.class).create().manifest();
        Releases.FileEntry vendors = written.files().stream()
                .filter(f -> f.name().equals("vendors.csv"))
                .findFirst()
                .orElseThrow();
        // B (anonymous: from the replica, once it has replayed the release)
        eventually("B serves the release", () -> download(apiB, vendors.url()).statusCode() == 200);
        byte[] body = download(apiB, vendors.url()).body();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
                .isEqualTo(vendors.sha256());
        assertThat(apiB.query("{ releases { id } }").ok().path("releases").findValuesAsString("id"))
                .contains(written.release());
    }

    @Test
    @Order(6)
    void killingTheReplicaLeavesReadsAnsweredByThePrimary() throws Exception {
        ReplicaRouting routing = (ReplicaRouting) b.getBean(javax.sql.DataSource.class);
        eventually("the replica serves", () -> routing.replicas().getFirst().up());
        createVendor("after-the-replica");
        eventually(
                "the replica has the vendor",
                () -> !vendor(apiB, "after-the-replica", null).isNull());
        ProcessHandle server =
                ProcessHandle.of(replica.serverPid().orElseThrow()).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        // a read in flight on the dead replica may fail; after that, every read is answered by the primary
        eventually(
                "reads are answered again",
                () -> vendor(apiB, "after-the-replica", null)
                        .path("name")
                        .asString()
                        .equals("Vendor after-the-replica"));
        for (int i = 0; i < 20; i++) {
            for (Api api : List.of(apiA, apiB)) {
                assertThat(vendor(api, "after-the-replica", null).path("name").asString())
                        .isEqualTo("Vendor after-the-replica");
            }
        }
        assertThat(routing.replicas().getFirst().up()).isFalse();
    }
}
