package org.vendorwatch.platform.editing;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.auth.Actor;

/**
 * The audit trail's context. Every write to a public table is recorded by a trigger in the database
 * (migration 008: {@code audit_capture}), in the writing transaction, whoever writes it; the service
 * cannot write, change or skip an event (its role has no INSERT, UPDATE or DELETE on
 * {@code audit_event}). What the trigger cannot know, the service tells it for the transaction:
 * who writes and through which mutation ({@link #begin}), and before each write the act, the reason
 * and the vendor whose history it belongs to ({@link #act}). Events carry the public fields only
 * (not {@link RecordType#INTERNAL_COLUMNS}), list only the fields that changed, and an update that
 * changed nothing but bookkeeping makes no event.
 */
@Component
public class Audit {

    private final DSLContext dsl;

    public Audit(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Who writes, and through which mutation, for the rest of the transaction. */
    public void begin(Actor actor, String mutation) {
        dsl.select(
                        set("vendorwatch.actor_subject", actor.subject()),
                        set("vendorwatch.actor_username", actor.username()),
                        set("vendorwatch.mutation", mutation),
                        set("vendorwatch.operation", ""),
                        set("vendorwatch.reason", ""),
                        set("vendorwatch.vendor_id", ""))
                .execute();
    }

    /**
     * The act of the writes that follow (null: what the statement does: CREATE, UPDATE, REMOVE; for a
     * citation ATTACH, DETACH), the editor's reason, and the vendor whose history they belong to when
     * the row does not say.
     */
    public void act(String operation, String reason, Long vendorId) {
        dsl.select(
                        set("vendorwatch.operation", operation == null ? "" : operation),
                        set("vendorwatch.reason", reason == null ? "" : reason),
                        set("vendorwatch.vendor_id", vendorId == null ? "" : vendorId.toString()))
                .execute();
    }

    private static Field<String> set(String name, String value) {
        return DSL.field("set_config({0}, {1}, true)", String.class, DSL.inline(name), DSL.val(value));
    }

    /** The public fields of a row as JSON (see {@link #publicRow}), or null when it does not exist. */
    public JSONB snapshot(Table<?> table, long id) {
        return dsl.select(publicRow("t"))
                .from(table.as("t"))
                .where(DSL.field(DSL.name("t", "id"), Long.class).eq(id))
                .fetchOne(0, JSONB.class);
    }

    /** The row {@code alias} as JSON, without the internal columns. */
    public static Field<JSONB> publicRow(String alias) {
        return DSL.field(
                "to_jsonb({0}) - {1}::text[]",
                JSONB.class, DSL.name(alias), DSL.inline(RecordType.INTERNAL_COLUMNS.toArray(String[]::new)));
    }
}
