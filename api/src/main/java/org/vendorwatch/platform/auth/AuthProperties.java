package org.vendorwatch.platform.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may write. With no issuer the service is read-only.
 *
 * @param issuerUri the OpenID issuer, e.g. http://127.0.0.1:18080/realms/vendorwatch (env VENDORWATCH_ISSUER_URI)
 * @param audience the audience tokens must carry (env VENDORWATCH_AUDIENCE)
 * @param jwkSetUri where the signing keys are; discovered from the issuer when empty (env VENDORWATCH_JWK_SET_URI)
 * @param editorRole the realm role (realm_access.roles) that may write
 * @param redactorRole the realm role that may redact a value from the record and its history
 * @param userinfoUri the issuer's userinfo endpoint, asked before writes; discovered when empty (env VENDORWATCH_USERINFO_URI)
 * @param confirmWrites whether writes are confirmed with the issuer (env VENDORWATCH_AUTH_CONFIRM_WRITES)
 * @param confirmCache how long a confirmation stands: the longest a revoked editor can still write
 * @param clockSkew the tolerance for the token's expiry and not-before times
 */
@ConfigurationProperties("vendorwatch.auth")
public record AuthProperties(
        String issuerUri,
        @DefaultValue("vendorwatch-api") String audience,
        String jwkSetUri,
        @DefaultValue("editor") String editorRole,
        @DefaultValue("redactor") String redactorRole,
        String userinfoUri,
        @DefaultValue("true") boolean confirmWrites,
        @DefaultValue("10s") Duration confirmCache,
        @DefaultValue("10s") Duration clockSkew) {

    public boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
