package org.vendorwatch.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test against the whole service over HTTP, on the embedded PostgreSQL (a throwaway cluster per
 * test JVM, migrated and seeded exactly as the default run does).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "logging.level.org.vendorwatch=INFO",
            "vendorwatch.limits.rate.enabled=false"
        })
@Import(Api.class)
public @interface IntegrationTest {}
