package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import org.vendorwatch.support.Tokens;

/** Who may write: only a verified editor; every refusal leaves the database as it was. */
@EditingTest
class AuthMatrixTest extends EditingSupport {

    static final String CREATE = """
            mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { slug } userErrors { field code } } }
            """;

    static Arguments refused(String name, Supplier<String> token, int status, String code) {
        return Arguments.of(name, token, status, code);
    }

    static List<Arguments> cases() {
        Instant now = Instant.now();
        return List.of(
                refused("no token", () -> null, 200, "UNAUTHORIZED"),
                refused(
                        "expired",
                        () -> Tokens.sign(Tokens.claims("editor", List.of("editor"), true)
                                .issueTime(Date.from(now.minusSeconds(7200)))
                                .expirationTime(Date.from(now.minusSeconds(3600)))
                                .build()),
                        401,
                        "INVALID_TOKEN"),
                refused(
                        "not yet valid",
                        () -> Tokens.sign(Tokens.claims("editor", List.of("editor"), true)
                                .notBeforeTime(Date.from(now.plusSeconds(3600)))
                                .build()),
                        401,
                        "INVALID_TOKEN"),
                refused(
                        "wrong issuer",
                        () -> Tokens.sign(Tokens.claims("editor", List.of("editor"), true)
                                .issuer("http://127.0.0.1:1/realms/elsewhere")
                                .build()),
                        401,
                        "INVALID_TOKEN"),
                refused(
                        "wrong audience",
                        () -> Tokens.sign(Tokens.claims("editor", List.of("editor"), true)
                                .audience("another-api")
                                .build()),
                        401,
                        "INVALID_TOKEN"),
                refused(
                        "bad signature",
                        () -> Tokens.forge(
                                Tokens.claims("editor", List.of("editor"), true).build()),
                        401,
                        "INVALID_TOKEN"),
                refused(
                        "alg none",
                        () -> Tokens.unsigned(
                                Tokens.claims("editor", List.of("editor"), true).build()),
                        401,
                        "INVALID_TOKEN"),
                refused("garbage", () -> "not.a.token", 401, "INVALID_TOKEN"),
                refused("viewer", Tokens::viewer, 200, "FORBIDDEN"),
                refused("unverified editor", Tokens::unverifiedEditor, 200, "FORBIDDEN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyAVerifiedEditorWrites(String name, Supplier<String> token, int status, String code) {
        String before = fingerprint();
        Api.Response r = as(
                token.get(),
                CREATE,
                Map.of(
                        "input",
                        Map.of("slug", "auth-test-" + name.replace(' ', '-'), "name", "Auth test", "kind", "COMPANY")));
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("auth-test-");
        assertThat(fingerprint()).as("nothing written").isEqualTo(before);
    }

    @Test
    void theEditorWritesAndIsRecordedAsTheActor() {
        String before = fingerprint();
        var payload = edit(
                CREATE.replace(
                        "vendor { slug }",
                        "vendor { slug history { edges { node { actor { username } operation mutation } } } }"),
                Map.of("slug", "auth-test-editor", "name", "Auth test", "kind", "COMPANY"));
        assertThat(payload.path("vendor").path("slug").asString()).isEqualTo("auth-test-editor");
        var event = payload.path("vendor").path("history").path("edges").path(0).path("node");
        assertThat(event.path("actor").path("username").asString()).isEqualTo("editor");
        assertThat(event.path("mutation").asString()).isEqualTo("createVendor");
        assertThat(fingerprint()).isNotEqualTo(before);
    }

    @Test
    void anInvalidTokenIsRefusedEvenForAReadButNoTokenReads() {
        Api.Response bad = as(
                Tokens.forge(Tokens.claims("editor", List.of("editor"), true).build()),
                "{ vendors { totalCount } }",
                Map.of());
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.errorCode()).isEqualTo("INVALID_TOKEN");
        assertThat(as(null, "{ vendors { totalCount } }", Map.of())
                        .ok()
                        .path("vendors")
                        .path("totalCount")
                        .asInt())
                .isPositive();
        assertThat(as(Tokens.viewer(), "{ vendors { totalCount } }", Map.of())
                        .ok()
                        .path("vendors")
                        .path("totalCount")
                        .asInt())
                .isPositive();
    }
}
