package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;

/**
 * Every document limit at its default, exactly at the limit (answered) and one past it (refused with
 * its code): a limit that counts wrong shows here, whichever way it errs.
 */
@IntegrationTest
class LimitsAtTheEdgeTest {

    @Autowired
    Api api;

    private void answered(String document) {
        answered(api.query(document));
    }

    private static void answered(Api.Response r) {
        assertThat(r.errors().isMissingNode() || r.errors().isEmpty())
                .as(r.body())
                .isTrue();
        assertThat(r.status()).isEqualTo(200);
    }

    private static void refused(Api.Response r, String code) {
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
    }

    @Test
    void fifteenAliasesAnswerAndSixteenAreRefused() {
        answered(aliases(15));
        refused(api.query(aliases(16)), "TOO_MANY_ALIASES");
    }

    private static String aliases(int n) {
        StringBuilder q = new StringBuilder("{ ");
        for (int i = 0; i < n; i++) {
            q.append("a").append(i).append(": vendors(first: 1) { totalCount } ");
        }
        return q.append("}").toString();
    }

    @Test
    void fiftyDirectivesAnswerAndFiftyOneAreRefused() {
        answered(directives(50));
        refused(api.query(directives(51)), "TOO_MANY_DIRECTIVES");
    }

    private static String directives(int n) {
        return "{ vendors(first: 1) { " + "...F @include(if: true) ".repeat(n)
                + "} } fragment F on VendorConnection { totalCount }";
    }

    @Test
    void threeHundredFieldSelectionsAnswerAndMoreAreRefusedCheaply() {
        answered(fields(300));
        refused(api.query(fields(301)), "TOO_MANY_FIELDS");
        // graphql-cop's field duplication: 500 copies of one field
        refused(api.query("{ " + "__typename ".repeat(500) + "}"), "TOO_MANY_FIELDS");
    }

    /** vendors, totalCount and n - 2 copies of __typename: n field selections. */
    private static String fields(int n) {
        return "{ vendors(first: 1) { totalCount " + "__typename ".repeat(n - 2) + "} }";
    }

    @Test
    void twelveLevelsAnswerAndThirteenAreRefused() {
        String eleven =
                "{ vendors(first: 1) { edges { node { relationships { subject { relationships { object { relationships { subject {"
                        + " relationships { object { %s } } } } } } } } } } } }";
        answered(eleven.formatted("slug"));
        refused(api.query(eleven.formatted("relationships { type }")), "QUERY_TOO_DEEP");
    }

    @Test
    void twentyFiveThousandNodesAnswerAndOneMoreIsRefused() {
        // nodes = 1 + a (the first list) + 301 + 400 b + 100 b c (the nested one): 25,000 for a = 98, b = 6, c = 37
        String query = """
                query($a: Int!, $b: Int!, $c: Int!) {
                  count: vendors(first: $a) { totalCount }
                  vendors(first: 100) { edges { node { allegations(first: $b) { edges { node {
                    vendors { sanctionActions(first: $c) { totalCount } } } } } } } }
                }""";
        answered(api.query(query, Map.of("a", 98, "b", 6, "c", 37)));
        Api.Response past = api.query(query, Map.of("a", 99, "b", 6, "c", 37));
        refused(past, "QUERY_TOO_LARGE");
        assertThat(past.errors().path(0).path("message").asString()).contains("about 25001 nodes");
    }

    @Test
    void aHundredItemsInAListAnswerAndOneMoreIsRefused() {
        String id = api.query("{ vendor(slug: \"nso-group\") { id } }")
                .ok()
                .path("vendor")
                .path("id")
                .asString();
        answered(api.query(
                "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", Collections.nCopies(100, id))));
        refused(
                api.query(
                        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", Collections.nCopies(101, id))),
                "INPUT_LIST_TOO_LONG");
        String literal =
                "{ nodes(ids: [" + String.join(", ", Collections.nCopies(101, "\"" + id + "\"")) + "]) { id } }";
        refused(api.query(literal), "INPUT_LIST_TOO_LONG");
    }

    @Test
    void twoThousandTokensAnswerAndOneMoreIsRefused() {
        String id = api.query("{ vendor(slug: \"nso-group\") { id } }")
                .ok()
                .path("vendor")
                .path("id")
                .asString();
        String atLimit = withTokens(2000, id);
        assertThat(tokens(atLimit)).isEqualTo(2000);
        answered(atLimit);
        String past = withTokens(2001, id);
        refused(api.query(past), "TOO_MANY_TOKENS");
    }

    /** A valid document of exactly n parser tokens: lists of ids (each id one token), topped up with __typename. */
    private static String withTokens(int n, String id) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 16; i++) { // 15 aliases and the field itself: within the alias limit
            parts.add((i == 0 ? "" : "a" + i + ": ") + "nodes(ids: ["
                    + String.join(" ", Collections.nCopies(100, "\"" + id + "\"")) + "]) { id }");
        }
        String base = "{ " + String.join(" ", parts) + " __typename }";
        int missing = n - tokens(base);
        assertThat(missing).isPositive();
        return "{ " + String.join(" ", parts) + " __typename" + " __typename".repeat(missing) + " }";
    }

    /** The number of tokens graphql-java's parser counts in the document (the smallest maxTokens that parses it). */
    static int tokens(String document) {
        int low = 1;
        int high = 100_000;
        while (low < high) {
            int mid = (low + high) / 2;
            try {
                Parser.parse(ParserEnvironment.newParserEnvironment()
                        .document(document)
                        .parserOptions(
                                ParserOptions.newParserOptions().maxTokens(mid).build())
                        .build());
                high = mid;
            } catch (RuntimeException tooMany) {
                low = mid + 1;
            }
        }
        return low;
    }

    @Test
    void aBodyOf64KiBIsReadAndOneByteMoreGets413() {
        String atLimit = body(65_536);
        assertThat(atLimit.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(65_536);
        answered(api.post(atLimit, "application/json"));
        Api.Response past = api.post(body(65_537), "application/json");
        assertThat(past.status()).isEqualTo(413);
        assertThat(past.errorCode()).isEqualTo("REQUEST_TOO_LARGE");
    }

    /** A JSON request of exactly n bytes: { __typename } after a comment that fills the rest. */
    private static String body(int n) {
        String shell = "{\"query\":\"#\\n{ __typename }\"}";
        String padding = "x".repeat(n - shell.length());
        return "{\"query\":\"#" + padding + "\\n{ __typename }\"}";
    }
}
