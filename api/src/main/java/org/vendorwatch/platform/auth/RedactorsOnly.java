package org.vendorwatch.platform.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Declares that only a verified redactor (the {@code redactor} realm role, separate from
 * {@code editor}) may call the method: removing a value from the record and its public history.
 * Refusals as for {@link EditorsOnly}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("@editorGuard.checkRedactor()")
public @interface RedactorsOnly {}
