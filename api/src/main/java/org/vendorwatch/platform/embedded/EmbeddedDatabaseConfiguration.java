package org.vendorwatch.platform.embedded;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vendorwatch.platform.AppHome;

/**
 * The embedded default: with no {@code spring.datasource.url} (env {@code SPRING_DATASOURCE_URL}),
 * start PostgreSQL from the bundled binaries with its data in {@code vendorwatch.database.data-dir}
 * (env {@code VENDORWATCH_DATA_DIR}) and connect to it. With a URL set, none of this happens and
 * Spring Boot's own data source configuration applies.
 *
 * <p>Two roles, as on a production database: the owner ({@code vendorwatch.database.name}) owns
 * the schema and runs the migrations; the service runs as {@code <name>_app}, which owns nothing and
 * holds only the privileges the migrations grant it (read-only on the audit trail).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    /** One server per data folder per JVM, shared by every application context (tests start several). */
    private static final Map<String, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();

    /**
     * @param dataDir where the cluster lives (persists across restarts)
     * @param port TCP port on 127.0.0.1; 0 picks a free one
     * @param ephemeral a throwaway cluster in a temporary folder, deleted at exit (tests)
     * @param name database and role the service uses
     * @param create create the cluster when the folder holds none (false for the release command and the
     *               trail check: they read the service's database, never make a new one)
     */
    @ConfigurationProperties("vendorwatch.database")
    public record Properties(
            @DefaultValue("./data/postgres") String dataDir,
            @DefaultValue("0") int port,
            @DefaultValue("false") boolean ephemeral,
            @DefaultValue("vendorwatch") String name,
            @DefaultValue("true") boolean create) {

        /** The data folder: a relative setting is anchored at {@link AppHome}, not the working directory. */
        public Path dataPath() {
            return AppHome.resolve(dataDir);
        }
    }

    @Bean(destroyMethod = "")
    EmbeddedPostgres embeddedPostgres(Properties props) {
        String key = props.ephemeral() ? "ephemeral" : props.dataPath().toString();
        return SERVERS.computeIfAbsent(key, k -> {
            try {
                Path dir = props.ephemeral() ? ephemeralDir() : props.dataPath();
                Path legacy = Path.of(props.dataDir()).toAbsolutePath().normalize();
                if (!props.ephemeral()
                        && !legacy.equals(dir)
                        && !EmbeddedPostgres.holdsCluster(dir)
                        && EmbeddedPostgres.holdsCluster(legacy)) {
                    // earlier versions resolved a relative data folder against the working directory: never start
                    // an empty database beside the editors' one
                    throw new IOException(
                            "the database is at " + legacy + " (relative to the working directory, where earlier "
                                    + "versions looked); relative paths are now anchored at " + AppHome.dir()
                                    + ". Move it to " + dir
                                    + " (and its releases beside it), or set VENDORWATCH_DATA_DIR=" + legacy);
                }
                if (!props.ephemeral() && !props.create() && !EmbeddedPostgres.holdsCluster(dir)) {
                    throw new IOException(
                            "no Vendorwatch database in " + dir + ": start the service once first, or point "
                                    + "VENDORWATCH_DATA_DIR at the service's data folder");
                }
                return EmbeddedPostgres.start(dir, props.port(), props.ephemeral());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
        });
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "vendorwatch.database.watchdog",
            havingValue = "true",
            matchIfMissing = true)
    EmbeddedWatchdog embeddedWatchdog(
            EmbeddedPostgres pg, org.springframework.context.ApplicationEventPublisher events) {
        return new EmbeddedWatchdog(pg, events);
    }

    /** The service's runtime role: {@code <owner>_app}. */
    public static String runtimeRole(String owner) {
        return owner + "_app";
    }

    @Bean
    @org.springframework.context.annotation.Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres pg, Properties props) {
        pg.ensureDatabase(props.name(), props.name());
        String runtime = runtimeRole(props.name());
        pg.ensureRuntimeRole(props.name(), runtime);
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.jdbcUrl(props.name()));
        ds.setUsername(runtime);
        ds.setPassword(pg.password(runtime));
        ds.setPoolName("vendorwatch");
        return ds;
    }

    /** The owner's connection, for the migrations only. */
    @Bean
    @org.springframework.boot.liquibase.autoconfigure.LiquibaseDataSource
    javax.sql.DataSource liquibaseDataSource(EmbeddedPostgres pg, Properties props, javax.sql.DataSource dataSource) {
        org.springframework.jdbc.datasource.SimpleDriverDataSource ds =
                new org.springframework.jdbc.datasource.SimpleDriverDataSource();
        ds.setDriverClass(org.postgresql.Driver.class);
        ds.setUrl(pg.jdbcUrl(props.name()));
        ds.setUsername(props.name());
        ds.setPassword(pg.password(props.name()));
        return ds;
    }

    private static Path ephemeralDir() throws IOException {
        Path parent = Files.createTempDirectory("vendorwatch-test-");
        // the server may run as 'nobody' (when the JVM is root): let it through
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
        parent.toFile().deleteOnExit();
        return parent.resolve("pg");
    }
}
