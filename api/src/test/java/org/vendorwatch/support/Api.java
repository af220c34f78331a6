package org.vendorwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running service: what a newsroom frontend would send. */
@TestComponent
public class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Environment env;

    public Api(Environment env) {
        this.env = env;
    }

    public record Response(int status, String body, JsonNode json) {
        public JsonNode data() {
            return json.path("data");
        }

        public JsonNode errors() {
            return json.path("errors");
        }

        /** Asserts there are no errors and returns data. */
        public JsonNode ok() {
            assertThat(json.has("errors")).as("errors in %s", body).isFalse();
            assertThat(status).isEqualTo(200);
            return data();
        }

        /** The code of the first error. */
        public String errorCode() {
            return errors().path(0).path("extensions").path("code").asString();
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + env.getProperty("local.server.port") + path;
    }

    /** Runs a document from src/test/resources/graphql-test/{name}.graphql. */
    public Response document(String name, Map<String, Object> variables) {
        return query(load(name), variables);
    }

    public Response query(String query) {
        return query(query, Map.of());
    }

    public Response query(String query, Map<String, Object> variables) {
        return query(query, variables, null);
    }

    /** Sends the query with {@code Authorization: Bearer token} (no header when token is null). */
    public Response query(String query, Map<String, Object> variables, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return post(JSON.writeValueAsString(body), "application/json", token);
    }

    public Response post(String body, String contentType) {
        return post(body, contentType, null);
    }

    public Response post(String body, String contentType, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/graphql")))
                    .header("Content-Type", contentType)
                    .header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(
                    r.statusCode(), r.body(), r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String load(String name) {
        try (InputStream in = Api.class.getResourceAsStream("/graphql-test/" + name + ".graphql")) {
            if (in == null) {
                throw new IllegalArgumentException("no document " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
