package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * End to end against a real Keycloak 26, started by ops/keycloak/keycloak.sh as the docs tell
 * developers to (on a free port and with an in-memory database, so a developer's own Keycloak on the
 * default port neither gets in the way nor is touched): tokens from the password grant for the demo users, verified by the service
 * through the issuer's discovery document and key set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vendorwatch.database.ephemeral=true", "vendorwatch.database.name=keycloak_e2e"})
@Import(Api.class)
class KeycloakEndToEndIT {

    /** A throwaway Keycloak of this test's own, on a port that is free now, with an in-memory database. */
    static final int PORT = freePort();
    static final String ISSUER = "http://127.0.0.1:" + PORT + "/realms/vendorwatch";
    static final Path SCRIPT = Path.of("..", "ops", "keycloak", "keycloak.sh").toAbsolutePath().normalize();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("vendorwatch.auth.issuer-uri", () -> ISSUER);
    }

    @BeforeAll
    static void startKeycloak() throws Exception {
        assertThat(run("start")).as("ops/keycloak/keycloak.sh start (log: target/keycloak-script.log)").isZero();
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        run("stop");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int run(String command) throws IOException, InterruptedException {
        java.io.File log = Path.of("target", "keycloak-script.log").toFile();
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        pb.environment().put("KEYCLOAK_PORT", String.valueOf(PORT));
        pb.environment().put("KEYCLOAK_EPHEMERAL", "1");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String token(String user) throws Exception {
        String form = "grant_type=password&client_id=vendorwatch-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Api.JSON.readTree(r.body()).path("access_token").asString();
    }

    @Autowired
    Api api;

    static final String CREATE = """
            mutation($input: CreateVendorInput!) {
              createVendor(input: $input) {
                vendor { slug history { edges { node { mutation actor { username } } } } }
                userErrors { field message code }
              }
            }""";

    @Test
    void theDemoEditorWritesTheViewerAndTheUnverifiedEditorAreRefused() throws Exception {
        Api.Response created = api.query(CREATE, Map.of("input", Map.of("slug", "keycloak-e2e", "name", "Keycloak E2E", "kind", "COMPANY")),
                token("editor"));
        JsonNode vendor = created.ok().path("createVendor").path("vendor");
        assertThat(vendor.path("slug").asString()).isEqualTo("keycloak-e2e");
        JsonNode event = vendor.path("history").path("edges").path(0).path("node");
        assertThat(event.path("mutation").asString()).isEqualTo("createVendor");
        assertThat(event.path("actor").path("username").asString()).isEqualTo("editor");
        assertThat(api.query("{ recentChanges(first: 1) { edges { node { mutation actor { username } } } } }").ok()
                .path("recentChanges").path("edges").path(0).path("node").path("actor").path("username").asString()).isEqualTo("editor");

        Api.Response viewer = api.query(CREATE, Map.of("input", Map.of("slug", "keycloak-viewer", "name", "X", "kind", "COMPANY")), token("viewer"));
        assertThat(viewer.errorCode()).as(viewer.body()).isEqualTo("FORBIDDEN");
        Api.Response unverified = api.query(CREATE, Map.of("input", Map.of("slug", "keycloak-unverified", "name", "X", "kind", "COMPANY")),
                token("unverified"));
        assertThat(unverified.errorCode()).as(unverified.body()).isEqualTo("FORBIDDEN");
        assertThat(unverified.errors().path(0).path("message").asString()).contains("verified e-mail");
        assertThat(api.query("{ a: vendor(slug: \"keycloak-viewer\") { slug } b: vendor(slug: \"keycloak-unverified\") { slug } }").ok().toString())
                .doesNotContain("keycloak-viewer\"}").isEqualTo("{\"a\":null,\"b\":null}");
    }
}
