package org.vendorwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Base of write-side tests: the test key set, a way to send mutations with a token, row counts. */
public abstract class EditingSupport {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("vendorwatch.auth.jwk-set-uri", Tokens::jwksUri);
        registry.add("vendorwatch.auth.userinfo-uri", Tokens::userinfoUri);
    }

    @Autowired
    protected Api api;

    @Autowired
    protected DSLContext dsl;

    @Autowired
    protected org.vendorwatch.platform.read.Documents documents;

    /**
     * After every write test, the read model equals a rebuild from the tables: no stored document is
     * stale, whatever the test wrote and however (mutations, curation, direct SQL); once the
     * background pass has run, every vendor has its documents again.
     */
    @org.junit.jupiter.api.AfterEach
    void readModelEqualsARebuild() throws java.sql.SQLException {
        assertThat(documents.differences().differing())
                .as("stored documents unequal to a rebuild")
                .isEmpty();
        documents.refreshPending();
        var after = documents.differences();
        assertThat(after.differing()).as("documents unequal to a rebuild").isEmpty();
        assertThat(after.missing()).as("vendors without documents").isZero();
    }

    /** Runs a document as the given token (null: anonymous). */
    protected Api.Response as(String token, String query, Map<String, Object> variables) {
        return api.query(query, variables, token);
    }

    /** Runs a mutation as the demo editor and returns its payload, asserting it has no user errors. */
    protected JsonNode edit(String mutation, Map<String, Object> input) {
        Api.Response r = as(Tokens.editor(), mutation, Map.of("input", input));
        JsonNode payload = r.ok().properties().iterator().next().getValue();
        assertThat(payload.path("userErrors").size()).as(r.body()).isZero();
        return payload;
    }

    /** A citation input of a source. */
    protected static Map<String, Object> cite(String sourceId) {
        return Map.of("sourceId", sourceId, "confidence", "MEDIUM", "quote", "as quoted in the test");
    }

    /** Adds a source (as the editor) and returns its id. */
    protected String newSource(String url) {
        return edit(
                        "mutation($input: AddSourceInput!) { addSource(input: $input) { source { id } created userErrors { field message code } } }",
                        Map.of(
                                "url",
                                url,
                                "title",
                                "A test article",
                                "publisher",
                                "Test Press",
                                "kind",
                                "NEWS",
                                "publishedOn",
                                "2024-03"))
                .path("source")
                .path("id")
                .asString();
    }

    /** Adds a name (as the editor, MEDIUM confidence, citing the source) to a vendor; returns the payload. */
    protected JsonNode addName(String vendorId, String name, String kind, String sourceId) {
        return edit(
                "mutation($input: AddVendorNameInput!) { addVendorName(input: $input) { name { id } userErrors { field message code } } }",
                Map.of(
                        "vendorId",
                        vendorId,
                        "name",
                        name,
                        "kind",
                        kind,
                        "confidence",
                        "MEDIUM",
                        "sources",
                        List.of(cite(sourceId))));
    }

    /** Creates a vendor (as the editor) and returns its id. */
    protected String newVendor(String slug) {
        return edit(
                        "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { field message code } } }",
                        Map.of("slug", slug, "name", "Vendor " + slug, "kind", "COMPANY"))
                .path("vendor")
                .path("id")
                .asString();
    }

    /** Runs a mutation as the editor expecting this user-error code among its errors, and checks nothing was written. */
    protected JsonNode refused(String mutation, Map<String, Object> input, String code) {
        String before = fingerprint();
        Api.Response r = as(Tokens.editor(), mutation, Map.of("input", input));
        assertThat(r.errors().isMissingNode() || r.errors().isEmpty())
                .as(r.body())
                .isTrue();
        JsonNode payload = r.data().properties().iterator().next().getValue();
        List<String> codes = payload.path("userErrors").findValuesAsString("code");
        assertThat(codes).as(r.body()).contains(code);
        assertThat(fingerprint()).as("nothing written").isEqualTo(before);
        return payload;
    }

    /** A fingerprint of everything an editor can write: row counts of every table. */
    protected String fingerprint() {
        return dsl.fetch("""
                select string_agg(t || '=' || n, ',' order by t) from (
                  select 'vendor' t, count(*) n from vendor union all select 'vendor_name', count(*) from vendor_name
                  union all select 'source', count(*) from source union all select 'citation', count(*) from citation
                  union all select 'allegation', count(*) from allegation union all select 'sanction_action', count(*) from sanction_action
                  union all select 'sanction_event', count(*) from sanction_event union all select 'audit_event', count(*) from audit_event
                  union all select 'vendor_jurisdiction', count(*) from vendor_jurisdiction
                  union all select 'vendor_relationship', count(*) from vendor_relationship union all select 'product', count(*) from product
                  union all select 'product_vendor', count(*) from product_vendor union all select 'vendor_statement', count(*) from vendor_statement
                  union all select 'allegation_vendor', count(*) from allegation_vendor
                  union all select 'allegation_development', count(*) from allegation_development
                  union all select 'vendor_note', count(*) from vendor_note union all select 'vendor_identifier', count(*) from vendor_identifier
                  union all select 'withdrawal', count(*) from withdrawal union all select 'vendor_merge', count(*) from vendor_merge
                  union all select 'sanction_authority', count(*) from sanction_authority
                  union all select 'sanction_program', count(*) from sanction_program
                  union all select 'revisions', (select coalesce(sum(revision), 0) from vendor) + (select coalesce(sum(revision), 0) from vendor_name)
                    + (select coalesce(sum(revision), 0) from source) + (select coalesce(sum(revision), 0) from allegation)
                    + (select coalesce(sum(revision), 0) from sanction_action) + (select coalesce(sum(revision), 0) from vendor_relationship)
                    + (select coalesce(sum(revision), 0) from sanction_event) + (select coalesce(sum(revision), 0) from vendor_jurisdiction)
                    + (select coalesce(sum(revision), 0) from vendor_note) + (select coalesce(sum(revision), 0) from vendor_statement)
                    + (select coalesce(sum(revision), 0) from product) + (select coalesce(sum(revision), 0) from product_vendor)
                    + (select coalesce(sum(revision), 0) from allegation_development)
                    + (select coalesce(sum(revision), 0) from vendor_identifier)) x
                """).get(0).get(0, String.class);
    }

    /** The global id of the seeded vendor with this slug, and its revision. */
    protected JsonNode vendor(String slug) {
        return api.query(
                        "query($s: String!) { vendor(slug: $s) { id revision name names { id name kind revision } } }",
                        Map.of("s", slug))
                .ok()
                .path("vendor");
    }

    /** The global id of a seeded source. */
    protected String anySourceId() {
        return api.query("{ sources(first: 1) { edges { node { id } } } }")
                .ok()
                .path("sources")
                .path("edges")
                .path(0)
                .path("node")
                .path("id")
                .asString();
    }
}
