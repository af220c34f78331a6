package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import org.vendorwatch.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * Editors are kept safe: the public sees a stable pseudonym per editor, never who it is; a revoked
 * editor stops writing within seconds, not when the token expires; an expired token says so.
 */
@EditingTest
class EditorSafetyTest extends EditingSupport {

    static final String CREATE =
            "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { code } } }";
    static final String RECENT =
            "{ recentChanges(first: 50) { edges { node { mutation actor { pseudonym subject username } } } } }";

    private static String tokenOf(String username) {
        return Tokens.sign(Tokens.claims(username, List.of("editor"), true).build());
    }

    private Api.Response create(String token, String slug) {
        return as(token, CREATE, Map.of("input", Map.of("slug", slug, "name", "Vendor " + slug, "kind", "COMPANY")));
    }

    @Test
    void thePublicSeesAStablePseudonymPerEditorAndEditorsSeeWho() {
        create(tokenOf("alice"), "safety-alice-1").ok();
        create(tokenOf("alice"), "safety-alice-2").ok();
        create(tokenOf("bob"), "safety-bob").ok();
        String subjectOfAlice = Tokens.claims("alice", List.of(), true).build().getSubject();

        Api.Response anonymous = api.query(RECENT);
        assertThat(anonymous.body()).doesNotContain("alice", "bob", subjectOfAlice);
        Set<String> alice = new HashSet<>();
        Set<String> bob = new HashSet<>();
        for (JsonNode e : anonymous.ok().path("recentChanges").path("edges")) {
            JsonNode actor = e.path("node").path("actor");
            assertThat(actor.path("username").isNull()).isTrue();
            assertThat(actor.path("subject").isNull()).isTrue();
            assertThat(actor.path("pseudonym").asString()).matches("editor-[0-9a-f]{12}|seed|database:.*");
        }
        // who is who, as an editor sees it, against what the public sees
        Api.Response signedIn = as(Tokens.editor(), RECENT, Map.of());
        var edges = signedIn.ok().path("recentChanges").path("edges");
        for (JsonNode e : edges) {
            JsonNode actor = e.path("node").path("actor");
            if ("alice".equals(actor.path("username").asString())) {
                alice.add(actor.path("pseudonym").asString());
                assertThat(actor.path("subject").asString()).isEqualTo(subjectOfAlice);
            } else if ("bob".equals(actor.path("username").asString())) {
                bob.add(actor.path("pseudonym").asString());
            }
        }
        assertThat(alice).as("one pseudonym on all of alice's events").hasSize(1);
        assertThat(bob).hasSize(1);
        assertThat(alice).doesNotContainAnyElementsOf(bob);
        // a signed-in non-editor is the public
        assertThat(as(Tokens.viewer(), RECENT, Map.of()).body()).doesNotContain("alice", subjectOfAlice);
    }

    @Test
    void aRemovedRoleOrAnEndedSessionStopsWritesWithinSecondsAndReadsNeverAsk() throws Exception {
        String token = tokenOf("revoked-editor");
        create(token, "safety-revoked-1").ok();
        int calls = Tokens.USERINFO_CALLS.get();
        for (int i = 0; i < 5; i++) {
            as(token, "{ vendors(first: 1) { totalCount } }", Map.of()).ok();
        }
        assertThat(Tokens.USERINFO_CALLS.get())
                .as("reads never call the identity provider")
                .isEqualTo(calls);

        Tokens.removeRole("revoked-editor", "editor");
        try {
            long start = System.nanoTime();
            Api.Response last;
            int attempt = 0;
            do {
                last = create(token, "safety-revoked-" + (++attempt + 1));
                if (last.errors().isEmpty()) {
                    Thread.sleep(500);
                }
            } while (last.errors().isEmpty() && System.nanoTime() - start < 40_000_000_000L);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(last.errorCode()).as(last.body()).isEqualTo("FORBIDDEN");
            assertThat(last.errors().path(0).path("message").asString()).contains("no longer hold");
            assertThat(seconds).as("refused within the bound").isLessThan(30);
        } finally {
            Tokens.restore("revoked-editor");
        }

        String other = tokenOf("logged-out-editor");
        Tokens.endSessions("logged-out-editor");
        try {
            Api.Response r = create(other, "safety-logged-out");
            assertThat(r.errorCode()).as(r.body()).isEqualTo("UNAUTHORIZED");
            assertThat(r.errors().path(0).path("message").asString()).contains("session has ended");
        } finally {
            Tokens.restore("logged-out-editor");
        }
    }

    @Test
    void anExpiredTokenIsRefusedSayingSoBeyondTenSecondsOfSkew() {
        Instant now = Instant.now();
        String expired = Tokens.sign(Tokens.claims("editor", List.of("editor"), true)
                .issueTime(Date.from(now.minusSeconds(400)))
                .notBeforeTime(Date.from(now.minusSeconds(400)))
                .expirationTime(Date.from(now.minusSeconds(15)))
                .build());
        Api.Response r = create(expired, "safety-expired");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("INVALID_TOKEN").contains("expired");
        assertThat(api.query("{ vendor(slug: \"safety-expired\") { id } }")
                        .ok()
                        .path("vendor")
                        .isNull())
                .isTrue();
    }
}
