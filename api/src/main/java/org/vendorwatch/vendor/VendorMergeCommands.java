package org.vendorwatch.vendor;

import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.PRODUCT_VENDOR;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_MERGE;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;
import static org.vendorwatch.db.Tables.VENDOR_RELATIONSHIP;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.platform.auth.EditorsOnly;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.Edits;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.Form;
import org.vendorwatch.platform.editing.RecordType;
import org.vendorwatch.platform.editing.Withdrawals;
import org.vendorwatch.vendor.VendorInputs.MergeVendorsInput;
import org.vendorwatch.vendor.VendorPayloads.VendorPayload;

/**
 * Merging two vendor records that turn out to be one entity (as OpenSanctions and LittleSis do):
 * every claim of the duplicate moves to the survivor, in one transaction, each move audited as a
 * MERGE. Where both hold the same claim (the same name, tie, identifier, product or listing), the
 * survivor's record stays and receives the duplicate's citations. A relationship between the two
 * would relate the survivor to itself and is withdrawn. The duplicate's row goes; its slug and id
 * keep resolving to the survivor through {@code vendor_merge}, and both vendors' histories record
 * the merge.
 */
@Component
public class VendorMergeCommands {

    private static final String MUTATION = "mergeVendors";

    private final DSLContext dsl;
    private final Edits edits;
    private final Audit audit;
    private final Withdrawals withdrawals;
    private final VendorQueries vendors;

    public VendorMergeCommands(
            DSLContext dsl, Edits edits, Audit audit, Withdrawals withdrawals, VendorQueries vendors) {
        this.dsl = dsl;
        this.edits = edits;
        this.audit = audit;
        this.withdrawals = withdrawals;
        this.vendors = vendors;
    }

    @EditorsOnly
    @Transactional
    public VendorPayload mergeVendors(MergeVendorsInput in) {
        Form f = Form.input();
        Long duplicate = f.id("duplicateId", in.duplicateId(), true, "Vendor");
        Long survivor = f.id("survivorId", in.survivorId(), true, "Vendor");
        Integer duplicateRevision = f.integer("duplicateRevision", in.duplicateRevision(), 1, Integer.MAX_VALUE, true);
        Integer survivorRevision = f.integer("survivorRevision", in.survivorRevision(), 1, Integer.MAX_VALUE, true);
        String reason = f.reason("reason", in.reason(), true);
        if (duplicate != null && duplicate.equals(survivor)) {
            f.error("survivorId", "A vendor cannot be merged into itself.", "INVALID_VALUE");
        }
        if (!f.ok()) {
            return failed(f.errors());
        }
        edits.begin(MUTATION);
        // lock both in id order, so two merges of the same pair cannot deadlock
        Record first = edits.lock(RecordType.VENDOR, Math.min(duplicate, survivor));
        Record second = edits.lock(RecordType.VENDOR, Math.max(duplicate, survivor));
        Record dup = duplicate < survivor ? first : second;
        Record surv = duplicate < survivor ? second : first;
        for (var e : new Object[][] {
            {"duplicateId", dup, duplicateRevision, duplicate}, {"survivorId", surv, survivorRevision, survivor}
        }) {
            Record r = (Record) e[1];
            if (r == null) {
                boolean merged = dsl.fetchExists(VENDOR_MERGE, VENDOR_MERGE.MERGED_ID.eq((Long) e[3]));
                f.error(
                        (String) e[0],
                        merged ? "That vendor was already merged into another." : "No such vendor.",
                        "NOT_FOUND");
            } else if (!r.get(VENDOR.REVISION).equals(e[2])) {
                f.error(
                        ((String) e[0]).replace("Id", "Revision"),
                        "The vendor changed since you read it (revision " + e[2] + ", now " + r.get(VENDOR.REVISION)
                                + "). Reload both and decide again.",
                        "STALE_REVISION");
            }
        }
        if (!f.ok()) {
            return failed(f.errors());
        }
        JSONB duplicateRow = audit.snapshot(VENDOR, duplicate);
        String why = "Merged " + dup.get(VENDOR.SLUG) + " into " + surv.get(VENDOR.SLUG) + ": " + reason;

        // claims that may exist on both: the survivor's stays and takes the duplicate's citations
        moveUnique(
                RecordType.VENDOR_NAME,
                VENDOR_NAME.VENDOR_ID,
                duplicate,
                survivor,
                why,
                VENDOR_NAME.KIND,
                VendorCommands.folded(VENDOR_NAME.NAME));
        moveUnique(
                RecordType.VENDOR_JURISDICTION,
                VENDOR_JURISDICTION.VENDOR_ID,
                duplicate,
                survivor,
                why,
                VENDOR_JURISDICTION.COUNTRY_CODE,
                VENDOR_JURISDICTION.ROLE);
        moveUnique(
                RecordType.VENDOR_IDENTIFIER,
                VENDOR_IDENTIFIER.VENDOR_ID,
                duplicate,
                survivor,
                why,
                VENDOR_IDENTIFIER.SCHEME,
                VendorCommands.folded(VENDOR_IDENTIFIER.VALUE));
        moveUnique(
                RecordType.PRODUCT_VENDOR,
                PRODUCT_VENDOR.VENDOR_ID,
                duplicate,
                survivor,
                why,
                PRODUCT_VENDOR.PRODUCT_ID);
        moveUnique(
                RecordType.SANCTION_ACTION,
                SANCTION_ACTION.VENDOR_ID,
                duplicate,
                survivor,
                why,
                SANCTION_ACTION.EVENT_ID);
        moveUnique(
                RecordType.ALLEGATION_VENDOR,
                ALLEGATION_VENDOR.VENDOR_ID,
                duplicate,
                survivor,
                why,
                ALLEGATION_VENDOR.ALLEGATION_ID);
        // a relationship between the two would relate the survivor to itself
        for (Record r : dsl.selectFrom(VENDOR_RELATIONSHIP)
                .where(between(duplicate, survivor))
                .fetch()) {
            withdrawals.withdraw(
                    MUTATION,
                    RecordType.VENDOR_RELATIONSHIP,
                    r.get(VENDOR_RELATIONSHIP.ID),
                    r.get(VENDOR_RELATIONSHIP.REVISION),
                    why + " (a relationship between the two merged records)",
                    Form.input());
        }
        moveUnique(
                RecordType.VENDOR_RELATIONSHIP,
                VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID,
                duplicate,
                survivor,
                why,
                VENDOR_RELATIONSHIP.TYPE,
                VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID);
        moveUnique(
                RecordType.VENDOR_RELATIONSHIP,
                VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID,
                duplicate,
                survivor,
                why,
                VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID,
                VENDOR_RELATIONSHIP.TYPE);
        // claims that simply move
        move(RecordType.VENDOR_STATEMENT, VENDOR_STATEMENT.VENDOR_ID, duplicate, survivor, why);
        move(RecordType.VENDOR_NOTE, VENDOR_NOTE.VENDOR_ID, duplicate, survivor, why);
        move(RecordType.ALLEGATION, ALLEGATION.VENDOR_ID, duplicate, survivor, why);
        move(RecordType.SANCTION_ACTION, SANCTION_ACTION.AFFILIATED_VENDOR_ID, duplicate, survivor, why);
        // the founding year: the survivor's stands; it takes the duplicate's when it has none. The duplicate's
        // sources for its year go with the year: moved when it is taken, else dropped (they support another year)
        if (surv.get(VENDOR.FOUNDED_YEAR) == null && dup.get(VENDOR.FOUNDED_YEAR) != null) {
            audit.act("MERGE", why, survivor);
            edits.write(
                    RecordType.VENDOR,
                    survivor,
                    java.util.Map.of(
                            VENDOR.FOUNDED_YEAR,
                            dup.get(VENDOR.FOUNDED_YEAR),
                            VENDOR.FOUNDED_CONFIDENCE,
                            dup.get(VENDOR.FOUNDED_CONFIDENCE)));
        } else {
            audit.act(
                    "MERGE",
                    why + " (the survivor keeps its own founding year; this source was for the merged record's)",
                    survivor);
            dsl.deleteFrom(CITATION)
                    .where(RecordType.VENDOR.citationColumn().eq(duplicate))
                    .and(CITATION.ASPECT.eq("founded"))
                    .execute();
        }
        moveCitations(RecordType.VENDOR, duplicate, survivor, survivor, why);

        audit.act("MERGE", why, survivor); // the merge itself, in the survivor's history (a VendorMerge event)
        dsl.update(VENDOR_MERGE)
                .set(VENDOR_MERGE.SURVIVOR_ID, survivor)
                .where(VENDOR_MERGE.SURVIVOR_ID.eq(duplicate))
                .execute();
        dsl.insertInto(VENDOR_MERGE)
                .set(VENDOR_MERGE.MERGED_ID, duplicate)
                .set(VENDOR_MERGE.MERGED_SLUG, dup.get(VENDOR.SLUG))
                .set(VENDOR_MERGE.MERGED_NAME, dup.get(VENDOR.NAME))
                .set(VENDOR_MERGE.MERGED_SEED_KEY, dup.get(VENDOR.SEED_KEY))
                .set(VENDOR_MERGE.SURVIVOR_ID, survivor)
                .set(VENDOR_MERGE.REASON, reason)
                .set(VENDOR_MERGE.RECORD, duplicateRow)
                .execute();
        audit.act("MERGE", why, duplicate);
        dsl.deleteFrom(VENDOR).where(VENDOR.ID.eq(duplicate)).execute();
        edits.write(RecordType.VENDOR, survivor, java.util.Map.of());
        return new VendorPayload(vendors.byIds(List.of(survivor)).get(survivor), true, List.of());
    }

    private static VendorPayload failed(List<org.vendorwatch.platform.editing.UserError> errors) {
        return VendorPayload.of(Outcome.failed(errors), id -> null);
    }

    private static Condition between(long a, long b) {
        return VENDOR_RELATIONSHIP
                .SUBJECT_VENDOR_ID
                .eq(a)
                .and(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID.eq(b))
                .or(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID.eq(b).and(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID.eq(a)));
    }

    /**
     * Moves the duplicate's rows of a table to the survivor. A row whose key the survivor already
     * has is folded into the survivor's row: its citations move there, then it is removed.
     */
    private void moveUnique(
            RecordType type,
            TableField<?, Long> vendorColumn,
            long duplicate,
            long survivor,
            String why,
            Field<?>... key) {
        for (Record row : dsl.selectFrom(type.table())
                .where(vendorColumn.eq(duplicate))
                .orderBy(type.id())
                .fetch()) {
            long id = row.get(type.id());
            Condition sameKey = DSL.noCondition();
            for (Field<?> k : key) {
                sameKey = sameKey.and(DSL.field(
                                DSL.select(k).from(type.table()).where(type.id().eq(id)))
                        .eq((Field) k));
            }
            Long twin = dsl.select(type.id())
                    .from(type.table())
                    .where(vendorColumn.eq(survivor))
                    .and(sameKey)
                    .limit(1)
                    .fetchOne(type.id());
            if (twin == null) {
                moveRow(type, vendorColumn, id, survivor, why);
            } else {
                if (type.citationColumn() != null) {
                    moveCitations(type, id, twin, survivor, why);
                }
                audit.act(
                        "MERGE",
                        why + " (the survivor already had this " + type.typeName() + "; its citations moved there)",
                        duplicate);
                dsl.deleteFrom(type.table()).where(type.id().eq(id)).execute();
            }
        }
    }

    /** Moves every row of the duplicate in a table to the survivor. */
    private void move(RecordType type, TableField<?, Long> vendorColumn, long duplicate, long survivor, String why) {
        for (Long id : dsl.select(type.id())
                .from(type.table())
                .where(vendorColumn.eq(duplicate))
                .orderBy(type.id())
                .fetch(type.id())) {
            moveRow(type, vendorColumn, id, survivor, why);
        }
    }

    private void moveRow(RecordType type, TableField<?, Long> vendorColumn, long id, long survivor, String why) {
        audit.act("MERGE", why, survivor);
        edits.write(type, id, java.util.Map.of(vendorColumn, survivor));
    }

    /** Moves a claim's citations to another claim of the same type; one the target already has is removed. */
    private void moveCitations(RecordType type, long from, long to, long vendorId, String why) {
        var column = type.citationColumn();
        for (Record c : dsl.selectFrom(CITATION)
                .where(column.eq(from))
                .orderBy(CITATION.ID)
                .fetch()) {
            long id = c.get(CITATION.ID);
            boolean twin = dsl.fetchExists(
                    CITATION,
                    column.eq(to)
                            .and(CITATION.SOURCE_ID.eq(c.get(CITATION.SOURCE_ID)))
                            .and(
                                    c.get(CITATION.ASPECT) == null
                                            ? CITATION.ASPECT.isNull()
                                            : CITATION.ASPECT.eq(c.get(CITATION.ASPECT))));
            if (twin) {
                audit.act("MERGE", why + " (the survivor cites this source already)", vendorId);
                dsl.deleteFrom(CITATION).where(CITATION.ID.eq(id)).execute();
            } else {
                audit.act("MERGE", why, vendorId);
                dsl.update(CITATION).set(column, to).where(CITATION.ID.eq(id)).execute();
            }
        }
    }
}
