package org.vendorwatch.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;
import org.vendorwatch.platform.embedded.EmbeddedPostgres;

/**
 * Build step: applies migrations/ to a throwaway embedded PostgreSQL and generates the jOOQ classes
 * from the resulting schema. Run by the api module's build (exec-maven-plugin) before compiling.
 * Skips the work when the migrations are unchanged since the last generation.
 *
 * <p>Arguments: the migrations folder (holding changelog.yaml) and the output folder.
 */
public final class JooqCodegen {

    private static final String PACKAGE = "org.vendorwatch.db";

    private JooqCodegen() {
    }

    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]).toAbsolutePath().normalize();
        Path output = Path.of(args[1]).toAbsolutePath().normalize();
        Path stamp = output.resolve(".migrations.sha256");
        String hash = hashTree(migrations);
        if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
            System.out.println("[jooq-codegen] migrations unchanged, keeping generated sources");
            return;
        }
        deleteTree(output);
        Path data = Files.createTempDirectory("vendorwatch-codegen-");
        // the server may run as 'nobody' (when the build runs as root): let it through
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(data.resolve("pg"), 0, true)) {
            pg.ensureDatabase("codegen", "codegen");
            String url = pg.jdbcUrl("codegen");
            try (Connection c = pg.connect("codegen", "codegen")) {
                var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                try (var liquibase = new Liquibase("changelog.yaml", new DirectoryResourceAccessor(migrations), database)) {
                    liquibase.update("");
                }
            }
            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url).withUser("codegen").withPassword(pg.password("codegen")))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withOutputSchemaToDefault(true)
                                    .withExcludes("databasechangelog|databasechangeloglock|vw_fold|vw_b64url|vw_gid|vw_cursor.*|vw_datetime.*|unaccent.*|"
                                            + "similarity.*|word_similarity.*|strict_word_similarity.*|show_.*|set_limit|"
                                            + "gtrgm_.*|gin_.*trgm.*|.*_trgm|show_limit"))
                            .withGenerate(new Generate()
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDaos(false)
                                    .withRoutines(false)
                                    .withJavaTimeTypes(true)
                                    .withComments(true)
                                    .withFluentSetters(true))
                            .withTarget(new Target().withPackageName(PACKAGE).withDirectory(output.toString()))));
        } finally {
            deleteTree(data);
        }
        Files.createDirectories(output);
        Files.writeString(stamp, hash);
        System.out.println("[jooq-codegen] generated " + PACKAGE + " from " + migrations);
    }

    private static String hashTree(Path dir) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(f));
        }
        sha.update(JooqCodegen.class.getName().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
