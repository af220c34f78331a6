package org.vendorwatch.platform.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;

/**
 * Who may write: only a verified editor. Mutations declare it with {@code @EditorsOnly}, which asks
 * {@link #check()} before the method runs; the write pipeline asks again for the actor it records
 * ({@link #requireEditor()}), so a command that forgot the annotation still cannot write.
 */
@Component("editorGuard")
public class EditorGuard {

    private final AuthProperties props;

    public EditorGuard(AuthProperties props) {
        this.props = props;
    }

    /** For {@code @PreAuthorize}: true for a verified editor, else throws READ_ONLY, UNAUTHORIZED or FORBIDDEN. */
    public boolean check() {
        requireEditor();
        return true;
    }

    /** Returns the editor, or throws READ_ONLY, UNAUTHORIZED or FORBIDDEN. */
    public Actor requireEditor() {
        if (!props.enabled()) {
            throw new ApiException(ErrorCode.READ_ONLY,
                    "This instance is read-only: no identity provider is configured (VENDORWATCH_ISSUER_URI).");
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken jwt) || !auth.isAuthenticated()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED,
                    "Mutations need the bearer token of a verified editor (Authorization: Bearer ...).");
        }
        boolean editor = jwt.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + props.editorRole()));
        if (!editor) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Mutations need the '" + props.editorRole() + "' role.");
        }
        if (!Boolean.TRUE.equals(jwt.getToken().getClaimAsBoolean("email_verified"))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Mutations need a verified e-mail address.");
        }
        if (jwt.getToken().getSubject() == null || jwt.getToken().getSubject().isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "The token names no subject (sub); edits must be attributable.");
        }
        String username = jwt.getToken().getClaimAsString("preferred_username");
        return new Actor(jwt.getToken().getSubject(), username == null || username.isBlank() ? jwt.getToken().getSubject() : username);
    }
}
