package org.vendorwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import org.vendorwatch.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * Automatic persisted queries as Apollo Client speaks them (its own persisted-query link, run by
 * Node.js): hashed queries over GET, the document sent once, then cacheable answers with an ETag that
 * a CDN revalidates with 304.
 */
@IntegrationTest
class PersistedQueriesTest {

    @Autowired
    Api api;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void apolloClientsPersistedQueryLinkRegistersOnceThenGetsCacheableAnswers() throws Exception {
        List<JsonNode> lines = Node.run("apollo-persisted", "run.mjs", api.url("/graphql")).stream()
                .map(l -> Api.JSON.readTree(l))
                .toList();
        List<JsonNode> requests = lines.stream()
                .filter(l -> l.has("request"))
                .map(l -> l.path("request"))
                .toList();
        List<JsonNode> results = lines.stream()
                .filter(l -> l.has("result"))
                .map(l -> l.path("result"))
                .toList();
        assertThat(requests).hasSize(3);
        // 1: the hash alone, over GET: unknown yet
        assertThat(requests.get(0).path("method").asString()).isEqualTo("GET");
        assertThat(requests.get(0).path("sentDocument").asBoolean()).isFalse();
        // 2: the document with its hash, once
        assertThat(requests.get(1).path("sentDocument").asBoolean()).isTrue();
        // 3: the hash alone again, answered and cacheable
        assertThat(requests.get(2).path("method").asString()).isEqualTo("GET");
        assertThat(requests.get(2).path("sentDocument").asBoolean()).isFalse();
        assertThat(requests.get(2).path("status").asInt()).isEqualTo(200);
        assertThat(requests.get(2).path("cacheControl").asString())
                .contains("public")
                .contains("max-age");
        assertThat(results).hasSize(2);
        assertThat(results.get(1).path("vendors").path("totalCount").asInt()).isEqualTo(12);

        // a CDN revalidating a hashed GET gets 304
        String document = "query Page { vendors(first: 5) { edges { node { slug } } } }";
        String hash = sha256(document);
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        assertThat(api.post(
                                Api.JSON.writeValueAsString(
                                        Map.of("query", document, "extensions", Api.JSON.readTree(extensions))),
                                "application/json")
                        .ok()
                        .path("vendors")
                        .path("edges")
                        .size())
                .isEqualTo(5);
        String url = api.url("/graphql?extensions=" + URLEncoder.encode(extensions, StandardCharsets.UTF_8));
        HttpResponse<String> first =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("If-None-Match", etag)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void aHashThatIsNotTheDocumentsIsRefused() {
        Api.Response r = api.post(
                Api.JSON.writeValueAsString(Map.of(
                        "query",
                        "{ __typename }",
                        "extensions",
                        Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", "0".repeat(64))))),
                "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("PERSISTED_QUERY_HASH_MISMATCH");
        Api.Response badVersion = api.post(
                Api.JSON.writeValueAsString(Map.of(
                        "extensions", Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", "0".repeat(64))))),
                "application/json");
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.errorCode()).isEqualTo("MALFORMED_REQUEST");
        Api.Response notJsonTypes = api.post("{\"query\": 1}", "application/json");
        assertThat(notJsonTypes.status()).isEqualTo(400);
        assertThat(notJsonTypes.errorCode()).isEqualTo("MALFORMED_REQUEST");
    }

    static String sha256(String text) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
