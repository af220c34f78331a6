package org.vendorwatch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.platform.AppHome;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Every public record is in a flat file a researcher can join, the CSV opens safely in a spreadsheet
 * and says the same as the JSON Lines, and live files support gzip and conditional requests.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=bulk_complete",
            "vendorwatch.limits.rate.enabled=false"
        })
@Import(Api.class)
class BulkCompletenessTest {

    /** Tables that hold no public record (bookkeeping, derived search and read-model tables, the trail). */
    static final List<String> NOT_RECORDS = List.of(
            "audit_event",
            "audit_pseudonym_key",
            "audit_digest_key",
            "databasechangelog",
            "databasechangeloglock",
            "jurisdiction",
            "seed_state",
            "seed_row",
            "seed_conflict",
            "withdrawal",
            "vendor_merge",
            "search_entry",
            "search_token",
            "search_word",
            // the read model: derived from the records (the bulk files are built from the records)
            "vendor_document",
            "vendor_document_stale",
            "read_model_state",
            // releases are the bulk files themselves
            "release",
            "release_file",
            "release_chunk");

    @Autowired
    Api api;

    @Autowired
    DataSource dataSource;

    @Autowired
    org.vendorwatch.platform.embedded.EmbeddedPostgres pg;

    @Autowired
    BulkQueries bulk;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(api.url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private long count(Connection c, String sql) throws Exception {
        try (var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyTableOfRecordsHasAFlatFileAndEveryRowIsInIt() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (var st = c.createStatement();
                    var rs = st.executeQuery("""
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind = 'r' order by 1""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            List<String> homeless = tables.stream()
                    .filter(t -> !NOT_RECORDS.contains(t) && !Datasets.TABLES.containsKey(t))
                    .toList();
            assertThat(homeless)
                    .as("tables of records with no bulk dataset (Datasets.TABLES)")
                    .isEmpty();
            for (var e : Datasets.TABLES.entrySet()) {
                String table = e.getKey();
                Datasets.Home home = e.getValue();
                String dataset = "(" + Datasets.ALL.get(home.dataset()).select() + ")";
                String missing = table.equals("allegation_vendor")
                        ? "select count(*) from allegation_vendor x where not exists (select 1 from " + dataset
                                + " d where d.id = x.allegation_id and d.vendor_ids @> to_jsonb(x.vendor_id))"
                        : "select count(*) from " + table + " x where not exists (select 1 from " + dataset
                                + " d where d." + home.idColumn() + " = x.id)";
                assertThat(count(c, "select count(*) from " + table))
                        .as(table + " has rows in the seed")
                        .isPositive();
                assertThat(count(c, missing))
                        .as(table + " rows missing from " + home.dataset())
                        .isZero();
            }
            // every citation points at a row of the dataset it names
            String citations = "(" + Datasets.ALL.get("citations").select() + ")";
            long cited = count(c, "select count(*) from " + citations + " x");
            long resolved = 0;
            for (String name : Datasets.ORDER) {
                resolved += count(
                        c,
                        "select count(*) from " + citations + " x where x.claim_dataset = '" + name
                                + "' and exists (select 1 from ("
                                + Datasets.ALL.get(name).select() + ") d where d.id = x.claim_id)");
            }
            assertThat(resolved)
                    .as("citations whose claim is a row of the dataset they name")
                    .isEqualTo(cited)
                    .isPositive();
            // a related URL is a URL (what it is goes in the source's note)
            assertThat(count(c, "select count(*) from source, unnest(related_urls) u where u !~ '^https?://[^ ]+$'"))
                    .isZero();
        }
    }

    @Test
    void everyRecordTypeOfTheSchemaHasADataset() {
        JsonNode types = api.query("{ __schema { types { name kind fields { name } } } }")
                .ok()
                .path("__schema")
                .path("types");
        List<String> missing = new ArrayList<>();
        for (JsonNode t : types) {
            boolean record = t.path("kind").asString().equals("OBJECT")
                    && t.path("fields").findValuesAsString("name").contains("revision");
            if ((record || t.path("name").asString().equals("Citation"))
                    && !Datasets.TYPES.containsKey(t.path("name").asString())) {
                missing.add(t.path("name").asString());
            }
        }
        assertThat(missing)
                .as("record types with no bulk dataset (Datasets.TYPES)")
                .isEmpty();
        assertThat(Datasets.ALL.keySet()).containsAll(Datasets.TYPES.values());
    }

    @Test
    void csvIsSafeInSpreadsheetsAndSaysWhatJsonLinesSay() throws Exception {
        String formula = "=HYPERLINK(\"https://example.org\",\"click\")";
        try (Connection c = pg.connect("bulk_complete", "bulk_complete");
                var st = c.prepareStatement(
                        "insert into source (url, title, publisher, kind, access) values ('https://example.org/formula', ?, '@publisher', 'NEWS', 'SEEN')")) {
            st.setString(1, formula);
            st.execute();
        }
        String csv = new String(get("/bulk/sources.csv").body(), StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("\"'=HYPERLINK(\"\"https://example.org\"\",\"\"click\"\")\"")
                .contains(",'@publisher,")
                .doesNotContain(",=HYPERLINK");
        String jsonl = new String(get("/bulk/sources.jsonl").body(), StandardCharsets.UTF_8);
        JsonNode row = jsonl.lines()
                .map(Api.JSON::readTree)
                .filter(r -> r.path("url").asString().equals("https://example.org/formula"))
                .findFirst()
                .orElseThrow();
        assertThat(row.path("title").asString()).isEqualTo(formula);

        // booleans and timestamps: the same text in CSV as in JSON Lines
        List<String> names = new String(get("/bulk/names.csv").body(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        int weak = List.of(names.getFirst().split(",")).indexOf("weak");
        assertThat(names.stream()
                        .skip(1)
                        .map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[weak])
                        .distinct()
                        .toList())
                .isSubsetOf("true", "false");
        List<String> vendorsCsv = new String(get("/bulk/vendors.csv").body(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        int updated = List.of(vendorsCsv.getFirst().split(",")).indexOf("updated_at");
        String firstCsvTime = vendorsCsv.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[updated];
        String firstJsonTime = Api.JSON
                .readTree(new String(get("/bulk/vendors.jsonl").body(), StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElseThrow())
                .path("updated_at")
                .asString();
        assertThat(firstCsvTime)
                .isEqualTo(firstJsonTime)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?[+-]\\d\\d:\\d\\d");
    }

    @Test
    void liveFilesAreGzippedOnRequestAndRevalidate() throws Exception {
        HttpResponse<byte[]> plain = get("/bulk/citations.csv");
        HttpResponse<byte[]> zipped = get("/bulk/citations.csv", "Accept-Encoding", "gzip");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(unzipped).isEqualTo(plain.body());
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);

        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(plain.headers().firstValue("Last-Modified")).isPresent();
        assertThat(get("/bulk/citations.csv", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
        // another file of the same data has its own tag
        assertThat(get("/bulk/citations.jsonl", "If-None-Match", etag).statusCode())
                .isEqualTo(200);
        // a write changes the tag
        try (Connection c = pg.connect("bulk_complete", "bulk_complete");
                var st = c.createStatement()) {
            st.execute(
                    "insert into source (url, title, publisher, kind, access) values ('https://example.org/etag', 'ETag', 'Test', 'NEWS', 'SEEN')");
        }
        HttpResponse<byte[]> after = get("/bulk/citations.csv", "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    /** Applies the change feed after {@code after} to the mirror; returns the new cursor and counts the events. */
    private String sync(java.util.Map<String, java.util.Map<Long, JsonNode>> mirror, String after, int[] events) {
        while (true) {
            java.util.Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", after);
            JsonNode page = api.query(
                            "query($after: String) { changes(first: 100, after: $after) { edges { node { bulkRows { dataset id row } } } "
                                    + "pageInfo { endCursor hasNextPage } } }",
                            vars)
                    .ok()
                    .path("changes");
            for (JsonNode edge : page.path("edges")) {
                events[0]++;
                for (JsonNode r : edge.path("node").path("bulkRows")) {
                    var rows = mirror.computeIfAbsent(r.path("dataset").asString(), k -> new java.util.TreeMap<>());
                    if (r.path("row").isNull()) {
                        rows.remove(r.path("id").asLong());
                    } else {
                        rows.put(r.path("id").asLong(), r.path("row"));
                    }
                }
            }
            after = page.path("pageInfo").path("endCursor").asString();
            if (!page.path("pageInfo").path("hasNextPage").asBoolean()) {
                return after;
            }
        }
    }

    private void assertMirrorEqualsTheFiles(java.util.Map<String, java.util.Map<Long, JsonNode>> mirror)
            throws Exception {
        for (String name : Datasets.ORDER) {
            java.util.Map<Long, JsonNode> file = new java.util.TreeMap<>();
            new String(get("/bulk/" + name + ".jsonl").body(), StandardCharsets.UTF_8)
                    .lines()
                    .map(Api.JSON::readTree)
                    .forEach(r -> file.put(r.path("id").asLong(), r));
            assertThat(mirror.getOrDefault(name, java.util.Map.of())).as(name).isEqualTo(file);
        }
    }

    @Test
    void aMirrorThatAppliesTheChangeFeedEndsEqualToTheBulkFiles() throws Exception {
        java.util.Map<String, java.util.Map<Long, JsonNode>> mirror = new java.util.TreeMap<>();
        int[] events = {0};
        // from an empty copy
        String cursor = sync(mirror, null, events);
        assertThat(events[0]).isGreaterThan(500);
        assertMirrorEqualsTheFiles(mirror);
        // then incrementally, through writes whose fields other rows repeat (outside the API too: the audit
        // trail captures every write in the database): a vendor's slug in its names, an act's title in its
        // actions, an action moved to another act (both acts' target counts), a tie moved to another allegation
        try (Connection c = pg.connect("bulk_complete", "bulk_complete");
                var st = c.createStatement()) {
            st.execute("update vendor set slug = 'candiru-ltd' where slug = 'candiru'");
            st.execute(
                    "update sanction_event set title = title || ' (amended)' where id = (select min(event_id) from sanction_action)");
            st.execute(
                    "update sanction_action set event_id = (select max(event_id) from sanction_action) "
                            + "where id = (select min(id) from sanction_action where event_id <> (select max(event_id) from sanction_action))");
            st.execute(
                    "update allegation_vendor set allegation_id = (select max(id) from allegation) "
                            + "where allegation_id = (select min(allegation_id) from allegation_vendor) "
                            + "and vendor_id not in (select vendor_id from allegation_vendor where allegation_id = (select max(id) from allegation)) "
                            + "and (select count(*) from allegation_vendor x where x.allegation_id = (select min(allegation_id) from allegation_vendor)) > 1");
        }
        int before = events[0];
        sync(mirror, cursor, events);
        assertThat(events[0]).isGreaterThan(before + 2);
        assertMirrorEqualsTheFiles(mirror);
    }

    @Test
    void theCitationFileAndTheLicencesMatchTheManifest() throws Exception {
        String cff = Files.readString(AppHome.dir().resolve("CITATION.cff"));
        assertThat(cff)
                .contains("title: \"" + Releases.TITLE + "\"")
                .contains(Releases.LICENCE)
                .contains("Apache-2.0");
        assertThat(Files.readString(AppHome.dir().resolve("LICENSE-DATA")))
                .startsWith("Creative Commons Attribution 4.0 International");
        assertThat(Files.readString(AppHome.dir().resolve("LICENSE"))).startsWith("Apache License");
    }
}
