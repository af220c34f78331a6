package org.vendorwatch.platform.editing;

import static org.vendorwatch.db.Tables.AUDIT_EVENT;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.auth.Actor;

/**
 * Writes the audit trail: called inside the writing transaction, so a write and its audit event
 * commit or roll back together. Snapshots are the rows as PostgreSQL renders them (to_jsonb).
 */
@Component
public class Audit {

    private final DSLContext dsl;

    public Audit(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The row as JSON, or null when it does not exist. */
    public JSONB snapshot(Table<?> table, long id) {
        return dsl.select(DSL.field("to_jsonb(t)", JSONB.class))
                .from(table.as("t")).where(DSL.field(DSL.name("t", "id"), Long.class).eq(id))
                .fetchOne(0, JSONB.class);
    }

    /** The row, locked until the transaction ends (for updates that compare revisions). */
    public JSONB lock(Table<?> table, long id) {
        return dsl.select(DSL.field("to_jsonb(t)", JSONB.class))
                .from(table.as("t")).where(DSL.field(DSL.name("t", "id"), Long.class).eq(id))
                .forUpdate().fetchOne(0, JSONB.class);
    }

    public void record(Actor actor, String mutation, String operation, String recordType, long recordId, Long vendorId,
                       JSONB before, JSONB after, String reason) {
        insert(actor, mutation, operation, recordType, recordId, vendorId, before, after, reason).execute();
    }

    /** The insert of an audit event, not yet executed (for batches). */
    public org.jooq.Query insert(Actor actor, String mutation, String operation, String recordType, long recordId, Long vendorId,
                                 JSONB before, JSONB after, String reason) {
        var changed = DSL.field("""
                coalesce(array(select k from (
                  select jsonb_object_keys(coalesce({0}, '{}'::jsonb) || coalesce({1}, '{}'::jsonb)) k) keys
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
