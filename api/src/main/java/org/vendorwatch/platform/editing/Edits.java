package org.vendorwatch.platform.editing;

import static org.vendorwatch.db.Tables.CITATION;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.auth.Actor;
import org.vendorwatch.platform.auth.EditorGuard;

/**
 * The one way a write happens. Every mutation's command builds its {@link Changes} from its typed
 * input and hands them here; this class runs the sequence that must never vary: the editor check,
 * the refusal of anything the form found wrong, the row lock and revision check, the rules that span
 * stored and new values, the diff (a change that changes nothing writes nothing, and says so), the
 * write with its new revision, the audit event with before, after and the editor's reason, and the
 * citations, all in the caller's transaction.
 */
@Component
public class Edits {

    /** What a write did: the record's id, whether anything changed, and the user errors when it was refused. */
    public record Outcome(Long id, boolean changed, List<UserError> errors) {
        public static Outcome failed(List<UserError> errors) {
            return new Outcome(null, false, List.copyOf(errors));
        }

        public static Outcome failed(String field, String message, String code) {
            return failed(List.of(new UserError(field, message, code)));
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** A rule that needs the stored row as well as the new values (date order, uniqueness ...); adds errors to the form. */
    @FunctionalInterface
    public interface StoredRule {
        void check(Changes changes, Record stored);
    }

    private final DSLContext dsl;
    private final Audit audit;
    private final Citations citations;
    private final EditorGuard guard;

    public Edits(DSLContext dsl, Audit audit, Citations citations, EditorGuard guard) {
        this.dsl = dsl;
        this.audit = audit;
        this.citations = citations;
        this.guard = guard;
    }

    /** The editor making the write (checked again here, whatever the command declares). */
    public Actor actor() {
        return guard.requireEditor();
    }

    /** Checks the editor and tells the audit trail who writes through which mutation; returns the editor. */
    public Actor begin(String mutation) {
        Actor actor = actor();
        audit.begin(actor, mutation);
        return actor;
    }

    /** The vendor a new row belongs to when its own columns do not say (a development, a product): for the audit trail. */
    private static Long contextVendor(Changes values) {
        for (var e : values.values().entrySet()) {
            if (e.getKey().getName().endsWith("vendor_id") && e.getValue() instanceof Long l) {
                return l;
            }
        }
        return null;
    }

    /** Inserts a record with its citations; CREATE in the audit trail. */
    public Outcome create(String mutation, RecordType type, Changes values, List<Citations.Spec> sources) {
        Form form = values.form();
        if (!form.ok()) {
            return Outcome.failed(form.errors());
        }
        begin(mutation);
        audit.act(null, null, contextVendor(values));
        long id = dsl.insertInto(type.table())
                .set(values.values())
                .returning(type.id())
                .fetchSingle(type.id());
        if (!sources.isEmpty()) {
            citations.attach(type, id, vendorOf(type, id), sources);
        }
        return new Outcome(id, true, List.of());
    }

    /**
     * Changes a record: lock, revision check, {@code rule}, diff, write, audit as {@code operation}
     * with the reason, then any new citations.
     */
    public Outcome update(
            String mutation,
            String operation,
            RecordType type,
            Long id,
            int expectedRevision,
            String reason,
            Changes changes,
            StoredRule rule,
            List<Citations.Spec> addSources) {
        Form form = changes.form();
        if (!form.ok()) {
            return Outcome.failed(form.errors());
        }
        begin(mutation);
        Record stored = lock(type, id);
        if (stored == null) {
            return Outcome.failed(
                    "input.id", "No such " + type.typeName() + " (it may have been withdrawn or merged).", "NOT_FOUND");
        }
        if (type.hasRevision()) {
            int current = stored.get("revision", Integer.class);
            if (current != expectedRevision) {
                return Outcome.failed(
                        "input.expectedRevision",
                        "The record changed since you read it (revision " + expectedRevision + ", now " + current
                                + "). Reload it and apply your change again.",
                        "STALE_REVISION");
            }
        }
        if (rule != null) {
            rule.check(changes, stored);
            if (!form.ok()) {
                return Outcome.failed(form.errors());
            }
        }
        Map<Field<?>, Object> diff = new LinkedHashMap<>();
        changes.values().forEach((column, value) -> {
            if (!same(stored.get(column), value)) {
                diff.put(column, value);
            }
        });
        boolean newSources = addSources.stream()
                .anyMatch(s -> !dsl.fetchExists(
                        CITATION,
                        type.citationColumn()
                                .eq(id)
                                .and(CITATION.SOURCE_ID.eq(s.sourceId()))
                                .and(s.aspect() == null ? CITATION.ASPECT.isNull() : CITATION.ASPECT.eq(s.aspect()))));
        if (diff.isEmpty() && !newSources) {
            return new Outcome(id, false, List.of());
        }
        if (!diff.isEmpty()) {
            // the trigger takes the vendor from the row itself (after the write, so a claim moved to
            // another vendor is in that vendor's history); this is for rows that do not name one
            audit.act("UPDATE".equals(operation) ? null : operation, reason, vendorOf(type, id));
            write(type, id, diff);
        }
        citations.attach(type, id, vendorOf(type, id), addSources);
        return new Outcome(id, true, List.of());
    }

    /** The row, locked until the transaction ends; null when it does not exist. */
    public Record lock(RecordType type, long id) {
        return dsl.selectFrom(type.table()).where(type.id().eq(id)).forUpdate().fetchOne();
    }

    /** Writes the values and bumps the revision and updated_at where the table has them. */
    public void write(RecordType type, long id, Map<Field<?>, Object> values) {
        var update = dsl.update(type.table()).set(values);
        if (type.hasRevision()) {
            Field<Integer> revision = DSL.field(DSL.name("revision"), Integer.class);
            update = update.set(revision, revision.plus(1))
                    .set(
                            DSL.field(DSL.name("updated_at"), java.time.OffsetDateTime.class),
                            DSL.currentOffsetDateTime());
        }
        update.where(type.id().eq(id)).execute();
    }

    /** The vendor whose history a record belongs to, or null. */
    public Long vendorOf(RecordType type, long id) {
        return type.vendor() == null
                ? null
                : dsl.select(type.vendor())
                        .from(type.table())
                        .where(type.id().eq(id))
                        .fetchOne(0, Long.class);
    }

    /** Stored and new values compared as the database would: arrays by content, JSON by its text. */
    static boolean same(Object stored, Object value) {
        if (stored instanceof Object[] a && value instanceof Object[] b) {
            return java.util.Arrays.equals(a, b);
        }
        if (stored instanceof JSONB a && value instanceof JSONB b) {
            return a.data().equals(b.data()) || JSONB.valueOf(a.data()).equals(JSONB.valueOf(b.data()));
        }
        return Objects.equals(stored, value);
    }
}
