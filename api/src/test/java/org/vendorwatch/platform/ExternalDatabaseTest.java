package org.vendorwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vendorwatch.platform.embedded.EmbeddedPostgres;
import org.vendorwatch.support.Api;

/**
 * With SPRING_DATASOURCE_URL set, the service uses that PostgreSQL and starts none of its own. The
 * "external" server here is a separate PostgreSQL started by the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Api.class)
class ExternalDatabaseTest {

    static EmbeddedPostgres external;

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("vendorwatch-external-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        external = EmbeddedPostgres.start(dir.resolve("pg"), 0, true);
        external.ensureDatabase("newsroom", "newsroom");
        registry.add("spring.datasource.url", () -> external.jdbcUrl("newsroom"));
        registry.add("spring.datasource.username", () -> "newsroom");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stop() {
        external.close();
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    Api api;

    @Test
    void servesTheSeedFromTheConfiguredDatabaseWithoutStartingOne() {
        assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
        assertThat(api.query("{ vendor(slug: \"nso-group\") { name } }").ok().path("vendor").path("name").asString())
                .isEqualTo("NSO Group");
    }
}
