package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import org.vendorwatch.support.Tokens;

/** Queries over GET are cacheable by a CDN; signed-in answers and mutations never are. */
@IntegrationTest
class CachingTest {

    @Autowired
    Api api;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String query, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create(api.url("/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousGetQueriesAreCacheableWithStrongEtags() throws Exception {
        HttpResponse<String> first = get("{ vendor(slug: \"nso-group\") { name } }");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("NSO Group");
        assertThat(first.headers().firstValue("Cache-Control").orElse(""))
                .contains("max-age=60")
                .contains("public");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").doesNotStartWith("W/");
        HttpResponse<String> again = get("{ vendor(slug: \"nso-group\") { name } }", "If-None-Match", etag);
        assertThat(again.statusCode())
                .as(
                        "a repeated GET: first %s %s, then %s %s",
                        first.headers().map(), first.body(), again.headers().map(), again.body())
                .isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void errorsSignedInAnswersAndMutationsAreNotCached() throws Exception {
        HttpResponse<String> error = get("{ vendors(first: 0) { totalCount } }");
        assertThat(error.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        HttpResponse<String> mutation = get(
                "mutation { createVendor(input: {slug: \"x\", name: \"X\", kind: COMPANY}) { userErrors { code } } }");
        assertThat(mutation.statusCode()).isEqualTo(405);
        assertThat(mutation.body()).contains("METHOD_NOT_ALLOWED");
        assertThat(api.query("{ vendor(slug: \"x\") { slug } }")
                        .ok()
                        .path("vendor")
                        .isNull())
                .isTrue();
        // on this instance (no issuer) a token is refused outright; either way nothing signed-in is cached
        HttpResponse<String> signedIn = get("{ vendors { totalCount } }", "Authorization", "Bearer " + Tokens.editor());
        assertThat(signedIn.statusCode()).isEqualTo(401);
        assertThat(signedIn.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");
    }

    @Test
    void theSchemaIsDownloadableAndCorsFollowsTheAllowList() throws Exception {
        HttpResponse<String> sdl = http.send(
                HttpRequest.newBuilder(URI.create(api.url("/graphql/schema")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sdl.statusCode()).isEqualTo(200);
        assertThat(sdl.body()).contains("type Vendor").contains("search(");
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(URI.create(api.url("/graphql")))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }
}
