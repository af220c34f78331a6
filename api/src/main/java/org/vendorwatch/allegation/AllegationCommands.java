package org.vendorwatch.allegation;

import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.VENDOR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.platform.auth.Actor;
import org.vendorwatch.platform.auth.EditorGuard;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.Input;
import org.vendorwatch.platform.editing.Payload;
import org.vendorwatch.platform.editing.Rows;
import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.time.FuzzyDate;
import org.vendorwatch.source.CitationCommands;
import org.vendorwatch.source.CitationCommands.CitationSpec;
import org.vendorwatch.source.ClaimKind;

/** Filing, correcting and changing the status of allegations. Nothing is ever deleted. */
@Component
public class AllegationCommands {

    private final DSLContext dsl;
    private final Audit audit;
    private final Rows rows;
    private final EditorGuard guard;
    private final CitationCommands citations;
    private final AllegationQueries allegations;

    public AllegationCommands(DSLContext dsl, Audit audit, Rows rows, EditorGuard guard, CitationCommands citations,
                              AllegationQueries allegations) {
        this.dsl = dsl;
        this.audit = audit;
        this.rows = rows;
        this.guard = guard;
        this.citations = citations;
        this.allegations = allegations;
    }

    @Transactional
    public AllegationPayload fileAllegation(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        List<String> vendorIds = in.strings("vendorIds", 20, 100);
        List<Long> vendors = new ArrayList<>();
        if (vendorIds == null || vendorIds.isEmpty()) {
            in.error("vendorIds", "Name at least one vendor.", "REQUIRED");
        } else {
            for (String v : vendorIds) {
                try {
                    GlobalId g = GlobalId.parse(v);
                    if (!g.type().equals("Vendor") || !rows.exists(VENDOR, g.rowId())) {
                        in.error("vendorIds", "No such vendor: " + v, "NOT_FOUND");
                    } else if (!vendors.contains(g.rowId())) {
                        vendors.add(g.rowId());
                    }
                } catch (ApiException e) {
                    in.error("vendorIds", "Not an id issued by this API: " + v, "INVALID_ID");
                }
            }
        }
        Map<Field<?>, Object> v = fields(in, true);
        List<CitationSpec> sources = citations.validate(in, "sources", true);
        if (!in.ok()) {
            return AllegationPayload.failed(in.errors());
        }
        v.put(ALLEGATION.VENDOR_ID, vendors.getFirst());
        v.put(ALLEGATION.STATUS, "REPORTED");
        long id = dsl.insertInto(ALLEGATION).set(v).returning(ALLEGATION.ID).fetchSingle(ALLEGATION.ID);
        for (long vendor : vendors) {
            dsl.insertInto(ALLEGATION_VENDOR).set(ALLEGATION_VENDOR.ALLEGATION_ID, id).set(ALLEGATION_VENDOR.VENDOR_ID, vendor).execute();
        }
        citations.write(actor, "fileAllegation", ClaimKind.ALLEGATION, id, vendors.getFirst(), sources);
        audit.record(actor, "fileAllegation", "CREATE", "Allegation", id, vendors.getFirst(), null, audit.snapshot(ALLEGATION, id), null);
        return new AllegationPayload(allegations.byIds(List.of(id)).get(id), in.errors());
    }

    @Transactional
    public AllegationPayload updateAllegation(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "Allegation");
        int expected = in.expectedRevision();
        String note = in.text("changeNote", 2000, true);
        Map<Field<?>, Object> v = fields(in, false);
        if (v.isEmpty() && in.ok()) {
            in.error(null, "Give at least one field to change.", "REQUIRED");
        }
        if (!in.ok()) {
            return AllegationPayload.failed(in.errors());
        }
        return update(actor, "updateAllegation", "UPDATE", id, expected, v, note, List.of());
    }

    @Transactional
    public AllegationPayload changeAllegationStatus(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "Allegation");
        int expected = in.expectedRevision();
        String status = in.enumValue("status", true);
        String reason = in.text("reason", 2000, true);
        List<CitationSpec> sources = citations.validate(in, "sources", false);
        if (!in.ok()) {
            return AllegationPayload.failed(in.errors());
        }
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(ALLEGATION.STATUS, status);
        v.put(ALLEGATION.STATUS_REASON, reason);
        return update(actor, "changeAllegationStatus", "STATUS_CHANGE", id, expected, v, reason, sources);
    }

    private AllegationPayload update(Actor actor, String mutation, String operation, long id, int expected,
                                       Map<Field<?>, Object> v, String note, List<CitationSpec> sources) {
        UserError problem = rows.checkRevision(ALLEGATION, id, expected, "allegation");
        if (problem != null) {
            return AllegationPayload.failed(List.of(problem));
        }
        long vendorId = dsl.select(ALLEGATION.VENDOR_ID).from(ALLEGATION).where(ALLEGATION.ID.eq(id)).fetchSingle(ALLEGATION.VENDOR_ID);
        var before = audit.snapshot(ALLEGATION, id);
        rows.update(ALLEGATION, id, v);
        citations.attachAudited(actor, mutation, ClaimKind.ALLEGATION, id, vendorId, sources);
        audit.record(actor, mutation, operation, "Allegation", id, vendorId, before, audit.snapshot(ALLEGATION, id), note);
        return new AllegationPayload(allegations.byIds(List.of(id)).get(id), List.of());
    }

    private static Map<Field<?>, Object> fields(Input in, boolean create) {
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        if (create || in.has("title")) {
            v.put(ALLEGATION.TITLE, in.text("title", 300, true));
        }
        if (create || in.has("summary")) {
            v.put(ALLEGATION.SUMMARY, in.text("summary", 8000, true));
        }
        if (create || in.has("category")) {
            v.put(ALLEGATION.CATEGORY, in.enumValue("category", true));
        }
        if (create) {
            FuzzyDate reported = in.fuzzyDate("firstReportedOn", true);
            v.put(ALLEGATION.FIRST_REPORTED_ON, reported == null ? null : reported.date());
            v.put(ALLEGATION.FIRST_REPORTED_PRECISION, reported == null ? null : reported.precisionName());
        }
        if (create || in.has("reportedBy")) {
            v.put(ALLEGATION.REPORTED_BY, in.text("reportedBy", 500, false));
        }
        if (create || in.has("confidence")) {
            v.put(ALLEGATION.CONFIDENCE, in.confidence("confidence", true));
        }
        if (create || in.has("notes")) {
            List<String> notes = in.strings("notes", 20, 2000);
            v.put(ALLEGATION.NOTES, notes == null ? new String[0] : notes.toArray(String[]::new));
        }
        return v;
    }
}
