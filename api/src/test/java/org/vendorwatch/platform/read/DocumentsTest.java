package org.vendorwatch.platform.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The read model (vendor documents): what it holds, that the compiled path reads it and answers what
 * the tables answer, and that it is never stale. The background pass is off here (an hour apart), so
 * every document present right after a mutation was rebuilt by the mutation's own transaction.
 * {@link EditingSupport} checks after each test that every stored document equals a rebuild.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=documents",
            "vendorwatch.auth.issuer-uri=" + Tokens.ISSUER,
            "vendorwatch.auth.audience=" + Tokens.AUDIENCE,
            "vendorwatch.limits.rate.enabled=false",
            "vendorwatch.read.documents-interval=1h",
            "vendorwatch.read.documents-delay=1h"
        })
@Import(Api.class)
class DocumentsTest extends EditingSupport {

    @Autowired
    CompiledReads compiled;

    @AfterEach
    void compiledAgain() {
        compiled.setEnabled(true);
    }

    private Documents.Shapes shapes() {
        Documents.Shapes shapes = documents.shapes();
        assertThat(shapes).isNotNull();
        return shapes;
    }

    @Test
    void documentsHoldWhatANewsroomPageReadsAndNothingThatChangesWithTheClock() {
        Documents.Shapes shapes = shapes();
        assertThat(shapes.type()).isEqualTo("Vendor");
        assertThat(shapes.fields()).containsOnlyKeys("names", "sanctionActions", "allegations");
        Documents.Shape action = shapes.fields().get("sanctionActions").element();
        assertThat(action.fields())
                .containsKeys("id", "actionType", "effectiveOn", "liftedOn", "citation", "url", "authority", "program")
                // in force and status turn with the date, without a write: read from the tables
                .doesNotContainKeys("isActive", "status")
                // another vendor's record, kept in that vendor's document
                .doesNotContainKeys("vendor", "affiliatedVendor");
        assertThat(action.fields().get("program").fields()).containsKeys("code", "name", "authority");
        Documents.Shape allegation = shapes.fields().get("allegations").element();
        assertThat(allegation.fields()).containsKeys("title", "summary", "status", "sources");
        assertThat(allegation.fields().get("sources").many()).isTrue();
        assertThat(shapes.fields().get("names").element().fields()).containsKeys("name", "kind", "isCanonical");
    }

    /** A query selecting everything the documents hold, for one vendor by slug. */
    private String everything(int first) {
        Documents.Shapes shapes = shapes();
        StringBuilder q = new StringBuilder("query($slug: String!) { vendor(slug: $slug) { slug");
        shapes.fields().forEach((field, stored) -> {
            q.append(' ').append(field);
            if (stored.connection()) {
                q.append("(first: ")
                        .append(first)
                        .append(") { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }")
                        .append(" edges { cursor node ")
                        .append(selection(stored.element()))
                        .append(" } }");
            } else {
                q.append(' ').append(selection(stored.element()));
            }
        });
        return q.append(" } }").toString();
    }

    private static String selection(Documents.Shape shape) {
        StringBuilder s = new StringBuilder("{ __typename");
        shape.fields().forEach((name, nested) -> {
            s.append(' ').append(name);
            if (nested != null) {
                s.append(' ').append(selection(nested));
            }
        });
        return s.append(" }").toString();
    }

    private List<String> slugs() {
        return dsl.fetch("select slug from vendor order by slug").getValues(0, String.class);
    }

    @Test
    void theCompiledPathReadsTheDocumentsAndAnswersWhatTheTablesAnswer() throws SQLException {
        BothPaths both = new BothPaths(api, compiled);
        for (String slug : slugs()) {
            for (int first : List.of(1, 2, 100)) { // a part of each list, and all of it
                both.same(everything(first), Map.of("slug", slug));
            }
        }
        // it really reads them: a document changed behind the service's back shows in the answer
        String slug = dsl.fetchOne("select v.slug from vendor v join vendor_name n on n.vendor_id = v.id limit 1")
                .get(0, String.class);
        dsl.execute("""
                update vendor_document d set value = jsonb_set(value, '{0,name}', '"from the document"')
                from vendor v where v.id = d.vendor_id and v.slug = ? and d.field = 'names'""", slug);
        JsonNode names = api.query("query($s: String!) { vendor(slug: $s) { names { name } } }", Map.of("s", slug))
                .ok()
                .path("vendor")
                .path("names");
        assertThat(names.path(0).path("name").asString()).isEqualTo("from the document");
        // and the check every write test ends with sees it
        assertThat(documents.differences().differing())
                .singleElement()
                .asString()
                .endsWith(".names");
        dsl.execute("delete from vendor_document d using vendor v where v.id = d.vendor_id and v.slug = ?", slug);
        documents.refreshPending();
        assertThat(documents.differences().differing()).isEmpty();
    }

    @Test
    void aMutationRebuildsItsVendorsDocumentsBeforeItCommits() throws SQLException {
        double rebuilds = rebuilds();
        JsonNode vendor = vendor("nso-group");
        String source = newSource("https://example.org/documents-test");
        addName(vendor.path("id").asString(), "Documents Test Alias", "AKA", source);
        // no background pass has run: the mutation's transaction rebuilt the document, and timed it
        assertThat(rebuilds()).isGreaterThan(rebuilds);
        Documents.Differences now = documents.differences();
        assertThat(now.missing())
                .as("vendors without documents right after the mutation")
                .isZero();
        assertThat(now.differing()).isEmpty();
        JsonNode names = api.query(
                        "query($s: String!) { vendor(slug: $s) { names { name } } }", Map.of("s", "nso-group"))
                .ok()
                .path("vendor")
                .path("names");
        assertThat(names.findValuesAsString("name")).contains("Documents Test Alias");

        // a source's publisher is part of every allegation that cites it, on every vendor
        edit(
                "mutation($input: UpdateSourceInput!) { updateSource(input: $input) { userErrors { field message code } } }",
                Map.of(
                        "id",
                        source,
                        "expectedRevision",
                        1,
                        "publisher",
                        "Renamed Press",
                        "changeNote",
                        "Publisher renamed."));
        now = documents.differences();
        assertThat(now.missing()).isZero();
        assertThat(now.differing()).isEmpty();
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double rebuilds() {
        return meters.get("vendorwatch.read.documents.rebuild").timer().count();
    }

    @Test
    void aQueuedVendorsDocumentIsNotRead() throws SQLException {
        // a write outside the service may commit while the service rebuilds the vendor from an older
        // snapshot: until the background pass has run, the queued vendor is read from the tables
        String slug = "intellexa-sa";
        dsl.execute("""
                update vendor_document d set value = jsonb_set(value, '{0,name}', '"stale"')
                from vendor v where v.id = d.vendor_id and v.slug = ? and d.field = 'names'""", slug);
        dsl.execute("insert into vendor_document_stale (vendor_id) select id from vendor where slug = ?", slug);
        new BothPaths(api, compiled).same(everything(100), Map.of("slug", slug));
        assertThat(documents.refreshPending()).isEqualTo(1);
        assertThat(documents.differences().differing()).isEmpty();
    }

    @Autowired
    org.vendorwatch.platform.embedded.EmbeddedPostgres pg;

    @Test
    void anInstanceOfAnotherVersionNeitherReadsNorWritesTheDocuments() throws SQLException {
        // a rolling upgrade: an instance of the next version started and installed its definition
        String slug = "nso-group";
        String mine = documents.shapes().definition();
        dsl.execute("""
                update vendor_document d set value = jsonb_set(value, '{0,name}', '"another version"')
                from vendor v where v.id = d.vendor_id and v.slug = ? and d.field = 'names'""", slug);
        dsl.execute("update read_model_state set definition = 'the next version' where name = 'vendor_document'");
        try {
            // this instance reads the tables, not documents of another shape
            new BothPaths(api, compiled).same(everything(100), Map.of("slug", slug));
            // and writes no documents: not in a mutation's transaction, not in the background pass
            String vendor = api.query("{ vendor(slug: \"nso-group\") { id } }")
                    .ok()
                    .path("vendor")
                    .path("id")
                    .asString();
            addName(vendor, "NSO (rolling upgrade test)", "AKA", newSource("https://example.org/rolling-upgrade"));
            documents.refreshPending();
            assertThat(dsl.fetchCount(dsl.selectFrom("vendor_document")
                            .where("vendor_id = (select id from vendor where slug = ?)", slug)))
                    .isZero();
        } finally {
            dsl.execute("update read_model_state set definition = ? where name = 'vendor_document'", mine);
        }
        // back on its definition, the background pass fills the vendor again (and @AfterEach compares all)
        documents.refreshPending();
        assertThat(documents.differences().missing()).isZero();
    }

    @Test
    void truncatingATableTheDocumentsReadDropsThemAll() throws SQLException {
        assertThat(dsl.fetchCount(dsl.selectFrom("vendor_document"))).isPositive();
        // the service's role may not truncate; the owner may (an operator with psql)
        try (java.sql.Connection owner = pg.connect("documents", "documents")) {
            owner.setAutoCommit(false);
            try (var st = owner.createStatement()) {
                st.execute("truncate allegation_vendor");
                try (var rs = st.executeQuery("select count(*) from vendor_document")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
            owner.rollback(); // the truncation and the dropped documents are undone together
        }
        assertThat(dsl.fetchCount(dsl.selectFrom("vendor_document"))).isPositive();
    }

    @Test
    void aWriteOutsideTheServiceFallsBackToTheTablesUntilTheBackgroundPass() throws SQLException {
        String slug = "candiru";
        // psql, a bulk load: the triggers drop the vendor's documents in the writing transaction
        dsl.execute(
                "update vendor_name set note = 'edited with psql' where vendor_id = (select id from vendor where slug = ?)",
                slug);
        assertThat(documents.differences().missing()).isEqualTo(1);
        new BothPaths(api, compiled).same(everything(100), Map.of("slug", slug));
        assertThat(documents.refreshPending()).isEqualTo(1);
        assertThat(documents.differences().missing()).isZero();
    }
}
