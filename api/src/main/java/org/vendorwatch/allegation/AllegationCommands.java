package org.vendorwatch.allegation;

import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_DEVELOPMENT;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.platform.editing.Changes.given;
import static org.vendorwatch.platform.editing.Changes.of;

import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.graphql.data.ArgumentValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.allegation.AllegationInputs.AddAllegationDevelopmentInput;
import org.vendorwatch.allegation.AllegationInputs.ChangeAllegationStatusInput;
import org.vendorwatch.allegation.AllegationInputs.FileAllegationInput;
import org.vendorwatch.allegation.AllegationInputs.UpdateAllegationDevelopmentInput;
import org.vendorwatch.allegation.AllegationInputs.UpdateAllegationInput;
import org.vendorwatch.allegation.AllegationPayload.DevelopmentPayload;
import org.vendorwatch.platform.auth.EditorsOnly;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.Changes;
import org.vendorwatch.platform.editing.Citations;
import org.vendorwatch.platform.editing.Dates;
import org.vendorwatch.platform.editing.Edits;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.Form;
import org.vendorwatch.platform.editing.RecordType;
import org.vendorwatch.platform.editing.Text;

/**
 * Filing and correcting allegations and their developments, and recording their status. A
 * retraction (the source withdrew it) is a status with a reason and stays public; an allegation
 * entered in error is withdrawn instead ({@code withdrawRecord}).
 */
@Component
public class AllegationCommands {

    public static final int MAX_VENDORS = 20;

    private final DSLContext dsl;
    private final Edits edits;
    private final Audit audit;
    private final Citations citations;
    private final AllegationQueries allegations;

    public AllegationCommands(
            DSLContext dsl, Edits edits, Audit audit, Citations citations, AllegationQueries allegations) {
        this.dsl = dsl;
        this.edits = edits;
        this.audit = audit;
        this.citations = citations;
        this.allegations = allegations;
    }

    @EditorsOnly
    @Transactional
    public AllegationPayload fileAllegation(FileAllegationInput in) {
        Form f = Form.input();
        List<Long> vendors = vendors(f, in.vendorIds());
        var a = ALLEGATION;
        Changes c = allegationChanges(
                        f,
                        of(in.title()),
                        of(in.summary()),
                        of(in.category()),
                        of(in.firstReportedOn()),
                        of(in.reportedBy()),
                        of(in.confidence()),
                        of(in.notes()))
                .put(a.VENDOR_ID, vendors.isEmpty() ? null : vendors.getFirst())
                .put(a.STATUS, "REPORTED");
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        Outcome o = edits.create("fileAllegation", RecordType.ALLEGATION, c, sources);
        if (o.ok()) {
            for (long vendor : vendors) {
                link(o.id(), vendor);
            }
        }
        return AllegationPayload.of(o, this::allegation);
    }

    @EditorsOnly
    @Transactional
    public AllegationPayload updateAllegation(UpdateAllegationInput in) {
        Form f = Form.input();
        var a = ALLEGATION;
        Long id = f.id("id", in.id(), true, "Allegation");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        List<Long> vendors = given(in.vendorIds()) ? vendors(f, in.vendorIds().value()) : null;
        Changes c = allegationChanges(
                f,
                in.title(),
                in.summary(),
                in.category(),
                in.firstReportedOn(),
                in.reportedBy(),
                in.confidence(),
                in.notes());
        if (vendors != null && !vendors.isEmpty()) {
            c.put(a.VENDOR_ID, vendors.getFirst());
        }
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o =
                edits.update("updateAllegation", "UPDATE", RecordType.ALLEGATION, id, revision, note, c, null, sources);
        if (o.ok() && vendors != null && relink(id, vendors, note)) {
            if (!o.changed()) {
                edits.write(RecordType.ALLEGATION, id, Map.of()); // its vendors are part of it: a new revision
            }
            o = new Outcome(id, true, List.of());
        }
        return AllegationPayload.of(o, this::allegation);
    }

    private static Changes allegationChanges(
            Form f,
            ArgumentValue<String> title,
            ArgumentValue<String> summary,
            ArgumentValue<String> category,
            ArgumentValue<String> firstReportedOn,
            ArgumentValue<String> reportedBy,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes) {
        var a = ALLEGATION;
        return new Changes(f)
                .name(a.TITLE, "title", title, 300, true)
                .prose(a.SUMMARY, "summary", summary, 8000, true)
                .value(a.CATEGORY, "category", category, true)
                .date(
                        a.FIRST_REPORTED_ON,
                        a.FIRST_REPORTED_PRECISION,
                        "firstReportedOn",
                        firstReportedOn,
                        Dates.Rule.PAST,
                        true)
                .line(a.REPORTED_BY, "reportedBy", reportedBy, 500, false)
                .value(a.CONFIDENCE, "confidence", confidence, true)
                .texts(a.NOTES, "notes", notes, 20, Text.Kind.PROSE, 2000);
    }

    /** The vendors named: 1 to {@value #MAX_VENDORS}, each existing, the primary one first. */
    private List<Long> vendors(Form f, List<String> ids) {
        List<Long> vendors = f.ids("vendorIds", ids, MAX_VENDORS, true, "Vendor");
        for (int i = 0; i < vendors.size(); i++) {
            if (!dsl.fetchExists(VENDOR, VENDOR.ID.eq(vendors.get(i)))) {
                f.error(
                        "vendorIds",
                        "No such vendor: " + ids.get(i) + " (it may have been withdrawn or merged).",
                        "NOT_FOUND");
            }
        }
        return vendors;
    }

    private void link(long allegationId, long vendorId) {
        edits.create(
                "fileAllegation",
                RecordType.ALLEGATION_VENDOR,
                new Changes(Form.input())
                        .put(ALLEGATION_VENDOR.ALLEGATION_ID, allegationId)
                        .put(ALLEGATION_VENDOR.VENDOR_ID, vendorId),
                List.of());
    }

    /** Makes the allegation name exactly these vendors; every link added or removed is audited. True when any changed. */
    private boolean relink(long allegationId, List<Long> vendors, String note) {
        List<Long> current = dsl.select(ALLEGATION_VENDOR.VENDOR_ID)
                .from(ALLEGATION_VENDOR)
                .where(ALLEGATION_VENDOR.ALLEGATION_ID.eq(allegationId))
                .forUpdate()
                .fetch(ALLEGATION_VENDOR.VENDOR_ID);
        boolean changed = false;
        for (long vendor : vendors) {
            if (!current.contains(vendor)) {
                edits.create(
                        "updateAllegation",
                        RecordType.ALLEGATION_VENDOR,
                        new Changes(Form.input())
                                .put(ALLEGATION_VENDOR.ALLEGATION_ID, allegationId)
                                .put(ALLEGATION_VENDOR.VENDOR_ID, vendor),
                        List.of());
                changed = true;
            }
        }
        for (long vendor : current) {
            if (!vendors.contains(vendor)) {
                long link = dsl.select(ALLEGATION_VENDOR.ID)
                        .from(ALLEGATION_VENDOR)
                        .where(ALLEGATION_VENDOR.ALLEGATION_ID.eq(allegationId))
                        .and(ALLEGATION_VENDOR.VENDOR_ID.eq(vendor))
                        .fetchSingle(ALLEGATION_VENDOR.ID);
                edits.begin("updateAllegation");
                audit.act(null, note, vendor);
                dsl.deleteFrom(ALLEGATION_VENDOR)
                        .where(ALLEGATION_VENDOR.ID.eq(link))
                        .execute();
                changed = true;
            }
        }
        return changed;
    }

    /** Records a new status with its reason. A status the allegation already has is refused: correct the text instead. */
    @EditorsOnly
    @Transactional
    public AllegationPayload changeAllegationStatus(ChangeAllegationStatusInput in) {
        Form f = Form.input();
        var a = ALLEGATION;
        Long id = f.id("id", in.id(), true, "Allegation");
        int revision = f.revision(in.expectedRevision());
        String reason = f.reason("reason", in.reason(), true);
        Changes c = new Changes(f).value(a.STATUS, "status", in.status(), true).put(a.STATUS_REASON, reason);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "changeAllegationStatus",
                "STATUS_CHANGE",
                RecordType.ALLEGATION,
                id,
                revision,
                reason,
                c,
                (ch, stored) -> {
                    if (stored.get(a.STATUS).equals(ch.valueOr(a.STATUS, stored))) {
                        f.error(
                                "status",
                                "The allegation already has the status " + stored.get(a.STATUS) + ".",
                                "SAME_STATUS");
                    }
                },
                sources);
        return AllegationPayload.of(o, this::allegation);
    }

    private AllegationQueries.AllegationView allegation(long id) {
        return allegations.byIds(List.of(id)).get(id);
    }

    // --- developments -----------------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public DevelopmentPayload addAllegationDevelopment(AddAllegationDevelopmentInput in) {
        Form f = Form.input();
        var d = ALLEGATION_DEVELOPMENT;
        Long allegationId = f.id("allegationId", in.allegationId(), true, "Allegation");
        if (allegationId != null && !dsl.fetchExists(ALLEGATION, ALLEGATION.ID.eq(allegationId))) {
            f.error("allegationId", "No such allegation.", "NOT_FOUND");
        }
        Changes c = developmentChanges(
                        f, of(in.occurredOn()), of(in.description()), of(in.confidence()), of(in.notes()))
                .put(d.ALLEGATION_ID, allegationId);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        return DevelopmentPayload.of(
                edits.create("addAllegationDevelopment", RecordType.ALLEGATION_DEVELOPMENT, c, sources),
                this::development);
    }

    @EditorsOnly
    @Transactional
    public DevelopmentPayload updateAllegationDevelopment(UpdateAllegationDevelopmentInput in) {
        Form f = Form.input();
        var d = ALLEGATION_DEVELOPMENT;
        Long id = f.id("id", in.id(), true, "AllegationDevelopment");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = developmentChanges(f, in.occurredOn(), in.description(), in.confidence(), in.notes());
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "updateAllegationDevelopment",
                "UPDATE",
                RecordType.ALLEGATION_DEVELOPMENT,
                id,
                revision,
                note,
                c,
                null,
                sources);
        return DevelopmentPayload.of(o, this::development);
    }

    private static Changes developmentChanges(
            Form f,
            ArgumentValue<String> occurredOn,
            ArgumentValue<String> description,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes) {
        var d = ALLEGATION_DEVELOPMENT;
        return new Changes(f)
                .date(d.OCCURRED_ON, d.OCCURRED_PRECISION, "occurredOn", occurredOn, Dates.Rule.PAST, true)
                .prose(d.DESCRIPTION, "description", description, 4000, true)
                .value(d.CONFIDENCE, "confidence", confidence, true)
                .texts(d.NOTES, "notes", notes, 20, Text.Kind.PROSE, 2000);
    }

    private AllegationQueries.AllegationDevelopmentView development(long id) {
        return allegations.developmentsByIds(List.of(id)).get(id);
    }
}
