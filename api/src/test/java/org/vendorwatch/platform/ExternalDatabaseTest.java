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
 * With SPRING_DATASOURCE_URL set, the service uses that PostgreSQL and starts none of its own, with
 * two sets of credentials as documented: the owner's for the migrations (SPRING_LIQUIBASE_USER/
 * PASSWORD) and the runtime role's for everything else (SPRING_DATASOURCE_USERNAME/PASSWORD), which
 * the migrations grant only what the service uses. The "external" server here is a separate
 * PostgreSQL started by the test, with password authentication.
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
        external.ensureRuntimeRole("newsroom", "newsroom_reader");
        registry.add("spring.datasource.url", () -> external.jdbcUrl("newsroom"));
        registry.add("spring.datasource.username", () -> "newsroom_reader");
        registry.add("spring.datasource.password", () -> external.password("newsroom_reader"));
        registry.add("spring.liquibase.user", () -> "newsroom");
        registry.add("spring.liquibase.password", () -> external.password("newsroom"));
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
        assertThat(api.query("{ vendor(slug: \"nso-group\") { name } }")
                        .ok()
                        .path("vendor")
                        .path("name")
                        .asString())
                .isEqualTo("NSO Group");
        // the service's role got what it uses, and no more
        try (var c = external.connect("newsroom", "newsroom");
                var st = c.createStatement();
                var rs = st.executeQuery(
                        "select has_table_privilege('newsroom_reader', 'vendor', 'UPDATE'), "
                                + "has_table_privilege('newsroom_reader', 'audit_event', 'SELECT'), "
                                + "has_table_privilege('newsroom_reader', 'audit_event', 'UPDATE'), "
                                + "has_table_privilege('newsroom_reader', 'audit_event', 'INSERT'), "
                                + "(select count(*) from pg_tables where schemaname = 'public' and tableowner = 'newsroom_reader')")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getBoolean(3)).isFalse();
            assertThat(rs.getBoolean(4)).isFalse();
            assertThat(rs.getInt(5)).isZero();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
