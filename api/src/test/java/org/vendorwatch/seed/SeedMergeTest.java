package org.vendorwatch.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_DEVELOPMENT;
import static org.vendorwatch.db.Tables.SEED_CONFLICT;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.platform.embedded.EmbeddedPostgres;
import org.vendorwatch.support.IntegrationTest;
import org.vendorwatch.support.SeedCopy;

/**
 * The three-way merge of a new seed with editors' work, case by case, each on a database of its own:
 * editors' rows under a record the seed drops survive, a conflict leaves the seed's other changes
 * applied, keyed lists do not shift, and a seed record an editor already added stops nothing.
 * "Editors" write here directly in the database, which the audit trail records as theirs (not the seed's).
 */
@IntegrationTest
class SeedMergeTest {

    @Autowired
    EmbeddedPostgres pg;

    /** A database of the test's own, migrated, with a copy of the seed loaded into it. */
    private record Seeded(Connection connection, DSLContext dsl, Path seed, SeedLoader loader)
            implements AutoCloseable {
        @Override
        public void close() throws java.sql.SQLException {
            connection.close();
        }
    }

    private Seeded seeded(String name, Path tmp) throws Exception {
        pg.ensureDatabase(name, name);
        try (Connection m = pg.connect(name, name)) {
            var db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(m));
            try (var lb = new Liquibase("db/changelog.yaml", new ClassLoaderResourceAccessor(), db)) {
                lb.update("");
            }
        }
        Connection c = pg.connect(name, name);
        DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
        Path seed = SeedCopy.into(tmp.resolve("seed"));
        SeedLoader loader = new SeedLoader(dsl, seed.toUri().toString());
        loader.load();
        return new Seeded(c, dsl, seed, loader);
    }

    private static void asEditor(DSLContext dsl) {
        dsl.execute("select set_config('vendorwatch.actor_subject', 'editor-subject', false), "
                + "set_config('vendorwatch.actor_username', 'editor', false)");
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).as(file + " holds " + from).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    /** Cuts the allegation with this key (up to the next one) out of allegations.yaml. */
    private static void dropAllegation(Path seed, String key) throws Exception {
        Path file = seed.resolve("allegations.yaml");
        String text = Files.readString(file);
        int start = text.indexOf("  - key: " + key + "\n");
        int end = text.indexOf("\n  - key: ", start + 1);
        assertThat(start).isPositive();
        Files.writeString(file, text.substring(0, start) + text.substring(end + 1));
    }

    private static List<String> kinds(DSLContext dsl) {
        return dsl.select(SEED_CONFLICT.KIND)
                .from(SEED_CONFLICT)
                .where(SEED_CONFLICT.RESOLVED_AT.isNull())
                .orderBy(SEED_CONFLICT.ID)
                .fetch(SEED_CONFLICT.KIND);
    }

    @Test
    void aDroppedRecordTakesNoEditorsRowWithItButGoesWithItsOwnSeededRows(@TempDir Path tmp) throws Exception {
        try (Seeded s = seeded("seed_drop", tmp)) {
            DSLContext dsl = s.dsl();
            Path seed = s.seed();
            SeedLoader loader = s.loader();
            long candiruAllegation = dsl.select(ALLEGATION.ID)
                    .from(ALLEGATION)
                    .where(ALLEGATION.SEED_KEY.eq("al_candiru_devilstongue"))
                    .fetchSingle(ALLEGATION.ID);
            long apple = dsl.select(ALLEGATION.ID)
                    .from(ALLEGATION)
                    .where(ALLEGATION.SEED_KEY.eq("al_forcedentry_apple"))
                    .fetchSingle(ALLEGATION.ID);
            assertThat(dsl.fetchCount(ALLEGATION_DEVELOPMENT, ALLEGATION_DEVELOPMENT.ALLEGATION_ID.eq(apple)))
                    .isEqualTo(3);

            int citedBy = dsl.fetchCount(
                    org.vendorwatch.db.Tables.CITATION,
                    org.vendorwatch.db.Tables.CITATION.ALLEGATION_ID.eq(candiruAllegation));
            assertThat(citedBy).isGreaterThan(1);
            // an editor adds a development to one allegation
            asEditor(dsl);
            dsl.transaction(tx -> {
                long dev = tx.dsl()
                        .insertInto(ALLEGATION_DEVELOPMENT)
                        .set(ALLEGATION_DEVELOPMENT.ALLEGATION_ID, candiruAllegation)
                        .set(ALLEGATION_DEVELOPMENT.OCCURRED_ON, java.time.LocalDate.of(2022, 1, 1))
                        .set(ALLEGATION_DEVELOPMENT.OCCURRED_PRECISION, "YEAR")
                        .set(ALLEGATION_DEVELOPMENT.DESCRIPTION, "A follow-up an editor found.")
                        .set(ALLEGATION_DEVELOPMENT.CONFIDENCE, "LOW")
                        .returning(ALLEGATION_DEVELOPMENT.ID)
                        .fetchSingle(ALLEGATION_DEVELOPMENT.ID);
                tx.dsl()
                        .execute(
                                "insert into citation (source_id, allegation_development_id, confidence) "
                                        + "select min(id), ?, 'LOW' from source",
                                dev);
            });

            // the next seed drops both allegations
            dropAllegation(seed, "al_candiru_devilstongue");
            dropAllegation(seed, "al_forcedentry_apple");
            long mark = ((Number) dsl.fetchValue("select max(id) from audit_event")).longValue();
            loader.load();

            // the one with the editor's development stays, no longer the seed's, and is reported
            assertThat(dsl.fetchExists(ALLEGATION, ALLEGATION.ID.eq(candiruAllegation)))
                    .isTrue();
            assertThat(dsl.select(ALLEGATION.SEED_KEY)
                            .from(ALLEGATION)
                            .where(ALLEGATION.ID.eq(candiruAllegation))
                            .fetchOne(ALLEGATION.SEED_KEY))
                    .isNull();
            assertThat(dsl.fetchCount(
                            ALLEGATION_DEVELOPMENT, ALLEGATION_DEVELOPMENT.ALLEGATION_ID.eq(candiruAllegation)))
                    .isOne();
            assertThat(dsl.fetchCount(
                            org.vendorwatch.db.Tables.CITATION,
                            org.vendorwatch.db.Tables.CITATION.ALLEGATION_ID.eq(candiruAllegation)))
                    .as("the kept claim keeps all its sources")
                    .isEqualTo(citedBy);
            assertThat(kinds(dsl)).containsExactly("KEPT_AFTER_SEED_REMOVAL");
            // the untouched one is gone with its developments, its vendor links and its citations, each on the record
            assertThat(dsl.fetchExists(ALLEGATION, ALLEGATION.ID.eq(apple))).isFalse();
            assertThat(dsl.fetchCount(ALLEGATION_DEVELOPMENT, ALLEGATION_DEVELOPMENT.ALLEGATION_ID.eq(apple)))
                    .isZero();
            assertThat(dsl.fetch(
                                    "select record_type from audit_event where id > ? and operation in ('REMOVE', 'DETACH') and actor_subject = 'seed'",
                                    mark)
                            .getValues(0, String.class))
                    .contains("Allegation", "AllegationDevelopment", "AllegationVendor", "Citation");
        }
    }

    @Test
    void aConflictKeepsTheEditorsValueAndAppliesTheSeedsOtherChanges(@TempDir Path tmp) throws Exception {
        try (Seeded s = seeded("seed_partial", tmp)) {
            DSLContext dsl = s.dsl();
            Path seed = s.seed();
            SeedLoader loader = s.loader();
            asEditor(dsl);
            dsl.update(VENDOR)
                    .set(VENDOR.DESCRIPTION, "An editor's description.")
                    .where(VENDOR.SLUG.eq("candiru"))
                    .execute();

            // the seed changes the description (the editor's now) and the website (nobody's)
            Path candiru = seed.resolve("vendors/candiru.yaml");
            String text = Files.readString(candiru);
            Files.writeString(
                    candiru,
                    text.replaceFirst("description: \"[^\"]*\"", "description: \"The seed's v2 description.\"")
                            .replace("website: null", "website: \"https://example.org/candiru\""));
            assertThat(loader.load().conflicts()).isOne();

            var row = dsl.select(VENDOR.DESCRIPTION, VENDOR.WEBSITE)
                    .from(VENDOR)
                    .where(VENDOR.SLUG.eq("candiru"))
                    .fetchSingle();
            assertThat(row.value1()).isEqualTo("An editor's description.");
            assertThat(row.value2())
                    .as("the change nobody disputes is applied")
                    .isEqualTo("https://example.org/candiru");
            assertThat(dsl.select(SEED_CONFLICT.FIELDS).from(SEED_CONFLICT).fetchSingle(SEED_CONFLICT.FIELDS))
                    .containsExactly("description");

            // a later seed that changes something else raises the same conflict again (superseding it), nothing more
            edit(candiru, "website: \"https://example.org/candiru\"", "website: \"https://example.org/candiru-v3\"");
            assertThat(loader.load().conflicts()).isOne();
            assertThat(dsl.fetchCount(SEED_CONFLICT, SEED_CONFLICT.RESOLVED_AT.isNull()))
                    .isOne();
        }
    }

    @Test
    void keyedNotesDoNotShiftAndASeedRecordAnEditorAlreadyAddedStopsNothing(@TempDir Path tmp) throws Exception {
        try (Seeded s = seeded("seed_keys", tmp)) {
            DSLContext dsl = s.dsl();
            Path seed = s.seed();
            SeedLoader loader = s.loader();
            long candiru = dsl.select(VENDOR.ID)
                    .from(VENDOR)
                    .where(VENDOR.SLUG.eq("candiru"))
                    .fetchSingle(VENDOR.ID);
            var notesBefore = dsl.select(VENDOR_NOTE.ID, VENDOR_NOTE.TEXT)
                    .from(VENDOR_NOTE)
                    .where(VENDOR_NOTE.VENDOR_ID.eq(candiru))
                    .orderBy(VENDOR_NOTE.ID)
                    .fetch();
            assertThat(notesBefore).hasSize(3);

            // an editor withdraws the second note and adds a name
            asEditor(dsl);
            dsl.deleteFrom(VENDOR_NOTE)
                    .where(VENDOR_NOTE.ID.eq(notesBefore.get(1).value1()))
                    .execute();
            dsl.transaction(tx -> {
                long name = tx.dsl()
                        .insertInto(VENDOR_NAME)
                        .set(VENDOR_NAME.VENDOR_ID, candiru)
                        .set(VENDOR_NAME.NAME, "Saito Tech")
                        .set(VENDOR_NAME.KIND, "AKA")
                        .set(VENDOR_NAME.CONFIDENCE, "LOW")
                        .returning(VENDOR_NAME.ID)
                        .fetchSingle(VENDOR_NAME.ID);
                tx.dsl()
                        .execute(
                                "insert into citation (source_id, vendor_name_id, confidence) select min(id), ?, 'LOW' from source",
                                name);
            });

            // the next seed puts a new note first, and adds the same name (in another case)
            Path file = seed.resolve("vendors/candiru.yaml");
            edit(file, "notes:\n  - key: \"1\"", """
                    notes:
                      - key: "candiru-new"
                        text: "A note the seed's curators added at the top."
                        confidence: low
                        sources: [src_therecord_20211103]
                      - key: "1\"""");
            edit(file, "names:\n", """
                    names:
                      - name: "SAITO TECH"
                        kind: AKA
                        confidence: low
                        sources: [src_therecord_20211103]
                    """);
            var result = loader.load();
            assertThat(result.loaded()).isTrue();

            var notesAfter = dsl.select(VENDOR_NOTE.ID, VENDOR_NOTE.TEXT)
                    .from(VENDOR_NOTE)
                    .where(VENDOR_NOTE.VENDOR_ID.eq(candiru))
                    .orderBy(VENDOR_NOTE.ID)
                    .fetch();
            assertThat(notesAfter)
                    .as("notes 1 and 3 unchanged, the withdrawn one not back, the new one added")
                    .hasSize(3);
            assertThat(notesAfter.get(0)).isEqualTo(notesBefore.get(0));
            assertThat(notesAfter.get(1)).isEqualTo(notesBefore.get(2));
            assertThat(notesAfter.get(2).value2()).startsWith("A note the seed's curators added");
            assertThat(dsl.fetchCount(
                            VENDOR_NAME,
                            VENDOR_NAME
                                    .VENDOR_ID
                                    .eq(candiru)
                                    .and(DSL.lower(VENDOR_NAME.NAME).eq("saito tech"))))
                    .as("the editor's name stands alone")
                    .isOne();
            assertThat(kinds(dsl))
                    .as(dsl.fetch("select kind, seed_key, fields, seed_values from seed_conflict")
                            .format())
                    .containsExactly("BLOCKED_BY_EDITS");
        }
    }

    @Test
    void onADatabaseSeededBeforeSeedRowsARecordAnEditorRemovedStaysRemoved(@TempDir Path tmp) throws Exception {
        try (Seeded s = seeded("seed_legacy", tmp)) {
            DSLContext dsl = s.dsl();
            Path seed = s.seed();
            SeedLoader loader = s.loader();
            var name = dsl.select(VENDOR_NAME.ID, VENDOR_NAME.SEED_KEY)
                    .from(VENDOR_NAME)
                    .where(VENDOR_NAME.NAME.eq("Tabatha Ltd."))
                    .fetchSingle();
            // as the loader before seed_row kept it: its events held the whole row, seed key included
            dsl.execute(
                    "insert into audit_event (actor_subject, actor_username, mutation, operation, record_type, record_id, after) "
                            + "select 'seed', 'seed', 'seed', 'CREATE', 'VendorName', id, to_jsonb(n) from vendor_name n where id = ?",
                    name.value1());
            dsl.deleteFrom(org.vendorwatch.db.Tables.SEED_ROW).execute();
            dsl.update(org.vendorwatch.db.Tables.SEED_STATE)
                    .set(org.vendorwatch.db.Tables.SEED_STATE.CONTENT_SHA256, "0".repeat(64))
                    .execute();
            // an editor removed the name back then
            asEditor(dsl);
            dsl.deleteFrom(VENDOR_NAME).where(VENDOR_NAME.ID.eq(name.value1())).execute();

            assertThat(loader.load().loaded()).isTrue();
            assertThat(dsl.fetchCount(VENDOR_NAME, VENDOR_NAME.NAME.eq("Tabatha Ltd.")))
                    .as("not re-created")
                    .isZero();
            assertThat(dsl.fetchCount(VENDOR_NAME))
                    .as("and nothing else lost or added")
                    .isEqualTo(loader.manifest().counts().get("vendor_name") - 1);
            assertThat(kinds(dsl)).isEmpty();
        }
    }
}
