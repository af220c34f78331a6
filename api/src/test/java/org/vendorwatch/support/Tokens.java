package org.vendorwatch.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Locally signed JWTs shaped like Keycloak's, and a JWK set served over HTTP on 127.0.0.1 for the
 * resource server to verify them against. One key pair per test JVM; a second, unpublished one signs
 * the forged tokens. The same server answers userinfo as Keycloak does: from the user as they are now
 * ({@link #removeRole}, {@link #endSessions}), not as the token says, and counts the calls.
 */
public final class Tokens {

    public static final String ISSUER = "http://127.0.0.1:1/realms/vendorwatch";
    public static final String AUDIENCE = "vendorwatch-api";

    private static final RSAKey KEY = generate("test-key");
    private static final RSAKey FORGER = generate("test-key"); // same kid, different key: a bad signature
    private static String jwksUri;
    /** Users whose sessions ended (userinfo answers 401), and roles removed since their tokens were issued. */
    private static final java.util.Set<String> ENDED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final Map<String, java.util.Set<String>> REMOVED = new java.util.concurrent.ConcurrentHashMap<>();
    public static final java.util.concurrent.atomic.AtomicInteger USERINFO_CALLS =
            new java.util.concurrent.atomic.AtomicInteger();

    private Tokens() {}

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts (once) the JWK set endpoint and returns its URL. */
    public static synchronized String jwksUri() {
        if (jwksUri == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                server.createContext("/jwks", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.createContext("/userinfo", exchange -> {
                    USERINFO_CALLS.incrementAndGet();
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    int status = 401;
                    byte[] answer = "{\"error\":\"invalid_token\"}".getBytes(StandardCharsets.UTF_8);
                    try {
                        SignedJWT jwt = SignedJWT.parse(auth == null ? "" : auth.replaceFirst("(?i)^Bearer ", ""));
                        JWTClaimsSet c = jwt.getJWTClaimsSet();
                        if (jwt.verify(new RSASSAVerifier(KEY.toRSAPublicKey()))
                                && !ENDED.contains(c.getStringClaim("preferred_username"))) {
                            @SuppressWarnings("unchecked")
                            List<String> roles = new java.util.ArrayList<>(
                                    (List<String>) ((Map<String, Object>) c.getClaim("realm_access")).get("roles"));
                            roles.removeAll(
                                    REMOVED.getOrDefault(c.getStringClaim("preferred_username"), java.util.Set.of()));
                            answer = Api.JSON.writeValueAsBytes(Map.of(
                                    "sub",
                                    c.getSubject(),
                                    "preferred_username",
                                    c.getStringClaim("preferred_username"),
                                    "email_verified",
                                    c.getClaim("email_verified"),
                                    "realm_access",
                                    Map.of("roles", roles)));
                            status = 200;
                        }
                    } catch (java.text.ParseException | JOSEException | RuntimeException e) {
                        status = 401;
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                server.setExecutor(null);
                server.start();
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jwksUri;
    }

    /** The userinfo endpoint of the same server. */
    public static String userinfoUri() {
        return jwksUri().replace("/jwks", "/userinfo");
    }

    /** As an administrator removing a realm role from a user: their tokens still say it, userinfo no longer does. */
    public static void removeRole(String username, String role) {
        REMOVED.computeIfAbsent(username, u -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                .add(role);
    }

    /** As an administrator logging a user out everywhere (or disabling them): userinfo answers 401. */
    public static void endSessions(String username) {
        ENDED.add(username);
    }

    /** Undoes {@link #removeRole} and {@link #endSessions}. */
    public static void restore(String username) {
        REMOVED.remove(username);
        ENDED.remove(username);
    }

    /** Claims of a Keycloak access token for a user with these realm roles. */
    public static JWTClaimsSet.Builder claims(String username, List<String> roles, boolean emailVerified) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8))
                        .toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", username)
                .claim("email_verified", emailVerified)
                .claim("realm_access", Map.of("roles", roles));
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, KEY);
    }

    public static String forge(JWTClaimsSet claims) {
        return sign(claims, FORGER);
    }

    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String editor() {
        return sign(claims("editor", List.of("editor", "offline_access"), true).build());
    }

    public static String viewer() {
        return sign(claims("viewer", List.of("viewer"), true).build());
    }

    public static String unverifiedEditor() {
        return sign(claims("unverified", List.of("editor"), false).build());
    }
}
