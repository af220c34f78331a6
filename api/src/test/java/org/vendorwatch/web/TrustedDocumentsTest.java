package org.vendorwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.Tokens;

/**
 * Trusted-documents mode: anonymous callers run only the registered documents of the manifest, by
 * hash; signed-in callers may still send any document.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.limits.rate.enabled=false",
            "vendorwatch.persisted-queries.trusted-only=true",
            "vendorwatch.persisted-queries.manifest=classpath:graphql-test/persisted-manifest.json",
            "vendorwatch.auth.issuer-uri=" + Tokens.ISSUER,
            "vendorwatch.auth.audience=" + Tokens.AUDIENCE
        })
@Import(Api.class)
class TrustedDocumentsTest extends EditingSupport {

    static final String REGISTERED =
            "query Newsroom { vendors(first: 3) { totalCount edges { node { slug name isSanctioned } } } }";

    private Map<String, Object> hashOf(String document) throws Exception {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueriesTest.sha256(document)));
    }

    @Test
    void anonymousCallersRunOnlyRegisteredDocuments() throws Exception {
        Api.Response registered =
                api.post(Api.JSON.writeValueAsString(Map.of("extensions", hashOf(REGISTERED))), "application/json");
        assertThat(registered.ok().path("vendors").path("totalCount").asInt()).isEqualTo(12);

        Api.Response text = api.post(
                Api.JSON.writeValueAsString(Map.of("query", "{ vendors(first: 1) { totalCount } }")),
                "application/json");
        assertThat(text.status()).isEqualTo(403);
        assertThat(text.errorCode()).isEqualTo("PERSISTED_QUERY_REQUIRED");
        String other = "{ vendors(first: 2) { totalCount } }";
        Api.Response unregistered = api.post(
                Api.JSON.writeValueAsString(Map.of("query", other, "extensions", hashOf(other))), "application/json");
        assertThat(unregistered.status()).isEqualTo(403);

        // an editor's tools may send any document
        Api.Response signedIn = as(Tokens.editor(), "{ vendors(first: 1) { totalCount } }", Map.of());
        assertThat(signedIn.ok().path("vendors").path("totalCount").asInt()).isEqualTo(12);
    }
}
