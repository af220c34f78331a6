package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.audit.TrailSealer;
import org.vendorwatch.audit.TrailVerifier;
import org.vendorwatch.platform.embedded.EmbeddedPostgres;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;

/**
 * The audit trail cannot be rewritten by the service: every way its database role could bypass,
 * rewrite or forge the trail fails, a write made directly in the database is recorded all the same,
 * and a change made behind the service's back (as the superuser) is found by the chain check.
 */
@EditingTest
class TrailTest extends EditingSupport {

    @Autowired
    DataSource runtime;

    @Autowired
    EmbeddedPostgres pg;

    @Autowired
    TrailSealer sealer;

    /** Runs the statement as the service's own role, in a transaction that is rolled back; returns the error. */
    private String asService(String sql) throws SQLException {
        try (Connection c = runtime.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute(sql);
                return null;
            } catch (SQLException e) {
                return e.getMessage();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void theServiceRoleCannotRewriteOrBypassTheTrail() throws SQLException {
        newVendor("trail-bypass");
        String[] bypasses = {
            "alter table audit_event disable trigger all",
            "alter table audit_event disable trigger audit_event_no_update",
            "update audit_event set actor_username = 'someone else'",
            "delete from audit_event",
            "truncate audit_event",
            "drop trigger audit_event_no_update on audit_event",
            "drop trigger audit_event_no_truncate on audit_event",
            "create or replace function audit_event_append_only() returns trigger language plpgsql as $$ begin return new; end $$",
            "create or replace function audit_capture() returns trigger language plpgsql as $$ begin return null; end $$",
            "drop table audit_event",
            "drop function audit_capture() cascade",
            "insert into audit_event (actor_subject, actor_username, mutation, operation, record_type, record_id, after) "
                    + "values ('viewer', 'viewer', 'forged', 'CREATE', 'Vendor', 1, '{}')",
            "alter table vendor disable trigger vendor_audit",
            "alter table allegation_vendor disable trigger all",
            "drop trigger vendor_audit on vendor",
            "set session_replication_role = replica",
            "create table public.shadow (id int)",
            "create function public.shadow() returns int language sql as $$ select 1 $$",
            "alter table audit_event owner to current_user",
            "grant update on audit_event to public; update audit_event set reason = 'granted myself'",
            "update audit_pseudonym_key set key = repeat('0', 64)",
            "select audit_redact('Vendor', (select min(id) from vendor), 'description', (select max(id) from audit_event))",
            // a temporary table's trigger could run the owner's capture function and forge events: no temporary tables,
            // and the function is the triggers' only
            "create temp table forged (id bigint)",
            "select audit_capture()",
            "select audit_keyed_digest('a guess')",
            // what is kept beside the records is never rewritten or removed by the service
            "delete from withdrawal",
            "update withdrawal set reason = 'rewritten'",
            "delete from vendor_merge",
            "delete from seed_conflict",
        };
        for (String sql : bypasses) {
            assertThat(asService(sql))
                    .as(sql)
                    .isNotNull()
                    .containsAnyOf(
                            "permission denied",
                            "must be owner",
                            "redaction needs its REDACT event",
                            "can only be called as trigger");
        }
    }

    @Test
    void aWriteMadeDirectlyInTheDatabaseIsRecordedAsTheDatabaseRole() throws SQLException {
        long before = ((Number) dsl.fetchValue("select coalesce(max(id), 0) from audit_event")).longValue();
        try (Connection c = runtime.getConnection();
                var st = c.createStatement()) {
            st.execute("update vendor set description = 'Changed behind the API' where slug = 'nso-group'");
        }
        var event = dsl.fetchOne(
                "select actor_subject, mutation, operation, changed_fields::text from audit_event where id > ? and record_type = 'Vendor'",
                before);
        assertThat(event).as("a direct UPDATE leaves an event").isNotNull();
        assertThat(event.get(0, String.class)).isEqualTo("database:editing_app");
        assertThat(event.get(1, String.class)).isEqualTo("sql");
        assertThat(event.get(2, String.class)).isEqualTo("UPDATE");
        assertThat(event.get(3, String.class)).isEqualTo("{description}");
    }

    @Test
    void linkRowsAreAuditedWithPublicFieldsOnlyAndOnlyWhatChanged() {
        long before = ((Number) dsl.fetchValue("select coalesce(max(id), 0) from audit_event")).longValue();
        String source = newSource("https://example.org/trail/links");
        String vendor = newVendor("trail-links");
        edit(
                "mutation($input: FileAllegationInput!) { fileAllegation(input: $input) { allegation { id } userErrors { field message code } } }",
                Map.of(
                        "vendorIds",
                        java.util.List.of(vendor),
                        "title",
                        "A test allegation about links",
                        "summary",
                        "What the test says happened.",
                        "category",
                        "OTHER",
                        "firstReportedOn",
                        "2024-01",
                        "confidence",
                        "LOW",
                        "sources",
                        java.util.List.of(cite(source))));
        assertThat(dsl.fetchCount(
                        dsl.selectFrom("audit_event").where("id > ? and record_type = 'AllegationVendor'", before)))
                .as("the allegation's link to its vendor is in the trail")
                .isEqualTo(1);
        for (var r : dsl.fetch(
                "select coalesce(after, before)::text, changed_fields::text, operation from audit_event where id > ?",
                before)) {
            assertThat(r.get(0, String.class))
                    .as("internal columns stay out of history")
                    .doesNotContain("\"seed_key\"", "\"folded\"", "\"sort_name\"", "\"lifted_by_event_id\"");
        }
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_event")
                        .where("id > ? and operation = 'UPDATE' and cardinality(changed_fields) = 0", before)))
                .as("no event without a changed field")
                .isZero();
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_event")
                        .where("id > ? and record_type = 'Citation' and cardinality(changed_fields) > 0", before)))
                .as("attaching a citation creates it: no field 'changed'")
                .isZero();
    }

    @Test
    void theChainVerifiesAndATamperedEventIsNamed() throws SQLException {
        newVendor("trail-chain");
        sealer.seal();
        try (Connection c = runtime.getConnection()) {
            TrailVerifier.Result ok = TrailVerifier.verify(c);
            assertThat(ok.intact()).as(String.valueOf(ok.firstBreak())).isTrue();
            assertThat(ok.sealedEvents()).isPositive();
            assertThat(ok.headHash()).matches("[0-9a-f]{64}");
        }
        try (Connection su = pg.connect("editing", EmbeddedPostgres.SUPERUSER)) {
            su.setAutoCommit(false);
            long victim;
            try (var st = su.createStatement()) {
                st.execute("set local session_replication_role = replica"); // the superuser can switch the append-only
                // trigger off
                try (var rs = st.executeQuery("select id from audit_event where seal_seq = 3")) {
                    rs.next();
                    victim = rs.getLong(1);
                }
                st.execute("update audit_event set actor_username = 'someone else' where id = " + victim);
            }
            TrailVerifier.Result broken = TrailVerifier.verify(su);
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBreak().eventId()).isEqualTo(victim);
            assertThat(broken.firstBreak().sealSeq()).isEqualTo(3);
            assertThat(broken.sealedEvents())
                    .as("the events before it still verify")
                    .isEqualTo(2);
            su.rollback();

            try (var st = su.createStatement()) {
                st.execute("set local session_replication_role = replica");
                st.execute(
                        "update audit_event set after = jsonb_set(after, '{name}', '\"Forged\"') where seal_seq = (select max(seal_seq) from audit_event where after ? 'name')");
            }
            broken = TrailVerifier.verify(su);
            assertThat(broken.firstBreak().problem()).contains("field name of its after document was changed");
            su.rollback();

            try (var st = su.createStatement()) {
                st.execute("set local session_replication_role = replica");
                st.execute("delete from audit_event where seal_seq = 5");
            }
            broken = TrailVerifier.verify(su);
            assertThat(broken.firstBreak().sealSeq()).isEqualTo(5);
            assertThat(broken.firstBreak().problem()).contains("missing");
            su.rollback();
        }
    }

    @Test
    void theVerifyCommandFailsOnATamperedTrailAndTheHeadIsPublished() throws SQLException {
        newVendor("trail-command");
        sealer.seal();
        assertThat(verifyCommand()).as("intact").isZero();
        var head = api.query("{ auditTrail { sealedEvents unsealedEvents head { sealSeq eventId hash occurredAt } } }")
                .ok()
                .path("auditTrail");
        assertThat(head.path("head").path("hash").asString()).matches("[0-9a-f]{64}");
        assertThat(head.path("sealedEvents").asLong())
                .isEqualTo(head.path("head").path("sealSeq").asLong());
        String headHash = null;
        for (var e : api.query("{ recentChanges(first: 100) { edges { node { id sealSeq hash } } } }")
                .ok()
                .path("recentChanges")
                .path("edges")) {
            if (e.path("node")
                    .path("id")
                    .asString()
                    .equals(head.path("head").path("eventId").asString())) {
                headHash = e.path("node").path("hash").asString();
            }
        }
        assertThat(headHash)
                .as("the head event carries the head's hash")
                .isEqualTo(head.path("head").path("hash").asString());

        // behind the service's back, as the superuser: the command names it, and the trail is whole again once undone
        try (Connection su = pg.connect("editing", EmbeddedPostgres.SUPERUSER);
                var st = su.createStatement()) {
            st.execute("set session_replication_role = replica");
            st.execute("create temp table kept as select id, reason from audit_event where seal_seq = 2");
            st.execute("update audit_event set reason = 'rewritten' where seal_seq = 2");
            try {
                assertThat(verifyCommand()).as("broken").isEqualTo(1);
            } finally {
                st.execute("update audit_event e set reason = k.reason from kept k where e.id = k.id");
            }
        }
        assertThat(verifyCommand()).as("restored").isZero();
    }

    /** Runs {@code verify-trail} on this test's database, as the jar's command does; returns its exit code. */
    private static int verifyCommand() {
        var context = new org.springframework.boot.builder.SpringApplicationBuilder(
                        org.vendorwatch.VendorwatchApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .run(
                        "--vendorwatch.database.ephemeral=true",
                        "--vendorwatch.database.name=editing",
                        "--vendorwatch.trail.verify=true",
                        "--vendorwatch.seed.enabled=false",
                        "--vendorwatch.audit.sealing=false");
        return org.springframework.boot.SpringApplication.exit(context);
    }

    @Test
    void aRedactionCannotBeFakedToHideAChange() throws SQLException {
        newVendor("trail-fake-redaction");
        sealer.seal();
        // the owner's redaction path takes nothing but "[redacted]"
        try (Connection owner = pg.connect("editing", "editing")) {
            owner.setAutoCommit(false);
            try (var st = owner.createStatement()) {
                st.execute("set local vendorwatch.audit_maintenance = 'redact'");
                assertThatThrownBy(
                                () -> st.execute(
                                        "update audit_event set after = jsonb_set(after, '{name}', '\"Another vendor\"'), "
                                                + "redactions = redactions || '[{\"field\": \"name\", \"redactionEventId\": 1}]' "
                                                + "where seal_seq = (select max(seal_seq) from audit_event where after ? 'name')"))
                        .hasMessageContaining("append-only");
            } finally {
                owner.rollback();
            }
        }
        // and a value made "[redacted]" behind its back, without a redaction event, is named
        try (Connection su = pg.connect("editing", EmbeddedPostgres.SUPERUSER)) {
            su.setAutoCommit(false);
            long victim;
            try (var st = su.createStatement()) {
                st.execute("set local session_replication_role = replica");
                try (var rs = st.executeQuery(
                        "select id from audit_event where seal_seq = (select max(seal_seq) from audit_event where after ? 'name')")) {
                    rs.next();
                    victim = rs.getLong(1);
                }
                st.execute("update audit_event set after = jsonb_set(after, '{name}', '\"[redacted]\"'), "
                        + "redactions = redactions || '[{\"field\": \"name\", \"redactionEventId\": 1}]' where id = "
                        + victim);
            }
            TrailVerifier.Result r = TrailVerifier.verify(su);
            assertThat(r.intact()).isFalse();
            assertThat(r.firstBreak().eventId()).isEqualTo(victim);
            assertThat(r.firstBreak().problem()).contains("no redaction event");
            su.rollback();
        }
    }
}
