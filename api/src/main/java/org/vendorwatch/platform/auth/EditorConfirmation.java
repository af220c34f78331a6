package org.vendorwatch.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;

/**
 * Confirms, before a write, that the editor is still who their token says: asks the identity
 * provider's userinfo endpoint with the token itself (no client secret needed). Keycloak answers it
 * only while the user's session is alive and the account enabled, and computes the roles from the
 * user as they are now, so a removed role, an ended session or a disabled account stops writes within
 * {@code vendorwatch.auth.confirm-cache} (default 10 s) instead of when the token expires. Reads never
 * call it. When the provider cannot be reached, writes are refused (IDENTITY_UNAVAILABLE): nothing is
 * written on an unconfirmed token.
 */
@Component
public class EditorConfirmation {

    private static final Logger LOG = LoggerFactory.getLogger(EditorConfirmation.class);

    /** What the provider said of a token: null problem when it still may write. */
    private record Verdict(ErrorCode code, String problem) {
        static final Verdict OK = new Verdict(null, null);
    }

    private final AuthProperties props;
    private final RestClient http;
    private final Cache<String, Verdict> verdicts;
    private volatile URI userinfo;

    public EditorConfirmation(AuthProperties props) {
        this.props = props;
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(2));
        factory.setReadTimeout(Duration.ofSeconds(3));
        this.http = RestClient.builder().requestFactory(factory).build();
        this.verdicts = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(props.confirmCache())
                .build();
    }

    /** Throws unless the provider confirms that the token's user is still active, verified and holds the role. */
    public void confirm(Jwt token, String role) {
        if (!props.confirmWrites()) {
            return;
        }
        String key = key(token) + "/" + role;
        Verdict v = verdicts.getIfPresent(key);
        if (v == null) {
            v = ask(token, role);
            if (v.code() != ErrorCode.IDENTITY_UNAVAILABLE) {
                verdicts.put(key, v); // an outage is not remembered: the next write asks again
            }
        }
        if (v.problem() != null) {
            throw new ApiException(v.code(), v.problem());
        }
    }

    /** True when the provider said, within the cache's time, that this token may no longer write (no call is made). */
    public boolean knownRevoked(Jwt token, String role) {
        Verdict v = verdicts.getIfPresent(key(token) + "/" + role);
        return v != null && v.problem() != null;
    }

    private Verdict ask(Jwt token, String role) {
        Map<?, ?> info;
        try {
            info = http.get()
                    .uri(userinfo())
                    .header("Authorization", "Bearer " + token.getTokenValue())
                    .retrieve()
                    .onStatus(status -> status.value() == 401 || status.value() == 403, (request, response) -> {
                        throw new Revoked(response.getStatusCode().value());
                    })
                    .body(Map.class);
        } catch (Revoked r) {
            return new Verdict(
                    ErrorCode.UNAUTHORIZED,
                    r.status == 403
                            ? "The identity provider will not confirm this token: it was issued without the 'openid' scope. Sign in with scope=openid."
                            : "Your session has ended or your account was disabled at the identity provider: sign in again.");
        } catch (RestClientException | IllegalStateException e) {
            LOG.warn(
                    "Could not confirm an editor with the identity provider ({}): writes wait for it",
                    e.getClass().getSimpleName());
            return new Verdict(
                    ErrorCode.IDENTITY_UNAVAILABLE,
                    "The identity provider cannot confirm your editor role right now; nothing was written. Try again shortly.");
        }
        if (info == null || !token.getSubject().equals(info.get("sub"))) {
            return new Verdict(
                    ErrorCode.UNAUTHORIZED,
                    "The identity provider does not recognise this token's user: sign in again.");
        }
        if (!(info.get("realm_access") instanceof Map<?, ?> realm
                && realm.get("roles") instanceof Collection<?> roles
                && roles.contains(role))) {
            return new Verdict(ErrorCode.FORBIDDEN, "You no longer hold the '" + role + "' role.");
        }
        if (!Boolean.TRUE.equals(info.get("email_verified"))) {
            return new Verdict(ErrorCode.FORBIDDEN, "Mutations need a verified e-mail address.");
        }
        return Verdict.OK;
    }

    /** The userinfo endpoint: configured, or discovered from the issuer's OpenID configuration (once). */
    private URI userinfo() {
        URI u = userinfo;
        if (u == null) {
            if (props.userinfoUri() != null && !props.userinfoUri().isBlank()) {
                u = URI.create(props.userinfoUri());
            } else {
                Map<?, ?> discovery = http.get()
                        .uri(props.issuerUri().replaceAll("/$", "") + "/.well-known/openid-configuration")
                        .retrieve()
                        .body(Map.class);
                if (discovery == null || !(discovery.get("userinfo_endpoint") instanceof String endpoint)) {
                    throw new IllegalStateException("the issuer names no userinfo_endpoint");
                }
                u = URI.create(endpoint);
            }
            userinfo = u;
        }
        return u;
    }

    private static String key(Jwt token) {
        return org.vendorwatch.platform.Hashes.sha256Hex(token.getTokenValue());
    }

    private static final class Revoked extends RuntimeException {
        final int status;

        Revoked(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }
}
