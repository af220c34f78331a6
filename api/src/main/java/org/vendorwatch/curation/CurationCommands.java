package org.vendorwatch.curation;

import static org.vendorwatch.db.Tables.SEED_CONFLICT;

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
import org.vendorwatch.platform.auth.Actor;
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
    public record WithdrawPayload(WithdrawnRecordView withdrawn, boolean changed, List<UserError> userErrors) {
    }

    /** Payload of {@code resolveSeedConflict}. */
    public record ResolvePayload(SeedConflictView conflict, boolean changed, List<UserError> userErrors) {
    }

    private final DSLContext dsl;
    private final Edits edits;
    private final Audit audit;
    private final Withdrawals withdrawals;
    private final CurationQueries curation;

    public CurationCommands(DSLContext dsl, Edits edits, Audit audit, Withdrawals withdrawals, CurationQueries curation) {
        this.dsl = dsl;
        this.edits = edits;
        this.audit = audit;
        this.withdrawals = withdrawals;
        this.curation = curation;
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
        Outcome o = withdrawals.withdraw("withdrawRecord", type, id == null ? 0 : id.rowId(), in.expectedRevision(), reason, f);
        return new WithdrawPayload(o.ok() ? curation.withdrawn(type.typeName(), o.id()).orElse(null) : null, o.changed(), o.errors());
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
            return failed("id", "This conflict was settled already (" + conflict.get(c.RESOLUTION) + ").", "ALREADY_RESOLVED");
        }
        RecordType type = RecordType.byTableName(conflict.get(c.TABLE_NAME)).orElse(null);
        Long recordId = conflict.get(c.RECORD_ID);
        Long vendorId = type == null || recordId == null ? null : edits.vendorOf(type, recordId);
        if ("APPLY_SEED".equals(resolution)) {
            if (!"EDITED".equals(conflict.get(c.KIND)) || type == null || recordId == null || edits.lock(type, recordId) == null) {
                return failed("resolution", "APPLY_SEED applies the seed's values to a record an editor changed; this record was "
                        + "removed, merged or kept after the seed dropped it: re-add or withdraw it by hand, then settle with KEEP_CURRENT.",
                        "INVALID_VALUE");
            }
            applySeedValues(type, recordId, vendorId, conflict.get(c.SEED_VALUES), reason);
        }
        audit.act("RESOLVE", reason, vendorId);
        dsl.update(c).set(c.RESOLVED_AT, DSL.currentOffsetDateTime())
                .set(c.RESOLUTION, "APPLY_SEED".equals(resolution) ? "APPLIED_SEED" : "KEPT_CURRENT").where(c.ID.eq(id)).execute();
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
        var populated = DSL.table("jsonb_populate_record(null::{0}, {1})", DSL.name(type.table().getName()), DSL.val(values)).as("s");
        var update = dsl.update(type.table()).set(DSL.row(columns), DSL.select(columns.stream()
                .map(col -> (org.jooq.SelectField<?>) DSL.field(DSL.name("s", col.getName()))).toList()).from(populated));
        update.where(type.id().eq(recordId)).execute();
        edits.write(type, recordId, java.util.Map.of());
    }

    private static ResolvePayload failed(String field, String message, String code) {
        return new ResolvePayload(null, false, List.of(new UserError("input." + field, message, code)));
    }
}
