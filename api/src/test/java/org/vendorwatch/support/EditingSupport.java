package org.vendorwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

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
    }

    @Autowired
    protected Api api;
    @Autowired
    protected DSLContext dsl;

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
                  union all select 'revisions', (select coalesce(sum(revision), 0) from vendor) + (select coalesce(sum(revision), 0) from vendor_name)
                    + (select coalesce(sum(revision), 0) from source) + (select coalesce(sum(revision), 0) from allegation)
                    + (select coalesce(sum(revision), 0) from sanction_action) + (select coalesce(sum(revision), 0) from vendor_relationship)) x
                """).get(0).get(0, String.class);
    }

    /** The global id of the seeded vendor with this slug, and its revision. */
    protected JsonNode vendor(String slug) {
        return api.query("query($s: String!) { vendor(slug: $s) { id revision name names { id name kind revision } } }",
                Map.of("s", slug)).ok().path("vendor");
    }

    /** The global id of a seeded source. */
    protected String anySourceId() {
        return api.query("{ sources(first: 1) { edges { node { id } } } }").ok().path("sources").path("edges").path(0).path("node").path("id").asString();
    }
}
