package org.vendorwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import org.vendorwatch.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * The GraphQL over HTTP spec's own audit (the graphql-http library's serverAudits, run by Node.js
 * against this service): every MUST, SHOULD and MAY passes, with no warning or notice.
 */
@IntegrationTest
class GraphQlHttpAuditTest {

    @Autowired
    Api api;

    @Test
    void theSpecsOwnAuditPassesEveryCheck() throws Exception {
        List<String> lines = Node.run("graphql-http-audit", "audit.mjs", api.url("/graphql"));
        assertThat(lines.size()).as("graphql-http ran its audits").isGreaterThan(50);
        List<String> notOk = lines.stream()
                .filter(l -> {
                    JsonNode r = Api.JSON.readTree(l);
                    return !"ok".equals(r.path("status").asString());
                })
                .toList();
        assertThat(notOk).as("audits that warn, fail or notice").isEmpty();
    }

    @Test
    void deferIsNeitherAdvertisedNorSilentlyIgnored() throws Exception {
        assertThat(api.query("{ __schema { directives { name } } }")
                        .ok()
                        .path("__schema")
                        .path("directives")
                        .findValuesAsString("name"))
                .contains("include", "skip", "deprecated")
                .doesNotContain("defer", "experimental_disableErrorPropagation");
        var sdl = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url("/graphql/schema")))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(sdl.body())
                .contains("type Vendor")
                .doesNotContain("@defer")
                .doesNotContain("experimental_disableErrorPropagation");
        Api.Response deferred = api.query("{ vendors(first: 1) { edges { node { slug ... @defer { name } } } } }");
        assertThat(deferred.errorCode()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(deferred.errors().path(0).path("message").asString()).contains("@defer is not supported");
    }
}
