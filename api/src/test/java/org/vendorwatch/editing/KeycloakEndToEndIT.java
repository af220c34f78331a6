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
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vendorwatch.database.ephemeral=true", "vendorwatch.database.name=keycloak_e2e"})
@Import(Api.class)
class KeycloakEndToEndIT {

    /** A throwaway Keycloak of this test's own, on a port that is free now, with an in-memory database. */
    static final int PORT = freePort();

    static final String ISSUER = "http://127.0.0.1:" + PORT + "/realms/vendorwatch";
    static final Path SCRIPT =
            Path.of("..", "ops", "keycloak", "keycloak.sh").toAbsolutePath().normalize();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("vendorwatch.auth.issuer-uri", () -> ISSUER);
    }

    @BeforeAll
    static void startKeycloak() throws Exception {
        assertThat(run("start"))
                .as("ops/keycloak/keycloak.sh start (log: target/keycloak-script.log)")
                .isZero();
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        run("stop");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int run(String command) throws IOException, InterruptedException {
        java.io.File log = Path.of("target", "keycloak-script.log").toFile();
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command)
                .redirectErrorStream(true)
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
        // an OpenID token (scope openid): the service confirms it with Keycloak's userinfo before each write
        String form = "grant_type=password&client_id=vendorwatch-cli&scope=openid&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
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
        Api.Response created = api.query(
                CREATE,
                Map.of("input", Map.of("slug", "keycloak-e2e", "name", "Keycloak E2E", "kind", "COMPANY")),
                token("editor"));
        JsonNode vendor = created.ok().path("createVendor").path("vendor");
        assertThat(vendor.path("slug").asString()).isEqualTo("keycloak-e2e");
        JsonNode event = vendor.path("history").path("edges").path(0).path("node");
        assertThat(event.path("mutation").asString()).isEqualTo("createVendor");
        assertThat(event.path("actor").path("username").asString()).isEqualTo("editor");
        // the public sees a pseudonym, never the username or the Keycloak subject
        JsonNode publicActor = api.query(
                        "{ recentChanges(first: 1) { edges { node { mutation actor { pseudonym username subject } } } } }")
                .ok()
                .path("recentChanges")
                .path("edges")
                .path(0)
                .path("node")
                .path("actor");
        assertThat(publicActor.path("pseudonym").asString()).matches("editor-[0-9a-f]{12}");
        assertThat(publicActor.path("username").isNull()).isTrue();
        assertThat(publicActor.path("subject").isNull()).isTrue();

        Api.Response viewer = api.query(
                CREATE,
                Map.of("input", Map.of("slug", "keycloak-viewer", "name", "X", "kind", "COMPANY")),
                token("viewer"));
        assertThat(viewer.errorCode()).as(viewer.body()).isEqualTo("FORBIDDEN");
        Api.Response unverified = api.query(
                CREATE,
                Map.of("input", Map.of("slug", "keycloak-unverified", "name", "X", "kind", "COMPANY")),
                token("unverified"));
        assertThat(unverified.errorCode()).as(unverified.body()).isEqualTo("FORBIDDEN");
        assertThat(unverified.errors().path(0).path("message").asString()).contains("verified e-mail");
        assertThat(api.query(
                                "{ a: vendor(slug: \"keycloak-viewer\") { slug } b: vendor(slug: \"keycloak-unverified\") { slug } }")
                        .ok()
                        .toString())
                .doesNotContain("keycloak-viewer\"}")
                .isEqualTo("{\"a\":null,\"b\":null}");
    }

    /** An administrator's call to Keycloak's admin API. */
    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        HttpResponse<String> t = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + PORT + "/realms/master/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String adminToken = Api.JSON.readTree(t.body()).path("access_token").asString();
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + PORT + "/admin/realms/vendorwatch" + path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRemovedRoleStopsTheEditorsWritesWithinThirtySecondsThoughTheTokenStillLives() throws Exception {
        String token = token("editor");
        assertThat(api.query(
                                CREATE,
                                Map.of(
                                        "input",
                                        Map.of(
                                                "slug",
                                                "keycloak-revoke-1",
                                                "name",
                                                "Before revocation",
                                                "kind",
                                                "COMPANY")),
                                token)
                        .ok()
                        .path("createVendor")
                        .path("vendor")
                        .path("slug")
                        .asString())
                .isEqualTo("keycloak-revoke-1");
        String userId = Api.JSON
                .readTree(
                        admin("GET", "/users?username=editor&exact=true", null).body())
                .path(0)
                .path("id")
                .asString();
        String role = admin("GET", "/roles/editor", null).body();
        assertThat(admin("DELETE", "/users/" + userId + "/role-mappings/realm", "[" + role + "]")
                        .statusCode())
                .isEqualTo(204);
        long start = System.nanoTime();
        try {
            Api.Response last;
            int attempt = 1;
            do {
                last = api.query(
                        CREATE,
                        Map.of(
                                "input",
                                Map.of("slug", "keycloak-revoke-" + (++attempt), "name", "After", "kind", "COMPANY")),
                        token);
                if (last.errors().isEmpty()) {
                    Thread.sleep(1000);
                }
            } while (last.errors().isEmpty() && System.nanoTime() - start < 60_000_000_000L);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "KeycloakEndToEndIT: the revoked editor's writes stopped %.1f s after the role was removed%n",
                    seconds);
            assertThat(last.errorCode()).as(last.body()).isEqualTo("FORBIDDEN");
            assertThat(seconds).isLessThan(30);
        } finally {
            assertThat(admin("POST", "/users/" + userId + "/role-mappings/realm", "[" + role + "]")
                            .statusCode())
                    .isEqualTo(204);
        }
        // ending the user's sessions stops the old token at once (a new token would work again)
        String another = token("editor");
        assertThat(admin("POST", "/users/" + userId + "/logout", null).statusCode())
                .isEqualTo(204);
        Api.Response afterLogout = api.query(
                CREATE,
                Map.of("input", Map.of("slug", "keycloak-logged-out", "name", "X", "kind", "COMPANY")),
                another);
        assertThat(afterLogout.errorCode()).as(afterLogout.body()).isEqualTo("UNAUTHORIZED");
    }
}
