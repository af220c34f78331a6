package org.vendorwatch.platform.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Declares that only a verified editor may call the method (every write command carries it). The
 * refusal carries its own code: READ_ONLY (no identity provider), UNAUTHORIZED (no token) or
 * FORBIDDEN (no editor role, or no verified e-mail). See {@link EditorGuard}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("@editorGuard.check()")
public @interface EditorsOnly {}
