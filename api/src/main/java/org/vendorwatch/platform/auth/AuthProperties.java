package org.vendorwatch.platform.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may write. With no issuer the service is read-only.
 *
 * @param issuerUri the OpenID issuer, e.g. http://127.0.0.1:18080/realms/vendorwatch (env VENDORWATCH_ISSUER_URI)
 * @param audience the audience tokens must carry (env VENDORWATCH_AUDIENCE)
 * @param jwkSetUri where the signing keys are; discovered from the issuer when empty (env VENDORWATCH_JWK_SET_URI)
 * @param editorRole the realm role (realm_access.roles) that may write
 */
@ConfigurationProperties("vendorwatch.auth")
public record AuthProperties(String issuerUri, @DefaultValue("vendorwatch-api") String audience, String jwkSetUri,
                             @DefaultValue("editor") String editorRole) {

    public boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
