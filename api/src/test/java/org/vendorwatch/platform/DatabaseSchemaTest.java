package org.vendorwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.IntegrationTest;

/** The schema documents itself and keeps its integrity in the database. */
@IntegrationTest
class DatabaseSchemaTest {

    @Autowired
    DSLContext dsl;

    @Test
    void everyTableAndColumnHasAComment() {
        List<String> missing = dsl.fetch("""
                select c.relname as what from pg_class c
                where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
                  and c.relname not like 'databasechangelog%' and obj_description(c.oid, 'pg_class') is null
                union all
                select c.relname || '.' || a.attname from pg_class c
                join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
                  and c.relname not like 'databasechangelog%' and col_description(c.oid, a.attnum) is null
                order by 1
                """).getValues("what", String.class);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyForeignKeyHasAnIndexAndAnExplicitOnDelete() {
        List<String> unindexed = dsl.fetch("""
                select con.conrelid::regclass || '.' || a.attname as what
                from pg_constraint con
                join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
                where con.contype = 'f' and con.connamespace = 'public'::regnamespace
                  and not exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indkey[0] = con.conkey[1])
                order by 1
                """).getValues("what", String.class);
        assertThat(unindexed).isEmpty();
        // 'a' is NO ACTION, the default you get by not saying anything
        List<String> implicit = dsl.fetch("""
                select conname from pg_constraint
                where contype = 'f' and connamespace = 'public'::regnamespace and confdeltype = 'a'
                """).getValues("conname", String.class);
        assertThat(implicit).isEmpty();
    }

    /** A table added without its audit trigger would be written unrecorded: name it here or give it the trigger. */
    @Test
    void everyTableOfRecordsIsAudited() {
        List<String> bookkeeping = List.of(
                "audit_event",
                "audit_pseudonym_key",
                "audit_digest_key",
                "databasechangelog",
                "databasechangeloglock",
                "jurisdiction",
                "seed_state",
                "seed_row",
                "withdrawal",
                "search_entry",
                "search_token",
                "search_word",
                // the read model: derived from the records, rebuilt from them, never edited
                "vendor_document",
                "vendor_document_stale",
                "read_model_state",
                // releases are the bulk files themselves
                "release",
                "release_file",
                "release_chunk");
        List<String> unaudited = dsl.fetch("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind = 'r'
                  and not exists (select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                                  where t.tgrelid = c.oid and p.proname = 'audit_capture')
                order by 1""").getValues(0, String.class).stream()
                .filter(t -> !bookkeeping.contains(t))
                .toList();
        assertThat(unaudited).isEmpty();
    }

    @Test
    void everyIsoCountryIsReferenceData() {
        assertThat(((Number) dsl.fetchValue("select count(*) from jurisdiction")).intValue())
                .isEqualTo(249);
        assertThat(dsl.fetchValue("select name from jurisdiction where code = 'IL'"))
                .isEqualTo("Israel");
    }

    @Test
    void theDatabaseRefusesACitationOfNothingOrOfTwoClaims() {
        Long source = ((Number) dsl.fetchValue("select min(id) from source")).longValue();
        Long vendor = ((Number) dsl.fetchValue("select min(id) from vendor")).longValue();
        Long note = ((Number) dsl.fetchValue("select min(id) from vendor_note")).longValue();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> dsl.execute("insert into citation (source_id, confidence) values (?, 'HIGH')", source))
                .hasMessageContaining("check");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dsl.execute(
                        "insert into citation (source_id, vendor_id, vendor_note_id, confidence) values (?, ?, ?, 'HIGH')",
                        source,
                        vendor,
                        note))
                .hasMessageContaining("check");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> dsl.execute("insert into vendor (slug, name, kind) values ('Bad Slug!', 'x', 'COMPANY')"))
                .hasMessageContaining("check");
    }
}
