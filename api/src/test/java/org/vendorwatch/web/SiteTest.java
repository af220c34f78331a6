package org.vendorwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Every path and method answers as a client can handle: a page, a file, or the JSON error shape with a code. */
@IntegrationTest
class SiteTest {

    @Autowired
    Api api;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(api.url(path)))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Accept", "text/html,application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /nope, 404, NOT_FOUND",
        "GET, /graphql/nope, 404, NOT_FOUND",
        "GET, /bulk/nope/deeper, 404, NOT_FOUND",
        "GET, /docs/nope.md, 404, NOT_FOUND",
        "GET, /error, 404, NOT_FOUND",
        "PUT, /graphql, 405, METHOD_NOT_ALLOWED",
        "DELETE, /graphql, 405, METHOD_NOT_ALLOWED",
        "PATCH, /graphql, 405, METHOD_NOT_ALLOWED",
        "POST, /, 405, METHOD_NOT_ALLOWED",
        "DELETE, /bulk/vendors.csv, 405, METHOD_NOT_ALLOWED",
        "POST, /graphiql, 405, METHOD_NOT_ALLOWED",
    })
    void unknownPathsAndMethodsGetTheJsonErrorShape(String method, String path, int status, String code)
            throws Exception {
        HttpResponse<String> r = send(method, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode error = Api.JSON.readTree(r.body()).path("errors").path(0);
        assertThat(error.path("extensions").path("code").asString()).isEqualTo(code);
        assertThat(error.path("message").asString())
                .isNotBlank()
                .doesNotContain("Whitelabel")
                .doesNotContain("Exception");
        if (status == 405) {
            assertThat(r.headers().firstValue("Allow")).isPresent();
        }
    }

    @Test
    void theLandingPageIsPlainHtmlWithLinks() throws Exception {
        HttpResponse<String> r = send("GET", "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .get()
                .asString()
                .contains("default-src 'self'");
        assertThat(r.body())
                .contains(
                        "<title>Vendorwatch</title>",
                        "href=\"/graphiql\"",
                        "href=\"/graphql/schema\"",
                        "href=\"/bulk\"",
                        "href=\"/bulk/releases\"",
                        "href=\"/docs/\"",
                        "CC BY 4.0")
                .doesNotContain("<script")
                .doesNotContain("@project.version@");
    }

    @Test
    void graphiqlAndItsAssetsComeFromThisServiceOnly() throws Exception {
        HttpResponse<String> page = send("GET", "/graphiql");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        int count = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            assertThat(ref)
                    .as("every asset is a path on this host")
                    .startsWith("/")
                    .doesNotStartWith("//")
                    .doesNotContain("@");
            HttpResponse<String> asset = send("GET", ref);
            assertThat(asset.statusCode()).as(ref).isEqualTo(200);
            assertThat(asset.body()).as(ref).isNotEmpty();
            count++;
        }
        assertThat(count)
                .as("style sheet, React, ReactDOM, GraphiQL, the start script")
                .isEqualTo(5);
    }

    @Test
    void theDocsAreServedAsText() throws Exception {
        HttpResponse<String> index = send("GET", "/docs/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).get().asString().isEqualTo("text/plain;charset=UTF-8");
        Matcher links = Pattern.compile("\\]\\(([a-z0-9-]+\\.md)\\)").matcher(index.body());
        int count = 0;
        while (links.find()) {
            assertThat(send("GET", "/docs/" + links.group(1)).statusCode())
                    .as(links.group(1))
                    .isEqualTo(200);
            count++;
        }
        assertThat(count).as("the docs index links to the docs").isGreaterThanOrEqualTo(5);
    }
}
