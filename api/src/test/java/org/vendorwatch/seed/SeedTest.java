package org.vendorwatch.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vendorwatch.db.Tables.VENDOR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.platform.embedded.EmbeddedPostgres;
import org.vendorwatch.support.IntegrationTest;

@IntegrationTest
class SeedTest {

    @Autowired
    SeedLoader loader;

    @Autowired
    EmbeddedPostgres pg;

    @Test
    void theDatabaseHoldsExactlyTheRowsTheManifestLists() {
        Map<String, Integer> expected = loader.manifest().counts();
        Map<String, Integer> actual = loader.counts();
        assertThat(expected).isNotEmpty();
        expected.forEach((table, n) -> assertThat(actual.get(table)).as(table).isEqualTo(n));
        assertThat(actual.keySet()).containsAll(expected.keySet());
    }

    @Test
    void loadingTwiceChangesNothingAndEditingAFileUpdatesTheRows(@TempDir Path tmp) throws Exception {
        // a database of its own, so editing the seed does not disturb other tests
        pg.ensureDatabase("seed_idempotence", "seed_idempotence");
        migrate("seed_idempotence");
        try (Connection c = pg.connect("seed_idempotence", "seed_idempotence")) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            Path seed = copySeed(tmp.resolve("seed"));
            SeedLoader fromCopy = new SeedLoader(dsl, seed.toUri().toString());

            assertThat(fromCopy.load().loaded()).isTrue();
            var before = dsl.select(VENDOR.ID, VENDOR.REVISION, VENDOR.UPDATED_AT, VENDOR.DESCRIPTION)
                    .from(VENDOR)
                    .orderBy(VENDOR.ID)
                    .fetch();

            // same files: skipped by hash
            assertThat(fromCopy.load().loaded()).isFalse();
            // same files, hash forgotten: every row is compared and none is written
            dsl.deleteFrom(org.vendorwatch.db.Tables.SEED_STATE).execute();
            assertThat(fromCopy.load().loaded()).isTrue();
            assertThat(dsl.select(VENDOR.ID, VENDOR.REVISION, VENDOR.UPDATED_AT, VENDOR.DESCRIPTION)
                            .from(VENDOR)
                            .orderBy(VENDOR.ID)
                            .fetch())
                    .isEqualTo(before);

            // an edited file updates its row (and only it), a removed record is removed
            Path candiru = seed.resolve("vendors/candiru.yaml");
            String text = Files.readString(candiru);
            Files.writeString(
                    candiru,
                    text.replaceFirst("description: \"[^\"]*\"", "description: \"Edited for the test.\"")
                            .replace("  - name: \"Tabatha Ltd.\"", "  - name: \"Tabatha Ltd. (renamed in test)\""));
            assertThat(fromCopy.load().loaded()).isTrue();
            Record edited = dsl.select(VENDOR.DESCRIPTION, VENDOR.REVISION)
                    .from(VENDOR)
                    .where(VENDOR.SLUG.eq("candiru"))
                    .fetchSingle();
            assertThat(edited.get(VENDOR.DESCRIPTION)).isEqualTo("Edited for the test.");
            assertThat(edited.get(VENDOR.REVISION)).isEqualTo(2);
            assertThat(dsl.fetchCount(
                            org.vendorwatch.db.Tables.VENDOR_NAME,
                            org.vendorwatch.db.Tables.VENDOR_NAME.NAME.eq("Tabatha Ltd.")))
                    .isZero();
            assertThat(dsl.fetchCount(
                            org.vendorwatch.db.Tables.VENDOR_NAME,
                            org.vendorwatch.db.Tables.VENDOR_NAME.NAME.eq("Tabatha Ltd. (renamed in test)")))
                    .isOne();
            assertThat(dsl.select(VENDOR.REVISION)
                            .from(VENDOR)
                            .where(VENDOR.SLUG.eq("nso-group"))
                            .fetchSingle(VENDOR.REVISION))
                    .isEqualTo(1);
        }
    }

    @Test
    void aClaimWithoutSourcesIsRefused(@TempDir Path tmp) throws Exception {
        pg.ensureDatabase("seed_unsourced", "seed_unsourced");
        migrate("seed_unsourced");
        try (Connection c = pg.connect("seed_unsourced", "seed_unsourced")) {
            Path seed = copySeed(tmp.resolve("seed"));
            Path coseinc = seed.resolve("vendors/coseinc.yaml");
            Files.writeString(
                    coseinc,
                    Files.readString(coseinc)
                            .replace(
                                    "\nnotes:\n",
                                    "\nnotes:\n  - {key: unsourced, text: \"A note without a source.\", confidence: low, sources: []}\n"));
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new SeedLoader(dsl, seed.toUri().toString()).load())
                    .hasMessageContaining("cites no source");
            assertThat(dsl.fetchCount(VENDOR)).as("nothing written").isZero();
        }
    }

    /** Applies the migrations to a database of the test's own (Liquibase closes its connection). */
    private void migrate(String name) throws Exception {
        Connection c = pg.connect(name, name);
        var db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        try (var lb = new Liquibase("db/changelog.yaml", new ClassLoaderResourceAccessor(), db)) {
            lb.update("");
        }
    }

    private static Path copySeed(Path target) {
        return org.vendorwatch.support.SeedCopy.into(target);
    }
}
