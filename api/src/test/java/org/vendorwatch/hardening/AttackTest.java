package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;

/**
 * The attack classes graphql-cop and the OWASP GraphQL cheat sheet list: each is refused before it
 * runs, with its stable code, and a normal query still answers promptly while a burst of them runs.
 */
@IntegrationTest
class AttackTest {

    @Autowired
    Api api;

    private void refused(Api.Response r, String code) {
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.data().isMissingNode() || r.data().isNull())
                .as("nothing executed: " + r.body())
                .isTrue();
    }

    static String aliasOverloading() {
        StringBuilder q = new StringBuilder("{ ");
        for (int i = 0; i < 16; i++) {
            q.append("a").append(i).append(": vendors(first: 1) { totalCount } ");
        }
        return q.append("}").toString();
    }

    static String fieldDuplication() {
        return "{ vendors(first: 1) { edges { node { " + "name ".repeat(2500) + "} } } }";
    }

    static String directiveOverloading() {
        return "{ vendors(first: 1) { " + "...F @include(if: true) ".repeat(51)
                + "} } fragment F on VendorConnection { totalCount }";
    }

    static String deepNesting() {
        return "{ vendors(first: 1) { edges { node { relationships { subject { relationships { object { relationships { subject {"
                + " relationships { object { relationships { type } } } } } } } } } } } } }";
    }

    static String hugePage() {
        return "{ vendors(first: 100) { edges { node { allegations(first: 100) { edges { node { vendors { "
                + "sanctionActions(first: 100) { edges { node { listedName } } } } } } } } } } }";
    }

    @Test
    void aliasOverloadingIsRefused() {
        refused(api.query(aliasOverloading()), "TOO_MANY_ALIASES");
    }

    @Test
    void fieldDuplicationRunsOutOfTokens() {
        refused(api.query(fieldDuplication()), "TOO_MANY_TOKENS");
    }

    @Test
    void directiveOverloadingIsRefused() {
        refused(api.query(directiveOverloading()), "TOO_MANY_DIRECTIVES");
    }

    @Test
    void tenCopiesOfAnUnknownDirectiveAreOneError() {
        // graphql-cop's directive overloading check flags a server that answers ten errors here
        Api.Response r = api.query("query { __typename " + "@aa ".repeat(10) + "}");
        assertThat(r.errors().size()).as(r.body()).isEqualTo(1);
        assertThat(r.errors().path(0).path("locations").size()).isEqualTo(10);
        assertThat(r.errorCode()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void circularFragmentsAreRefused() {
        refused(
                api.query(
                        "query { vendors { ...A } } fragment A on VendorConnection { ...B } fragment B on VendorConnection { ...A }"),
                "GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void deepNestingIsRefused() {
        refused(api.query(deepNesting()), "QUERY_TOO_DEEP");
    }

    @Test
    void hugePagesAreRefused() {
        refused(api.query("{ vendors(first: 101) { totalCount } }"), "PAGE_SIZE");
        refused(api.query("{ vendors(first: 100000) { totalCount } }"), "QUERY_TOO_LARGE");
        refused(api.query(hugePage()), "QUERY_TOO_LARGE");
    }

    @Test
    void introspectionStaysOnButItsAbuseIsRefused() {
        // the full introspection query clients generate code from still works
        assertThat(api.query(
                                "{ __schema { queryType { name } types { name fields { name type { name kind ofType { name kind ofType { name kind ofType { name } } } } } } } }")
                        .ok()
                        .path("__schema")
                        .path("types")
                        .size())
                .isGreaterThan(20);
        String abuse =
                "{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }";
        Api.Response r = api.query(abuse);
        assertThat(r.errorCode()).as(r.body()).isIn("QUERY_TOO_LARGE", "QUERY_TOO_DEEP");
    }

    @Test
    void arrayBatchingIsRefused() {
        Api.Response r =
                api.post("[{\"query\":\"{ __typename }\"},{\"query\":\"{ __typename }\"}]", "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void anOversizedBodyGets413() {
        String padding = "#" + "x".repeat(70_000) + "\n";
        Api.Response r =
                api.post(Api.JSON.writeValueAsString(Map.of("query", padding + "{ __typename }")), "application/json");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    void tooManyErrorsAreSummarised() {
        StringBuilder q = new StringBuilder("{ ");
        for (int i = 0; i < 30; i++) {
            q.append("f").append(i).append(" ");
        }
        Api.Response r = api.query(q.append("}").toString());
        assertThat(r.errors().size()).isEqualTo(21);
        assertThat(r.errors().path(20).path("extensions").path("code").asString())
                .isEqualTo("TOO_MANY_ERRORS");
    }

    @Test
    void aNormalQueryStillAnswersWhileABurstOfAttacksRuns() throws Exception {
        List<String> attacks =
                List.of(aliasOverloading(), fieldDuplication(), directiveOverloading(), deepNesting(), hugePage());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> burst = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            burst.add(pool.submit(() -> {
                int sent = 0;
                while (running.get() && sent < 400) {
                    api.query(attacks.get((offset + sent) % attacks.size()));
                    sent++;
                }
                return sent;
            }));
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long t0 = System.nanoTime();
            api.query(
                            "{ vendor(slug: \"nso-group\") { name sanctionActions(first: 5) { edges { node { listedName } } } } }")
                    .ok();
            times.add((System.nanoTime() - t0) / 1_000_000);
        }
        running.set(false);
        int sent = 0;
        for (Future<Integer> f : burst) {
            sent += f.get();
        }
        pool.shutdown();
        times.sort(null);
        long median = times.get(times.size() / 2);
        long worst = times.getLast();
        System.out.printf(
                "burst of %d refused attack requests; normal query during it: median %d ms, slowest %d ms%n",
                sent, median, worst);
        assertThat(sent).isGreaterThan(20);
        // refusals cost almost nothing, so a normal query keeps its usual time even with 2 cores shared
        assertThat(median).as("median normal query during the burst, ms").isLessThan(500);
        assertThat(worst).as("slowest normal query during the burst, ms").isLessThan(3000);
    }
}
