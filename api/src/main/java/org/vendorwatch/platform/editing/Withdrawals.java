package org.vendorwatch.platform.editing;

import static org.vendorwatch.db.Tables.ALLEGATION_DEVELOPMENT;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.PRODUCT_VENDOR;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SANCTION_PROGRAM;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_MERGE;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;
import static org.vendorwatch.db.Tables.VENDOR_RELATIONSHIP;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;
import static org.vendorwatch.db.Tables.WITHDRAWAL;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Withdrawal: a record entered in error (a duplicate, the wrong vendor, a test) leaves every public
 * list, count, search, {@code isSanctioned} and bulk file, because its row is deleted; what it was
 * is kept in {@code withdrawal} (public fields, citations, and the records withdrawn with it), so
 * its global id still answers, with the reason. Distinct from a retraction, a lifting or a
 * delisting, which are events in the world and stay public. Records that depend on the withdrawn
 * one and mean nothing without it (a vendor's names, an act's targets, an allegation's
 * developments) are withdrawn with it, each audited; records that are claims in their own right
 * about something else (a sanction action or allegation naming a vendor, a claim citing a source)
 * block the withdrawal until an editor deals with them.
 */
@Component
public class Withdrawals {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext dsl;
    private final Audit audit;
    private final Citations citations;
    private final Edits edits;

    public Withdrawals(DSLContext dsl, Audit audit, Citations citations, Edits edits) {
        this.dsl = dsl;
        this.audit = audit;
        this.citations = citations;
        this.edits = edits;
    }

    /** A record to withdraw with its parent. */
    private record Dependent(RecordType type, long id) {}

    /** Withdraws a record (and its dependents); the outcome's id is the withdrawn row's id. */
    public Edits.Outcome withdraw(
            String mutation, RecordType type, long id, Integer expectedRevision, String reason, Form form) {
        if (!form.ok()) {
            return Edits.Outcome.failed(form.errors());
        }
        if (type == RecordType.CITATION_LINK || type == RecordType.ALLEGATION_VENDOR) {
            return Edits.Outcome.failed(
                    "input.id",
                    "Remove a citation with detachCitation, and an allegation's vendor with " + "updateAllegation.",
                    "INVALID_ID");
        }
        edits.begin(mutation);
        Record stored = edits.lock(type, id);
        if (stored == null) {
            boolean already = dsl.fetchExists(
                    WITHDRAWAL, WITHDRAWAL.RECORD_TYPE.eq(type.typeName()).and(WITHDRAWAL.RECORD_ID.eq(id)));
            return Edits.Outcome.failed(
                    "input.id",
                    already ? "This record was already withdrawn." : "No such record.",
                    already ? "ALREADY_WITHDRAWN" : "NOT_FOUND");
        }
        if (type.hasRevision()) {
            if (expectedRevision == null) {
                return Edits.Outcome.failed(
                        "input.expectedRevision", "expectedRevision is required: the revision you read.", "REQUIRED");
            }
            int current = stored.get("revision", Integer.class);
            if (current != expectedRevision) {
                return Edits.Outcome.failed(
                        "input.expectedRevision",
                        "The record changed since you read it (revision " + expectedRevision + ", now " + current
                                + "). Reload it and decide again.",
                        "STALE_REVISION");
            }
        }
        String blocker = blocker(type, id);
        if (blocker != null) {
            return Edits.Outcome.failed("input.id", blocker, "IN_USE");
        }
        Long vendorId = edits.vendorOf(type, id);
        List<Dependent> dependents = dependents(type, id);
        ArrayNode withdrawnWith = JSON.createArrayNode();
        for (Dependent d : dependents) {
            ObjectNode record = describe(d.type(), d.id());
            withdrawnWith.add(record);
            String why = "Withdrawn with its " + type.typeName() + ": " + reason;
            keep(d.type(), d.id(), edits.vendorOf(d.type(), d.id()), why, record);
        }
        ObjectNode record = describe(type, id);
        if (!withdrawnWith.isEmpty()) {
            record.set("withdrawnWith", withdrawnWith);
        }
        keep(type, id, vendorId, reason, record);
        // the deletion cascades to the dependents and citations; the trigger records each as WITHDRAW
        audit.act("WITHDRAW", reason, vendorId);
        dsl.deleteFrom(type.table()).where(type.id().eq(id)).execute();
        return new Edits.Outcome(id, true, List.of());
    }

    /** Keeps the record as it was in the withdrawal table, so its id still answers. */
    private void keep(RecordType type, long id, Long vendorId, String reason, ObjectNode record) {
        dsl.insertInto(WITHDRAWAL)
                .set(WITHDRAWAL.RECORD_TYPE, type.typeName())
                .set(WITHDRAWAL.RECORD_ID, id)
                .set(WITHDRAWAL.VENDOR_ID, vendorId)
                .set(WITHDRAWAL.REASON, reason)
                .set(WITHDRAWAL.RECORD, JSONB.valueOf(JSON.writeValueAsString(record)))
                .execute();
    }

    /** The record's public fields, with its citations. */
    private ObjectNode describe(RecordType type, long id) {
        ObjectNode node =
                (ObjectNode) JSON.readTree(audit.snapshot(type.table(), id).data());
        if (type.citationColumn() != null) {
            ArrayNode cites = node.putArray("citations");
            citations.of(type, id).forEach(c -> cites.add(JSON.readTree(c.data())));
        }
        return node;
    }

    /** Why the record cannot be withdrawn as it stands, or null. */
    private String blocker(RecordType type, long id) {
        return switch (type) {
            case VENDOR ->
                count(
                                "sanction actions target it",
                                DSL.selectCount()
                                        .from(SANCTION_ACTION)
                                        .where(SANCTION_ACTION
                                                .VENDOR_ID
                                                .eq(id)
                                                .or(SANCTION_ACTION.AFFILIATED_VENDOR_ID.eq(id))))
                        .or(() -> count(
                                "allegations name it",
                                DSL.selectCount().from(ALLEGATION_VENDOR).where(ALLEGATION_VENDOR.VENDOR_ID.eq(id))))
                        .or(() -> count(
                                "merged vendors resolve to it",
                                DSL.selectCount().from(VENDOR_MERGE).where(VENDOR_MERGE.SURVIVOR_ID.eq(id))))
                        .map(s -> s
                                + ". If it is a duplicate, merge it into the right vendor (mergeVendors); otherwise move or "
                                + "withdraw those first.")
                        .orElse(null);
            case SOURCE ->
                count("claims cite it", DSL.selectCount().from(CITATION).where(CITATION.SOURCE_ID.eq(id)))
                        .map(s -> s + ": detach it from them (detachCitation) first.")
                        .orElse(null);
            case SANCTION_EVENT ->
                count(
                                "sanction actions record it as their lifting",
                                DSL.selectCount()
                                        .from(SANCTION_ACTION)
                                        .where(SANCTION_ACTION.LIFTED_BY_EVENT_ID.eq(id)))
                        .map(s -> s + ": correct those first.")
                        .orElse(null);
            case SANCTION_AUTHORITY ->
                count(
                                "acts or programmes use it",
                                DSL.selectCount()
                                        .from(SANCTION_EVENT)
                                        .where(SANCTION_EVENT.AUTHORITY_CODE.eq(
                                                DSL.select(org.vendorwatch.db.Tables.SANCTION_AUTHORITY.CODE)
                                                        .from(org.vendorwatch.db.Tables.SANCTION_AUTHORITY)
                                                        .where(org.vendorwatch.db.Tables.SANCTION_AUTHORITY.ID.eq(id))))
                                        .unionAll(DSL.selectCount()
                                                .from(SANCTION_PROGRAM)
                                                .where(SANCTION_PROGRAM.AUTHORITY_CODE.eq(DSL.select(
                                                                org.vendorwatch.db.Tables.SANCTION_AUTHORITY.CODE)
                                                        .from(org.vendorwatch.db.Tables.SANCTION_AUTHORITY)
                                                        .where(org.vendorwatch.db.Tables.SANCTION_AUTHORITY.ID.eq(
                                                                id))))))
                        .orElse(null);
            case SANCTION_PROGRAM ->
                count(
                                "acts use it",
                                DSL.selectCount()
                                        .from(SANCTION_EVENT)
                                        .where(SANCTION_EVENT.PROGRAM_CODE.eq(DSL.select(SANCTION_PROGRAM.CODE)
                                                .from(SANCTION_PROGRAM)
                                                .where(SANCTION_PROGRAM.ID.eq(id)))))
                        .orElse(null);
            default -> null;
        };
    }

    private java.util.Optional<String> count(String what, org.jooq.Select<? extends org.jooq.Record1<Integer>> query) {
        int n = dsl.fetch(query).stream().mapToInt(r -> r.value1()).sum();
        return n == 0 ? java.util.Optional.empty() : java.util.Optional.of(n + " " + what);
    }

    /** The records that mean nothing without this one, withdrawn with it. */
    private List<Dependent> dependents(RecordType type, long id) {
        List<Dependent> out = new ArrayList<>();
        switch (type) {
            case VENDOR -> {
                add(out, RecordType.VENDOR_NAME, VENDOR_NAME.VENDOR_ID.eq(id));
                add(out, RecordType.VENDOR_JURISDICTION, VENDOR_JURISDICTION.VENDOR_ID.eq(id));
                add(out, RecordType.VENDOR_IDENTIFIER, VENDOR_IDENTIFIER.VENDOR_ID.eq(id));
                add(
                        out,
                        RecordType.VENDOR_RELATIONSHIP,
                        VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID.eq(id).or(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID.eq(id)));
                add(out, RecordType.PRODUCT_VENDOR, PRODUCT_VENDOR.VENDOR_ID.eq(id));
                add(out, RecordType.VENDOR_STATEMENT, VENDOR_STATEMENT.VENDOR_ID.eq(id));
                add(out, RecordType.VENDOR_NOTE, VENDOR_NOTE.VENDOR_ID.eq(id));
            }
            case PRODUCT -> add(out, RecordType.PRODUCT_VENDOR, PRODUCT_VENDOR.PRODUCT_ID.eq(id));
            case SANCTION_EVENT -> add(out, RecordType.SANCTION_ACTION, SANCTION_ACTION.EVENT_ID.eq(id));
            case ALLEGATION -> {
                add(out, RecordType.ALLEGATION_DEVELOPMENT, ALLEGATION_DEVELOPMENT.ALLEGATION_ID.eq(id));
                add(out, RecordType.ALLEGATION_VENDOR, ALLEGATION_VENDOR.ALLEGATION_ID.eq(id));
            }
            default -> {}
        }
        return out;
    }

    private void add(List<Dependent> out, RecordType type, Condition where) {
        dsl.select(type.id())
                .from(type.table())
                .where(where)
                .orderBy(type.id())
                .forUpdate()
                .fetch(type.id())
                .forEach(id -> out.add(new Dependent(type, id)));
    }
}
