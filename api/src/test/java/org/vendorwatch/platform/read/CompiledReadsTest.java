package org.vendorwatch.platform.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * The compiled read path answers exactly what the field-by-field path answers, for the arguments,
 * orders, pages, fragments and errors a client uses (every field of every covered type is compared by
 * {@link CompiledFieldsTest}): every query here runs both ways on the curated seed and the two JSON
 * answers must be equal, including ids, cursors, dates, order, nulls and errors. Each query must also really take the
 * compiled path (counted by the {@code vendorwatch.read.path} metric), so a compiler that silently
 * falls back everywhere fails here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=compiled_reads",
            // every compiled statement keeps its last answer: the comparisons below read them too
            "vendorwatch.read.keep-answers-slower-than=0ms",
            "vendorwatch.limits.rate.enabled=false"
        })
@Import(Api.class)
class CompiledReadsTest {

    @Autowired
    Api api;

    @Autowired
    CompiledReads compiled;

    @AfterEach
    void compiledAgain() {
        compiled.setEnabled(true);
    }

    private JsonNode same(String query, Map<String, Object> variables) {
        return new BothPaths(api, compiled).same(query, variables);
    }

    private static double answers(String how) {
        var c = io.micrometer.core.instrument.Metrics.globalRegistry
                .find("vendorwatch.read.answers")
                .tag("statement", how)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Autowired
    org.jooq.DSLContext dsl;

    @Test
    void anAnswerIsReusedUntilAWriteIsCommittedAndNeverAfter() {
        String page = "{ vendors(first: 50) { edges { node { slug name names { name kind } } } } }";
        String first = api.query(page).body();
        double unchanged = answers("unchanged");
        assertThat(api.query(page).body()).isEqualTo(first);
        assertThat(answers("unchanged"))
                .as("nothing committed: the last answer")
                .isEqualTo(unchanged + 1);
        String slug = api.query(page)
                .ok()
                .path("vendors")
                .path("edges")
                .path(0)
                .path("node")
                .path("slug")
                .asString();
        String name =
                dsl.fetchOne("select name from vendor where slug = ?", slug).get(0, String.class);
        try {
            dsl.execute("update vendor set name = name || ' (renamed)' where slug = ?", slug); // committed
            JsonNode after = api.query(page).ok();
            assertThat(after.toString()).contains(name + " (renamed)");
            assertThat(new BothPaths(api, compiled).same(page, Map.of())).isEqualTo(after);
        } finally {
            dsl.execute("update vendor set name = ? where slug = ?", name, slug);
        }
        assertThat(api.query(page).body()).isEqualTo(first);
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
                    after = page.path("pageInfo").path("hasNextPage").asBoolean()
                            ? page.path("pageInfo").path("endCursor").asString()
                            : null;
                    pages++;
                } while (after != null && pages < 50);
                assertThat(pages).as("pages of %s %s", field, direction).isGreaterThan(1);
            }
        }
    }

    @Test
    void filters() {
        List<Map<String, Object>> filters = new ArrayList<>(List.of(
                Map.of("sanctioned", true),
                Map.of("sanctioned", false),
                Map.of("jurisdictions", List.of("IL")),
                Map.of("jurisdictions", List.of("IL", "GR"), "jurisdictionRoles", List.of("HEADQUARTERS")),
                Map.of("sanctionAuthorities", List.of("US_BIS")),
                Map.of("sanctionPrograms", List.of("US_SDN")),
                Map.of("text", "nso"),
                Map.of("text", "Intellexa"),
                Map.of("kinds", List.of("CONSORTIUM", "CORPORATE_GROUP"))));
        // a String variable that shapes the statement is never taken for a parameter: each text its own answer
        for (String text : List.of("nso", "Intellexa", "candiru")) {
            same(
                    "query($t: String) { vendors(first: 50, filter: {text: $t}) { totalCount edges { node { slug } } } }",
                    Map.of("t", text));
        }
        for (Map<String, Object> filter : filters) {
            same(
                    "query($f: VendorFilter) { vendors(first: 50, filter: $f) { totalCount edges { cursor node { slug isSanctioned } } } }",
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
        String after = first.path("first")
                .path("allegations")
                .path("pageInfo")
                .path("endCursor")
                .asString();
        assertThat(after).isNotBlank();
        same(query, Map.of("slug", "nso-group", "after", after, "withNames", false));
    }

    @Test
    void connectionsWithoutEdges() {
        same("{ vendors(filter: {text: \"zzzz-nothing\"}) { totalCount } }", Map.of());
        same("{ vendors { __typename totalCount pageInfo { hasPreviousPage } } }", Map.of());
        same("{ vendors(first: 3) { pageInfo { hasNextPage endCursor } } }", Map.of());
        same(
                "{ vendor(slug: \"nso-group\") { allegations(status: [RETRACTED]) { totalCount } sanctionActions { totalCount } } }",
                Map.of());
    }

    @Test
    void invalidArgumentsGetTheFieldByFieldErrors() {
        for (String query : List.of(
                "{ vendors(first: 0) { totalCount } }",
                "{ vendors(first: 101) { totalCount } }",
                "{ vendors(after: \"bm90LWEtY3Vyc29y\") { totalCount } }",
                "{ vendors(filter: {text: \"\"}) { totalCount } }",
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
        double before = BothPaths.compiledCount();
        JsonNode data = api.query("{ vendor(slug: \"nso-group\") { slug relationships { type } } }")
                .ok();
        assertThat(data.path("vendor").path("slug").asString()).isEqualTo("nso-group");
        assertThat(BothPaths.compiledCount()).isEqualTo(before);
    }
}
