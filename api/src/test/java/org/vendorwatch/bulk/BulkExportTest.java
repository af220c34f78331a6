package org.vendorwatch.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/** Every export of the seed equals the database; releases verify; FollowTheMoney output is usable. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vendorwatch.database.ephemeral=true", "vendorwatch.limits.rate.enabled=false"})
@Import(Api.class)
class BulkExportTest {

    static Path releasesDir;

    @DynamicPropertySource
    static void releases(DynamicPropertyRegistry registry) throws Exception {
        releasesDir = Files.createTempDirectory("vendorwatch-releases-");
        registry.add("vendorwatch.releases.dir", () -> releasesDir.toString());
    }

    @Autowired
    Api api;

    @Autowired
    DataSource dataSource;

    @Autowired
    org.vendorwatch.platform.embedded.EmbeddedPostgres pg;

    @Autowired
    Releases releases;

    @Autowired
    BulkQueries bulk;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> download(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(api.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void eachCsvExportLoadedIntoAFreshSchemaEqualsTheDatabase() throws Exception {
        // as the owner: the service's own role may create nothing
        try (Connection c = pg.connect("vendorwatch", "vendorwatch");
                var st = c.createStatement()) {
            st.execute("drop schema if exists roundtrip cascade");
            st.execute("create schema roundtrip");
            for (String name : Datasets.ORDER) {
                Datasets.Dataset d = Datasets.ALL.get(name);
                HttpResponse<byte[]> csv = download("/bulk/" + name + ".csv");
                assertThat(csv.statusCode()).isEqualTo(200);
                assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
                String header = new String(csv.body(), StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("");
                assertThat(header)
                        .isEqualTo(String.join(
                                ",",
                                d.columns().stream().map(Datasets.Column::name).toList()));
                // a table with the dataset's own column types, filled from the CSV alone
                st.execute("create table roundtrip." + name + " as " + d.select() + " with no data");
                long loaded = c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                "copy roundtrip." + name + " from stdin with (format csv, header true)",
                                new ByteArrayInputStream(csv.body()));
                // undo the documented spreadsheet guard: text starting with a formula character got an apostrophe
                List<String> types = bulk.columnTypes(name);
                for (int i = 0; i < types.size(); i++) {
                    if (Dictionary.type(types.get(i)).equals("text")) {
                        String col = d.columns().get(i).name();
                        st.execute("update roundtrip." + name + " set " + col + " = substr(" + col + ", 2) where " + col
                                + " ~ '^''[=+\\-@\t\r'']'");
                    }
                }
                long expected;
                try (var rs = st.executeQuery("select count(*) from (" + d.select() + ") t")) {
                    rs.next();
                    expected = rs.getLong(1);
                }
                assertThat(loaded).as(name).isEqualTo(expected).isPositive();
                for (String diff : List.of(
                        "(select * from roundtrip." + name + ") except all (" + d.select() + ")",
                        "(" + d.select() + ") except all (select * from roundtrip." + name + ")")) {
                    try (var rs = st.executeQuery("select count(*) from (" + diff + ") x")) {
                        rs.next();
                        assertThat(rs.getLong(1))
                                .as(name + ": rows differ between the CSV and the database")
                                .isZero();
                    }
                }
            }
            st.execute("drop schema roundtrip cascade");
        }
    }

    @Test
    void jsonLinesHoldOneParsableRowPerLineWithTheSameFields() throws Exception {
        for (String name : Datasets.ORDER) {
            List<String> lines = new String(download("/bulk/" + name + ".jsonl").body(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            List<String> columns = Datasets.ALL.get(name).columns().stream()
                    .map(Datasets.Column::name)
                    .toList();
            for (String line : lines) {
                JsonNode row = Api.JSON.readTree(line);
                List<String> fields = new ArrayList<>();
                row.propertyNames().forEach(fields::add);
                assertThat(fields).as(name).isEqualTo(columns);
            }
            assertThat(lines).as(name).isNotEmpty();
        }
        String nested = new String(download("/bulk/vendors.nested.jsonl").body(), StandardCharsets.UTF_8);
        JsonNode nso = nested.lines()
                .map(Api.JSON::readTree)
                .filter(v -> v.path("slug").asString().equals("nso-group"))
                .findFirst()
                .orElseThrow();
        assertThat(nso.path("sanction_actions").path(0).path("effective_on").asString())
                .isEqualTo("2021-11-04");
        assertThat(nso.path("sanction_actions").path(0).path("sources").size()).isPositive();
        assertThat(nso.path("names").path(0).path("sources").size()).isPositive();
        assertThat(nso.path("statements").size()).isEqualTo(4);
    }

    @Test
    void theFollowTheMoneyExportNamesEachVendorsSanctions() throws Exception {
        List<JsonNode> entities = new String(download("/bulk/ftm.jsonl").body(), StandardCharsets.UTF_8)
                .lines()
                .map(Api.JSON::readTree)
                .toList();
        for (JsonNode e : entities) {
            assertThat(e.path("id").asString()).startsWith("vendorwatch-");
            assertThat(e.path("schema").asString())
                    .isIn(
                            "Company",
                            "Organization",
                            "Person",
                            "Sanction",
                            "UnknownLink",
                            "Membership",
                            "Ownership",
                            "Succession");
            e.path("properties")
                    .properties()
                    .forEach(p ->
                            assertThat(p.getValue().isArray()).as(p.getKey()).isTrue());
        }
        JsonNode candiru = entities.stream()
                .filter(e ->
                        e.path("properties").path("name").path(0).asString().equals("Candiru"))
                .findFirst()
                .orElseThrow();
        assertThat(candiru.path("schema").asString()).isEqualTo("Company");
        assertThat(candiru.path("properties").path("alias").toString())
                .contains("Saito Tech Ltd.")
                .doesNotContain("SOURGUM");
        assertThat(candiru.path("properties").path("weakAlias").toString())
                .contains("SOURGUM"); // a codename, not a name it trades under
        assertThat(candiru.path("properties").path("previousName").toString()).contains("DF Associates Ltd.");
        assertThat(candiru.path("properties").path("country").toString()).contains("il");
        List<JsonNode> sanctions = entities.stream()
                .filter(e -> e.path("schema").asString().equals("Sanction")
                        && e.path("properties")
                                .path("entity")
                                .path(0)
                                .asString()
                                .equals(candiru.path("id").asString()))
                .toList();
        assertThat(sanctions).hasSize(1);
        JsonNode s = sanctions.getFirst().path("properties");
        assertThat(s.path("authority").path(0).asString()).contains("Bureau of Industry and Security");
        assertThat(s.path("startDate").path(0).asString()).isEqualTo("2021-11-04");
        assertThat(s.path("recordId").path(0).asString()).isEqualTo("2021-24123");
        assertThat(entities.stream()
                        .filter(e -> e.path("schema").asString().equals("Person"))
                        .count())
                .isEqualTo(7);
    }

    @Test
    void aReleaseIsImmutableCitableAndItsChecksumsVerify() throws Exception {
        Releases.Outcome firstRun = releases.create();
        assertThat(firstRun.created()).isTrue();
        Releases.Manifest first = firstRun.manifest();
        // nothing changed: no new release, and the run names the one that holds this data
        Releases.Outcome again = releases.create();
        assertThat(again.created()).isFalse();
        assertThat(again.manifest().release()).isEqualTo(first.release());
        assertThat(releases.list()).hasSize(1);
        // a change makes a new release, under a new id
        try (Connection c = pg.connect("vendorwatch", "vendorwatch");
                var st = c.createStatement()) {
            st.execute("insert into source (url, title, publisher, kind, access) values "
                    + "('https://example.org/release-test', 'Release test', 'Test', 'NEWS', 'SEEN')");
        }
        Releases.Manifest second = releases.create().manifest();
        assertThat(second.release()).isEqualTo(first.release() + ".2");
        assertThat(second.rowCounts().get("sources"))
                .isEqualTo(first.rowCounts().get("sources") + 1);
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("select (select count(*) from vendor), (select count(*) from citation)")) {
            rs.next();
            assertThat(second.rowCounts())
                    .containsEntry("vendors", rs.getLong(1))
                    .containsEntry("citations", rs.getLong(2));
        }
        assertThat(first.licence()).isEqualTo("CC-BY-4.0");
        assertThat(first.howToCite()).contains(first.release()).contains(Releases.TITLE);
        assertThat(first.files()).hasSize(Exports.ALL.size() + 1);
        for (Releases.FileEntry f : first.files()) {
            byte[] file = download(f.url()).body();
            assertThat(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(file)))
                    .as(f.name())
                    .isEqualTo(f.sha256());
            assertThat((long) file.length).isEqualTo(f.bytes());
        }
        // immutable: the service's own role can neither change nor remove a release
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement()) {
            for (String sql : List.of(
                    "update release set manifest = '{}' where id = '" + first.release() + "'",
                    "delete from release_chunk where release_id = '" + first.release() + "'",
                    "update release_file set bytes = 0 where release_id = '" + first.release() + "'")) {
                assertThatThrownBy(() -> st.execute(sql)).as(sql).hasMessageContaining("permission denied");
            }
        }
        JsonNode manifest = Api.JSON.readTree(
                download("/bulk/releases/" + first.release() + "/manifest.json").body());
        // the schema version is the last migration applied: the last file the changelog includes before the
        // grants, which rerun on every start
        String changelog = Files.readString(java.nio.file.Path.of("..", "migrations", "changelog.yaml"));
        changelog = changelog.substring(0, changelog.indexOf("changes/999-grants.sql"));
        String last = changelog.substring(changelog.lastIndexOf("changes/") + "changes/".length());
        assertThat(manifest.path("schemaVersion").asString()).isEqualTo(last.substring(0, last.indexOf(".sql")));
        // the audit trail's chain head, sealed just before the snapshot, for researchers to pin
        assertThat(manifest.path("auditTrail").path("head").path("hash").asString())
                .matches("[0-9a-f]{64}");
        assertThat(manifest.path("auditTrail").path("sealedEvents").asLong()).isPositive();
        // sizes are integers in the manifest and in GraphQL
        assertThat(manifest.path("files").path(0).path("bytes").isIntegralNumber())
                .isTrue();
        String dictionary = new String(
                download("/bulk/releases/" + first.release() + "/dictionary.csv")
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(dictionary)
                .startsWith("file,dataset,column,type,nullable,allowed_values,description")
                .contains(
                        "\"vendors.csv vendors.jsonl\",\"vendors\",\"slug\",\"text\",\"no\",\"\",\"URL-safe unique identifier");
        // downloadable by id and as latest; listed in GraphQL
        HttpResponse<byte[]> latest = download("/bulk/releases/latest/vendors.csv");
        assertThat(latest.body())
                .isEqualTo(download("/bulk/releases/" + second.release() + "/vendors.csv")
                        .body());
        assertThat(download("/bulk/releases/latest/sources.csv").body())
                .isNotEqualTo(download("/bulk/releases/" + first.release() + "/sources.csv")
                        .body());
        assertThat(download("/bulk/releases/" + first.release() + "/ftm.jsonl").statusCode())
                .isEqualTo(200);
        assertThat(download("/bulk/releases/" + first.release() + "/..%2Fsecret")
                        .statusCode())
                .isIn(400, 404);
        JsonNode listed = api.query(
                        "{ releases { id licence rowCounts { dataset rows } files { name sha256 size url } } }")
                .ok()
                .path("releases");
        assertThat(listed.path(0).path("files").path(0).path("size").isIntegralNumber())
                .isTrue();
        assertThat(listed.findValuesAsString("id")).containsExactly(second.release(), first.release());
        assertThat(listed.path(0).path("files").findValuesAsString("url"))
                .contains("/bulk/releases/" + second.release() + "/vendors.csv");

        // a release folder an earlier version wrote moves into the database at start-up, if its files verify
        for (String id : List.of("2020-01-01", "2020-01-02")) {
            Path folder = Files.createDirectories(releasesDir.resolve(id));
            tools.jackson.databind.node.ObjectNode old = (tools.jackson.databind.node.ObjectNode) manifest.deepCopy();
            old.put("release", id);
            Files.writeString(folder.resolve("manifest.json"), Api.JSON.writeValueAsString(old));
            for (Releases.FileEntry f : first.files()) {
                Files.write(folder.resolve(f.name()), download(f.url()).body());
            }
        }
        Files.writeString(releasesDir.resolve("2020-01-02").resolve("vendors.csv"), "tampered\n");
        releases.importFolders();
        assertThat(releases.list().stream().map(Releases.Manifest::release))
                .contains("2020-01-01")
                .doesNotContain("2020-01-02");
        assertThat(download("/bulk/releases/2020-01-01/vendors.csv").body())
                .isEqualTo(download("/bulk/releases/" + first.release() + "/vendors.csv")
                        .body());
        assertThat(download("/bulk/releases/2020-01-02/vendors.csv").statusCode())
                .isEqualTo(404);
    }

    @Test
    void anUnknownFileIs404WithACode() throws Exception {
        HttpResponse<byte[]> r = download("/bulk/no_such_dataset.csv");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("NOT_FOUND");
        JsonNode index = Api.JSON.readTree(download("/bulk").body());
        assertThat(index.path("files").findValuesAsString("file"))
                .contains("vendors.csv", "citations.jsonl", "ftm.jsonl", "vendors.nested.jsonl");
    }
}
