package org.vendorwatch.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test of the write side: the service with an issuer configured (tokens from {@link Tokens}), in
 * a database of its own so that its writes do not disturb the read-side tests. Test classes extend
 * {@link EditingSupport} for the issuer's key set.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=editing",
            "vendorwatch.auth.issuer-uri=" + Tokens.ISSUER,
            "vendorwatch.auth.audience=" + Tokens.AUDIENCE,
            "vendorwatch.limits.rate.enabled=false"
        })
@Import(Api.class)
public @interface EditingTest {}
