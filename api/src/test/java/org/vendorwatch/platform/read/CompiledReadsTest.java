package org.vendorwatch.platform.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * The compiled read path answers exactly what the field-by-field path answers: every query here runs
 * both ways on the curated seed (real sanctions, allegations, sources) and the two JSON answers must be
 * equal, including ids, cursors, dates, order, nulls and errors. Each query must also really take the
 * compiled path (counted by the {@code vendorwatch.read.path} metric), so a compiler that silently
 * falls back everywhere fails here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vendorwatch.database.ephemeral=true", "vendorwatch.database.name=compiled_reads",
                "vendorwatch.limits.rate.enabled=false"})
@Import(Api.class)
class CompiledReadsTest {

    private static final String VENDOR_FIELDS = """
            fragment V on Vendor {
              __typename id slug name kind status description foundedYear foundedConfidence website isSanctioned
              revision createdAt updatedAt
              names { __typename id revision name kind listedIn validFrom validFromPrecision validTo validToPrecision weak confidence note }
              legal: names(kinds: [LEGAL_NAME, LISTED_NAME]) { name kind }
              aliases { name kind }
              sanctionActions(first: 100) {
                __typename totalCount
                pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
                edges { __typename cursor node {
                  __typename id revision targetKind targetName programDetail actionType title announcedOn publishedOn
                  effectiveOn liftedOn isActive citation documentNumber pressRelease url licenseRequirement
                  licenseExceptions licensePolicy listedName listedAliases listedAddress reason confidence notes
                  authority { __typename code name countryCode }
                  program { code name authority { code } }
                  vendor { slug } affiliatedVendor { slug name }
                } }
              }
              allegations(first: 100) {
                totalCount pageInfo { hasNextPage endCursor }
                edges { cursor node {
                  id revision title summary category status statusReason firstReportedOn firstReportedOnPrecision
                  reportedBy confidence notes vendor { slug }
                  sources { __typename id revision url title publisher publishedOn publishedOnPrecision kind access
                            citation archivedUrl seenVia relatedUrls note }
                } }
              }
            }
            """;

    @Autowired
    Api api;
    @Autowired
    CompiledReads compiled;

    @AfterEach
    void compiledAgain() {
        compiled.setEnabled(true);
    }

    /** Runs the query field by field, then compiled; asserts equal answers and that it was compiled. */
    private JsonNode same(String query, Map<String, Object> variables) {
        compiled.setEnabled(false);
        Api.Response fieldByField = api.query(query, variables);
        compiled.setEnabled(true);
        double before = compiledCount();
        Api.Response answer = api.query(query, variables);
        assertThat(compiledCount()).as("took the compiled path: %s", query).isEqualTo(before + 1);
        assertThat(answer.json()).as("compiled answer of %s %s", query, variables).isEqualTo(fieldByField.json());
        // byte for byte, too: caches and ETags see one answer whichever path served it
        assertThat(answer.body()).as("compiled body of %s", query).isEqualTo(fieldByField.body());
        assertThat(answer.status()).isEqualTo(fieldByField.status());
        return answer.ok();
    }

    private static double compiledCount() {
        var counter = Metrics.globalRegistry.find("vendorwatch.read.path").tag("path", "compiled").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void everyVendorBySlugWithEveryCoveredField() {
        JsonNode all = same("{ vendors(first: 100) { totalCount edges { node { slug } } } }", Map.of());
        assertThat(all.path("vendors").path("totalCount").asInt()).isGreaterThan(10).isLessThanOrEqualTo(100);
        int sanctioned = 0;
        int withSources = 0;
        for (JsonNode edge : all.path("vendors").path("edges")) {
            JsonNode v = same("query($slug: String!) { vendor(slug: $slug) { ...V } }" + VENDOR_FIELDS,
                    Map.of("slug", edge.path("node").path("slug").asString())).path("vendor");
            sanctioned += v.path("sanctionActions").path("totalCount").asInt() > 0 ? 1 : 0;
            for (JsonNode a : v.path("allegations").path("edges")) {
                withSources += a.path("node").path("sources").size() > 0 ? 1 : 0;
            }
        }
        // the seed really exercises the nested shapes
        assertThat(sanctioned).isGreaterThan(5);
        assertThat(withSources).isGreaterThan(5);
        same("{ vendor(slug: \"no-such-vendor\") { slug } }", Map.of());
    }

    @Test
    void everyOrderPagedToTheEnd() {
        for (String field : List.of("NAME", "UPDATED_AT", "CREATED_AT")) {
            for (String direction : List.of("ASC", "DESC")) {
                String after = null;
                int pages = 0;
                do {
                    Map<String, Object> vars = new HashMap<>();
                    vars.put("order", Map.of("field", field, "direction", direction));
                    vars.put("after", after);
                    JsonNode page = same("""
                            query($order: VendorOrder, $after: String) {
                              vendors(first: 7, after: $after, orderBy: $order) {
                                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                                edges { cursor node { slug name } }
                              }
                            }""", vars).path("vendors");
                    after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asString() : null;
                    pages++;
                } while (after != null && pages < 50);
                assertThat(pages).as("pages of %s %s", field, direction).isGreaterThan(1);
            }
        }
    }

    @Test
    void filters() {
        List<Map<String, Object>> filters = new ArrayList<>(List.of(
                Map.of("sanctioned", true), Map.of("sanctioned", false), Map.of("jurisdictions", List.of("IL")),
                Map.of("jurisdictions", List.of("IL", "GR"), "jurisdictionRoles", List.of("HEADQUARTERS")),
                Map.of("sanctionAuthorities", List.of("US_BIS")), Map.of("sanctionPrograms", List.of("US_SDN")),
                Map.of("text", "nso"), Map.of("text", "Intellexa"), Map.of("kinds", List.of("CONSORTIUM", "CORPORATE_GROUP"))));
        // a String variable that shapes the statement is never taken for a parameter: each text its own answer
        for (String text : List.of("nso", "Intellexa", "candiru")) {
            same("query($t: String) { vendors(first: 50, filter: {text: $t}) { totalCount edges { node { slug } } } }", Map.of("t", text));
        }
        for (Map<String, Object> filter : filters) {
            same("query($f: VendorFilter) { vendors(first: 50, filter: $f) { totalCount edges { cursor node { slug isSanctioned } } } }",
                    Map.of("f", filter));
        }
    }

    @Test
    void nestedPagesFragmentsAliasesAndDirectives() {
        String query = """
                query($slug: String!, $after: String, $withNames: Boolean!) {
                  first: vendor(slug: $slug) {
                    allegations(first: 2) { pageInfo { endCursor hasNextPage } edges { cursor node { title } } }
                    sanctionActions(first: 1) { pageInfo { endCursor } edges { node { id } } }
                  }
                  again: vendor(slug: $slug) {
                    ... on Vendor { theName: name }
                    ...N
                    allegations(first: 2, after: $after) { totalCount pageInfo { hasPreviousPage hasNextPage startCursor } edges { node { title } } }
                    disputed: allegations(status: [DISPUTED, DENIED]) { totalCount edges { node { status } } }
                  }
                  __typename
                }
                fragment N on Vendor { names @include(if: $withNames) { name } aliases @skip(if: $withNames) { name } }
                """;
        JsonNode first = same(query, Map.of("slug", "nso-group", "withNames", true));
        String after = first.path("first").path("allegations").path("pageInfo").path("endCursor").asString();
        assertThat(after).isNotBlank();
        same(query, Map.of("slug", "nso-group", "after", after, "withNames", false));
    }

    @Test
    void connectionsWithoutEdges() {
        same("{ vendors(filter: {text: \"zzzz-nothing\"}) { totalCount } }", Map.of());
        same("{ vendors { __typename totalCount pageInfo { hasPreviousPage } } }", Map.of());
        same("{ vendors(first: 3) { pageInfo { hasNextPage endCursor } } }", Map.of());
        same("{ vendor(slug: \"nso-group\") { allegations(status: [RETRACTED]) { totalCount } sanctionActions { totalCount } } }", Map.of());
    }

    @Test
    void invalidArgumentsGetTheFieldByFieldErrors() {
        for (String query : List.of("{ vendors(first: 0) { totalCount } }", "{ vendors(first: 101) { totalCount } }",
                "{ vendors(after: \"bm90LWEtY3Vyc29y\") { totalCount } }", "{ vendors(filter: {text: \"\"}) { totalCount } }",
                "{ vendors(filter: {jurisdictions: [\"Israel\"]}) { totalCount } }",
                "{ vendor(slug: \"nso-group\") { allegations(first: 1000) { totalCount } } }")) {
            compiled.setEnabled(false);
            Api.Response fieldByField = api.query(query);
            compiled.setEnabled(true);
            Api.Response answer = api.query(query);
            assertThat(answer.json()).as(query).isEqualTo(fieldByField.json());
            assertThat(answer.errorCode()).as(query).isNotBlank();
        }
    }

    @Test
    void compactKeepsStringsWhole() {
        assertThat(CompiledReads.compact("{\"a b\" : [1, \"x, \\\" : y\"], \"c\" : {\"d\" : null}}"))
                .isEqualTo("{\"a b\":[1,\"x, \\\" : y\"],\"c\":{\"d\":null}}");
    }

    @Test
    void fieldsWithoutSqlFormRunFieldByField() {
        double before = compiledCount();
        JsonNode data = api.query("{ vendor(slug: \"nso-group\") { slug relationships { type } } }").ok();
        assertThat(data.path("vendor").path("slug").asString()).isEqualTo("nso-group");
        assertThat(compiledCount()).isEqualTo(before);
    }
}
