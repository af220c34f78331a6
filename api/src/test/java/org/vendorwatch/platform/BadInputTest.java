package org.vendorwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;

/** Every client mistake gets a clear error with a stable code, and nothing internal leaks. */
@IntegrationTest
class BadInputTest {

    @Autowired
    Api api;

    private Api.Response refused(Api.Response r, String code) {
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.errors().path(0).path("message").asString()).isNotBlank();
        assertNoInternals(r.body());
        return r;
    }

    static void assertNoInternals(String body) {
        assertThat(body)
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("org.")
                .doesNotContain("java.")
                .doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("sql")
                .doesNotContain("\tat ")
                .doesNotContain("jooq")
                .doesNotContain("constraint");
    }

    @Test
    void pageSizeOutsideItsRange() {
        refused(api.query("{ vendors(first: 0) { totalCount } }"), "PAGE_SIZE");
        refused(api.query("{ vendors(first: 101) { totalCount } }"), "PAGE_SIZE");
        refused(api.query("{ allegations(first: -5) { totalCount } }"), "PAGE_SIZE");
        refused(api.query("{ vendor(slug: \"nso-group\") { allegations(first: 1000) { totalCount } } }"), "PAGE_SIZE");
        refused(api.query("{ search(query: \"nso\", first: 51) { score } }"), "PAGE_SIZE");
    }

    @Test
    void malformedOrForeignCursors() {
        refused(api.query("{ vendors(after: \"not-a-cursor\") { totalCount } }"), "INVALID_CURSOR");
        refused(api.query("{ vendors(after: \"\") { totalCount } }"), "INVALID_CURSOR");
        String vendorCursor = api.query("{ vendors(first: 1) { pageInfo { endCursor } } }")
                .ok()
                .path("vendors")
                .path("pageInfo")
                .path("endCursor")
                .asString();
        refused(
                api.query("query($c: String) { sources(after: $c) { totalCount } }", Map.of("c", vendorCursor)),
                "INVALID_CURSOR");
        // a cursor issued for one order is refused for another
        refused(
                api.query(
                        "query($c: String) { vendors(after: $c, orderBy: {field: NAME, direction: DESC}) { totalCount } }",
                        Map.of("c", vendorCursor)),
                "INVALID_CURSOR");
        refused(
                api.query(
                        "query($c: String) { vendors(after: $c, orderBy: {field: UPDATED_AT}) { totalCount } }",
                        Map.of("c", vendorCursor)),
                "INVALID_CURSOR");
    }

    @Test
    void unknownEnumValuesAndFields() {
        refused(api.query("{ allegations(filter: {statuses: [BOGUS]}) { totalCount } }"), "GRAPHQL_VALIDATION_FAILED");
        refused(
                api.query(
                        "query($s: [AllegationStatus!]) { allegations(filter: {statuses: $s}) { totalCount } }",
                        Map.of("s", java.util.List.of("BOGUS"))),
                "GRAPHQL_VALIDATION_FAILED");
        refused(api.query("{ vendorz { id } }"), "GRAPHQL_VALIDATION_FAILED");
        refused(
                api.query("{ sanctionActions(filter: {from: \"2021-13-45\"}) { totalCount } }"),
                "GRAPHQL_VALIDATION_FAILED");
        // the same Date rules for variables as for literals, with a message saying what is wrong
        String byDate = "query($d: Date) { sanctionActions(filter: {from: $d}) { totalCount } }";
        Api.Response impossible = api.query(byDate, Map.of("d", "2021-02-30"));
        refused(impossible, "GRAPHQL_VALIDATION_FAILED");
        assertThat(impossible.body()).contains("Not a valid date (YYYY-MM-DD): 2021-02-30");
        Api.Response shortDate = api.query(byDate, Map.of("d", "2021-2-3"));
        refused(shortDate, "GRAPHQL_VALIDATION_FAILED");
        assertThat(shortDate.body()).contains("A Date must be YYYY-MM-DD.");
        Api.Response number = api.query(byDate, Map.of("d", 20210203));
        refused(number, "GRAPHQL_VALIDATION_FAILED");
        assertThat(number.body()).contains("A Date must be a string YYYY-MM-DD.");
        refused(api.query("{ vendors(filter: {jurisdictions: [\"Israel\"]}) { totalCount } }"), "INVALID_ARGUMENT");
    }

    @Test
    void emptyOrHugeSearchStrings() {
        refused(api.query("{ search(query: \"\") { score } }"), "INVALID_ARGUMENT");
        refused(api.query("{ search(query: \"    \") { score } }"), "INVALID_ARGUMENT");
        refused(
                api.query("query($q: String!) { search(query: $q) { score } }", Map.of("q", "x".repeat(20_000))),
                "INVALID_ARGUMENT");
        refused(
                api.query(
                        "query($q: String!) { vendors(filter: {text: $q}) { totalCount } }",
                        Map.of("q", "x".repeat(20_000))),
                "INVALID_ARGUMENT");
    }

    @Test
    void garbageAndUnknownIds() {
        refused(api.query("{ node(id: \"garbage!!\") { id } }"), "INVALID_ID");
        refused(api.query("{ node(id: \"VmVuZG9yOmFiYw\") { id } }"), "INVALID_ID"); // Vendor:abc
        refused(api.query("{ node(id: \"RXZpbDox\") { id } }"), "INVALID_ID"); // Evil:1
        assertThat(api.query("{ node(id: \"VmVuZG9yOjk5OTk5OQ\") { id } }")
                        .ok()
                        .path("node")
                        .isNull())
                .isTrue(); // Vendor:999999
        String many = "[" + "\"VmVuZG9yOjE\",".repeat(101) + "\"VmVuZG9yOjE\"]";
        refused(api.query("{ nodes(ids: " + many + ") { id } }"), "INPUT_LIST_TOO_LONG");
    }

    @Test
    void malformedRequestsGetHttp4xxWithCodes() {
        var r = refused(api.post("{\"query\": ", "application/json"), "MALFORMED_REQUEST");
        assertThat(r.status()).isEqualTo(400);
        r = refused(
                api.post("[{\"query\":\"{ __typename }\"},{\"query\":\"{ __typename }\"}]", "application/json"),
                "MALFORMED_REQUEST");
        assertThat(r.status()).isEqualTo(400);
        r = refused(api.post("{ __typename }", "text/plain"), "UNSUPPORTED_MEDIA_TYPE");
        assertThat(r.status()).isEqualTo(415);
        r = refused(api.query("{ vendors { "), "GRAPHQL_PARSE_FAILED");
        assertThat(r.data().isMissingNode() || r.data().isNull()).isTrue();
    }
}
