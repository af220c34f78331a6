package org.vendorwatch.platform.editing;

import static org.vendorwatch.db.Tables.AUDIT_EVENT;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.auth.Actor;

/**
 * Writes the audit trail: called inside the writing transaction, so a write and its audit event
 * commit or roll back together. Snapshots are the rows as PostgreSQL renders them (to_jsonb), less
 * the database's internal bookkeeping columns ({@link RecordType#INTERNAL_COLUMNS}): the trail is
 * public. Only an event that has both a before and an after lists changed fields, and only those
 * whose values differ; an update that changed nothing is not recorded at all.
 */
@Component
public class Audit {

    private final DSLContext dsl;

    public Audit(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The public fields of a row as JSON (see {@link #publicRow}), or null when it does not exist. */
    public JSONB snapshot(Table<?> table, long id) {
        return dsl.select(publicRow("t"))
                .from(table.as("t")).where(DSL.field(DSL.name("t", "id"), Long.class).eq(id))
                .fetchOne(0, JSONB.class);
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("revision", "updated_at", "created_at");

    /** True when two snapshots differ in bookkeeping fields only. */
    static boolean sameContent(JSONB before, JSONB after) {
        var a = (tools.jackson.databind.node.ObjectNode) JSON.readTree(before.data());
        var b = (tools.jackson.databind.node.ObjectNode) JSON.readTree(after.data());
        BOOKKEEPING.forEach(k -> {
            a.remove(k);
            b.remove(k);
        });
        return a.equals(b);
    }

    /** The row {@code alias} as JSON, without the internal columns. */
    public static Field<JSONB> publicRow(String alias) {
        return DSL.field("to_jsonb({0}) - {1}::text[]", JSONB.class, DSL.name(alias),
                DSL.inline(RecordType.INTERNAL_COLUMNS.toArray(String[]::new)));
    }

    public void record(Actor actor, String mutation, String operation, String recordType, long recordId, Long vendorId,
                       JSONB before, JSONB after, String reason) {
        if (before != null && after != null && sameContent(before, after)) {
            return; // nothing but bookkeeping changed: no event
        }
        insert(actor, mutation, operation, recordType, recordId, vendorId, before, after, reason).execute();
    }

    /** The insert of an audit event, not yet executed (for batches). */
    public org.jooq.Query insert(Actor actor, String mutation, String operation, String recordType, long recordId, Long vendorId,
                                 JSONB before, JSONB after, String reason) {
        // only a change of an existing record has changed fields; a creation or removal has none
        var changed = before == null || after == null ? DSL.inline(new String[0]) : DSL.field("""
                coalesce(array(select k from (
                  select jsonb_object_keys({0} || {1}) k) keys
                  where k not in ('revision', 'updated_at', 'created_at')
                    and ({0} -> k) is distinct from ({1} -> k) order by k), '{}')""", String[].class,
                DSL.val(before, JSONB.class), DSL.val(after, JSONB.class));
        return dsl.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.ACTOR_SUBJECT, actor.subject())
                .set(AUDIT_EVENT.ACTOR_USERNAME, actor.username())
                .set(AUDIT_EVENT.MUTATION, mutation)
                .set(AUDIT_EVENT.OPERATION, operation)
                .set(AUDIT_EVENT.RECORD_TYPE, recordType)
                .set(AUDIT_EVENT.RECORD_ID, recordId)
                .set(AUDIT_EVENT.VENDOR_ID, vendorId)
                .set(AUDIT_EVENT.REASON, reason)
                .set(AUDIT_EVENT.BEFORE, before)
                .set(AUDIT_EVENT.AFTER, after)
                .set(AUDIT_EVENT.CHANGED_FIELDS, changed);
    }
}
