package org.vendorwatch.curation;

import static org.vendorwatch.db.Tables.SEED_CONFLICT;
import static org.vendorwatch.db.Tables.SEED_ROW;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.curation.CurationInputs.ResolveSeedConflictInput;
import org.vendorwatch.curation.CurationInputs.WithdrawRecordInput;
import org.vendorwatch.curation.CurationQueries.SeedConflictView;
import org.vendorwatch.curation.CurationQueries.WithdrawnRecordView;
import org.vendorwatch.platform.auth.EditorsOnly;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.Edits;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.Form;
import org.vendorwatch.platform.editing.RecordType;
import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.platform.editing.Withdrawals;
import org.vendorwatch.platform.graphql.GlobalId;

/** Withdrawing a record entered in error, and settling the conflicts a seed update left for editors. */
@Component
public class CurationCommands {

    /** Payload of {@code withdrawRecord}. */
    public record WithdrawPayload(WithdrawnRecordView withdrawn, boolean changed, List<UserError> userErrors) {}

    /** Payload of {@code redactValue}. */
    public record RedactPayload(
            String recordId, String field, int historyEventsRedacted, boolean changed, List<UserError> userErrors) {
        static RedactPayload failed(String field, String message, String code) {
            return new RedactPayload(null, null, 0, false, List.of(new UserError("input." + field, message, code)));
        }
    }

    /** What a redaction puts where the value was. */
    public static final String REDACTED = "[redacted]";
    /** Text columns that identify a record rather than say something about it: corrected, never redacted. */
    private static final java.util.Set<String> NOT_REDACTABLE = java.util.Set.of(
            "slug",
            "kind",
            "status",
            "confidence",
            "role",
            "type",
            "category",
            "action_type",
            "scheme",
            "country_code",
            "authority_code",
            "program_code",
            "access",
            "aspect");

    /** Payload of {@code resolveSeedConflict}. */
    public record ResolvePayload(SeedConflictView conflict, boolean changed, List<UserError> userErrors) {}

    private final DSLContext dsl;
    private final Edits edits;
    private final Audit audit;
    private final Withdrawals withdrawals;
    private final CurationQueries curation;
    private final org.vendorwatch.platform.auth.EditorGuard guard;

    public CurationCommands(
            DSLContext dsl,
            Edits edits,
            Audit audit,
            Withdrawals withdrawals,
            CurationQueries curation,
            org.vendorwatch.platform.auth.EditorGuard guard) {
        this.dsl = dsl;
        this.edits = edits;
        this.audit = audit;
        this.withdrawals = withdrawals;
        this.curation = curation;
        this.guard = guard;
    }

    /**
     * Replaces a text value by {@value #REDACTED} in the record (a REDACT event with the reason) and
     * in every event of its history (audit_redact, which only works alongside that event); the chain's
     * sealed digests stand, so it still verifies.
     */
    @org.vendorwatch.platform.auth.RedactorsOnly
    @Transactional
    public RedactPayload redactValue(org.vendorwatch.curation.CurationInputs.RedactValueInput in) {
        Form f = Form.input();
        GlobalId id = f.globalId("id", in.id());
        String reason = f.reason("reason", in.reason(), true);
        if (id != null && id.type().equals("AuditEvent")) {
            // the reason an editor gave for a write: the event keeps its place in the chain, the words go
            if (!"reason".equals(in.field())) {
                f.error(
                        "field",
                        "Of an audit event, only its reason can be redacted (the values: redact them on the record).",
                        "INVALID_VALUE");
            }
            if (!f.ok()) {
                return new RedactPayload(null, null, 0, false, f.errors());
            }
            audit.begin(guard.requireRedactor(), "redactValue");
            if (!dsl.fetchExists(DSL.selectOne()
                    .from(DSL.table("audit_event"))
                    .where("id = ? and reason is not null and reason <> ?", id.rowId(), REDACTED))) {
                return RedactPayload.failed("id", "No such event with a reason to redact.", "NOT_FOUND");
            }
            Integer n = dsl.select(DSL.field(
                            "audit_redact_reason({0}, {1})", Integer.class, DSL.val(id.rowId()), DSL.val(reason)))
                    .fetchOne(0, Integer.class);
            return new RedactPayload(in.id(), in.field(), n == null ? 0 : n, true, List.of());
        }
        RecordType type = id == null ? null : RecordType.byTypeName(id.type()).orElse(null);
        if (id != null && type == null) {
            f.error("id", "Records of type " + id.type() + " hold no values to redact.", "INVALID_ID");
        }
        Field<?> column = null;
        if (type != null) {
            String name = in.field() == null
                    ? ""
                    : in.field().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
            Field<?> candidate = name.matches("[a-z_]{1,60}") ? type.table().field(name) : null;
            if (candidate == null
                    || (candidate.getType() != String.class && candidate.getType() != String[].class)
                    || RecordType.INTERNAL_COLUMNS.contains(name)
                    || NOT_REDACTABLE.contains(name)) {
                f.error(
                        "field",
                        "A " + type.typeName() + " has no free-text field '" + in.field()
                                + "' to redact (codes, kinds and " + "slugs are corrected, not redacted).",
                        "INVALID_VALUE");
            } else {
                column = candidate;
            }
        }
        if (!f.ok()) {
            return new RedactPayload(null, null, 0, false, f.errors());
        }
        audit.begin(guard.requireRedactor(), "redactValue");
        Record row = edits.lock(type, id.rowId());
        if (row == null) {
            return redactGone(type, id, in.field(), column.getName(), reason);
        }
        Object current = row.get(column);
        if (current == null
                || REDACTED.equals(current)
                || (current instanceof String[] a && a.length == 1 && REDACTED.equals(a[0]))) {
            return RedactPayload.failed(
                    "field",
                    current == null ? "The field holds no value." : "The value is redacted already.",
                    current == null ? "INVALID_VALUE" : "ALREADY_REDACTED");
        }
        audit.act("REDACT", reason, edits.vendorOf(type, id.rowId()));
        Field<?> target = column;
        Object redacted = column.getType() == String[].class ? new String[] {REDACTED} : REDACTED;
        try {
            dsl.transaction(nested -> edits.write(type, id.rowId(), java.util.Map.of(target, redacted)));
        } catch (RuntimeException e) { // Spring's translation of the constraint violation
            if (!org.vendorwatch.platform.db.Sql.refusedByConstraint(e)) {
                throw e;
            }
            return RedactPayload.failed(
                    "field",
                    "This field cannot hold \"" + REDACTED + "\" (it has a format of its own): correct it "
                            + "instead (its old value stays in history; ask the operators to redact it there).",
                    "INVALID_VALUE");
        }
        Long event = dsl.select(DSL.max(DSL.field("id", Long.class)))
                .from(DSL.table("audit_event"))
                .where(
                        "transaction_id = pg_current_xact_id() and operation = 'REDACT' and record_type = ? and record_id = ?",
                        type.typeName(),
                        id.rowId())
                .fetchOne(0, Long.class);
        Integer events = dsl.select(DSL.field(
                        "audit_redact({0}, {1}, {2}, {3})",
                        Integer.class,
                        DSL.val(type.typeName()),
                        DSL.val(id.rowId()),
                        DSL.val(column.getName()),
                        DSL.val(event)))
                .fetchOne(0, Integer.class);
        return new RedactPayload(in.id(), in.field(), events == null ? 0 : events, true, List.of());
    }

    /** A withdrawn record, or a vendor merged into another: redacted where it is kept, and in its history. */
    private RedactPayload redactGone(RecordType type, GlobalId id, String field, String column, String reason) {
        var kept = curation.withdrawn(type.typeName(), id.rowId());
        boolean merged = type == RecordType.VENDOR
                && !curation.merged(List.of(id.rowId())).isEmpty();
        if (kept.isEmpty() && !merged) {
            return RedactPayload.failed("id", "No such " + type.typeName() + ".", "NOT_FOUND");
        }
        try {
            Integer events = dsl.select(DSL.field(
                            "audit_redact_gone({0}, {1}, {2}, {3})",
                            Integer.class,
                            DSL.val(type.typeName()),
                            DSL.val(id.rowId()),
                            DSL.val(column),
                            DSL.val(reason)))
                    .fetchOne(0, Integer.class);
            return new RedactPayload(
                    GlobalId.of(type.typeName(), id.rowId()), field, events == null ? 0 : events, true, List.of());
        } catch (RuntimeException e) {
            if (!"P0002"
                    .equals(org.vendorwatch.platform.db.Sql.state(
                            e))) { // no_data_found: the kept record has no such value
                throw e;
            }
            return RedactPayload.failed("field", "The kept record holds no value in this field.", "INVALID_VALUE");
        }
    }

    @EditorsOnly
    @Transactional
    public WithdrawPayload withdrawRecord(WithdrawRecordInput in) {
        Form f = Form.input();
        GlobalId id = f.globalId("id", in.id());
        String reason = f.reason("reason", in.reason(), true);
        RecordType type = id == null ? null : RecordType.byTypeName(id.type()).orElse(null);
        if (id != null && type == null) {
            f.error("id", "Records of type " + id.type() + " are not withdrawn this way.", "INVALID_ID");
        }
        Outcome o = withdrawals.withdraw(
                "withdrawRecord", type, id == null ? 0 : id.rowId(), in.expectedRevision(), reason, f);
        return new WithdrawPayload(
                o.ok() ? curation.withdrawn(type.typeName(), o.id()).orElse(null) : null, o.changed(), o.errors());
    }

    @EditorsOnly
    @Transactional
    public ResolvePayload resolveSeedConflict(ResolveSeedConflictInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "SeedConflict");
        String resolution = f.value("resolution", in.resolution(), true);
        String reason = f.reason("reason", in.reason(), true);
        if (!f.ok()) {
            return new ResolvePayload(null, false, f.errors());
        }
        edits.begin("resolveSeedConflict");
        var c = SEED_CONFLICT;
        Record conflict = dsl.selectFrom(c).where(c.ID.eq(id)).forUpdate().fetchOne();
        if (conflict == null) {
            return failed("id", "No such seed conflict.", "NOT_FOUND");
        }
        if (conflict.get(c.RESOLVED_AT) != null) {
            return failed(
                    "id",
                    "This conflict was settled already (" + conflict.get(c.RESOLUTION) + ").",
                    "ALREADY_RESOLVED");
        }
        RecordType type = RecordType.byTableName(conflict.get(c.TABLE_NAME)).orElse(null);
        Long recordId = conflict.get(c.RECORD_ID);
        Long vendorId = type == null || recordId == null ? null : edits.vendorOf(type, recordId);
        if ("APPLY_SEED".equals(resolution)) {
            if (!"EDITED".equals(conflict.get(c.KIND))
                    || type == null
                    || recordId == null
                    || edits.lock(type, recordId) == null) {
                return failed(
                        "resolution",
                        "APPLY_SEED applies the seed's values to a record an editor changed; this record was "
                                + "removed, merged or kept after the seed dropped it: re-add or withdraw it by hand, then settle with KEEP_CURRENT.",
                        "INVALID_VALUE");
            }
            applySeedValues(type, recordId, vendorId, conflict.get(c.SEED_VALUES), reason);
        }
        // settled either way: the seed's values are what later seeds are compared with, so it does not come back
        if (conflict.get(c.SEED_VALUES) != null) {
            dsl.update(SEED_ROW)
                    .set(
                            SEED_ROW.APPLIED,
                            DSL.field(
                                    "{0} || {1}", JSONB.class, SEED_ROW.APPLIED, DSL.val(conflict.get(c.SEED_VALUES))))
                    .where(SEED_ROW.TABLE_NAME.eq(conflict.get(c.TABLE_NAME)))
                    .and(SEED_ROW.SEED_KEY.eq(conflict.get(c.SEED_KEY)))
                    .execute();
        }
        audit.act("RESOLVE", reason, vendorId);
        dsl.update(c)
                .set(c.RESOLVED_AT, DSL.currentOffsetDateTime())
                .set(c.RESOLUTION, "APPLY_SEED".equals(resolution) ? "APPLIED_SEED" : "KEPT_CURRENT")
                .where(c.ID.eq(id))
                .execute();
        return new ResolvePayload(curation.conflict(id), true, List.of());
    }

    /** Sets the record's fields to the seed's values (converted by PostgreSQL from their JSON), audited as the editor's correction. */
    private void applySeedValues(RecordType type, long recordId, Long vendorId, JSONB values, String reason) {
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(values.data());
        List<Field<?>> columns = new ArrayList<>();
        json.propertyNames().forEach(name -> {
            Field<?> column = type.table().field(name);
            if (column != null) {
                columns.add(column);
            }
        });
        if (columns.isEmpty()) {
            return;
        }
        audit.act(null, reason, vendorId);
        var populated = DSL.table(
                        "jsonb_populate_record(null::{0}, {1})",
                        DSL.name(type.table().getName()), DSL.val(values))
                .as("s");
        var update = dsl.update(type.table())
                .set(
                        DSL.row(columns),
                        DSL.select(columns.stream()
                                        .map(col -> (org.jooq.SelectField<?>) DSL.field(DSL.name("s", col.getName())))
                                        .toList())
                                .from(populated));
        update.where(type.id().eq(recordId)).execute();
        edits.write(type, recordId, java.util.Map.of());
    }

    private static ResolvePayload failed(String field, String message, String code) {
        return new ResolvePayload(null, false, List.of(new UserError("input." + field, message, code)));
    }
}
