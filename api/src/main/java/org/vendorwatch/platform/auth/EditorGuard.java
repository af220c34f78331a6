package org.vendorwatch.platform.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;

/**
 * Who may write: only a verified editor, confirmed with the identity provider ({@link EditorConfirmation}). Mutations declare it with {@code @EditorsOnly}, which asks
 * {@link #check()} before the method runs; the write pipeline asks again for the actor it records
 * ({@link #requireEditor()}), so a command that forgot the annotation still cannot write.
 */
@Component("editorGuard")
public class EditorGuard {

    private final AuthProperties props;
    private final EditorConfirmation confirmation;

    public EditorGuard(AuthProperties props, EditorConfirmation confirmation) {
        this.props = props;
        this.confirmation = confirmation;
    }

    /** True for a request bearing a valid token with the editor role (no call to the identity provider: for reads). */
    public boolean signedInEditor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return props.enabled()
                && auth instanceof JwtAuthenticationToken jwt
                && auth.isAuthenticated()
                && jwt.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + props.editorRole()))
                && Boolean.TRUE.equals(jwt.getToken().getClaimAsBoolean("email_verified"))
                && !confirmation.knownRevoked(jwt.getToken(), props.editorRole());
    }

    /** For {@code @PreAuthorize}: true for a verified editor, else throws READ_ONLY, UNAUTHORIZED or FORBIDDEN. */
    public boolean check() {
        requireEditor();
        return true;
    }

    /** Returns the editor, or throws READ_ONLY, UNAUTHORIZED or FORBIDDEN. */
    public Actor requireEditor() {
        return require(props.editorRole());
    }

    /** For {@code @PreAuthorize} of {@link RedactorsOnly}: true for a verified redactor, else throws as {@link #check()}. */
    public boolean checkRedactor() {
        require(props.redactorRole());
        return true;
    }

    /** Returns the redactor, or throws READ_ONLY, UNAUTHORIZED or FORBIDDEN. */
    public Actor requireRedactor() {
        return require(props.redactorRole());
    }

    private Actor require(String role) {
        if (!props.enabled()) {
            throw new ApiException(
                    ErrorCode.READ_ONLY,
                    "This instance is read-only: no identity provider is configured (VENDORWATCH_ISSUER_URI).");
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken jwt) || !auth.isAuthenticated()) {
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED,
                    "Mutations need the bearer token of a verified editor (Authorization: Bearer ...).");
        }
        boolean holds =
                jwt.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
        if (!holds) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    (role.equals(props.editorRole()) ? "Mutations need" : "This mutation needs") + " the '" + role
                            + "' role.");
        }
        if (!Boolean.TRUE.equals(jwt.getToken().getClaimAsBoolean("email_verified"))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Mutations need a verified e-mail address.");
        }
        if (jwt.getToken().getSubject() == null || jwt.getToken().getSubject().isBlank()) {
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED, "The token names no subject (sub); edits must be attributable.");
        }
        // the token says editor; the identity provider confirms it still is (a revoked role stops writes within
        // seconds)
        confirmation.confirm(jwt.getToken(), role);
        String username = jwt.getToken().getClaimAsString("preferred_username");
        return new Actor(
                jwt.getToken().getSubject(),
                username == null || username.isBlank() ? jwt.getToken().getSubject() : username);
    }
}
