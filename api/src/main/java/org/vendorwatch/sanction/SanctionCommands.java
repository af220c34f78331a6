package org.vendorwatch.sanction;

import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_AUTHORITY;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SANCTION_PROGRAM;
import static org.vendorwatch.db.Tables.VENDOR;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.platform.auth.Actor;
import org.vendorwatch.platform.auth.EditorGuard;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.Input;
import org.vendorwatch.platform.editing.Payload;
import org.vendorwatch.platform.editing.Rows;
import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.source.CitationCommands;
import org.vendorwatch.source.CitationCommands.CitationSpec;
import org.vendorwatch.source.ClaimKind;

/** Recording, amending and lifting sanction actions. */
@Component
public class SanctionCommands {

    private final DSLContext dsl;
    private final Audit audit;
    private final Rows rows;
    private final EditorGuard guard;
    private final CitationCommands citations;
    private final SanctionQueries sanctions;

    public SanctionCommands(DSLContext dsl, Audit audit, Rows rows, EditorGuard guard, CitationCommands citations,
                            SanctionQueries sanctions) {
        this.dsl = dsl;
        this.audit = audit;
        this.rows = rows;
        this.guard = guard;
        this.citations = citations;
        this.sanctions = sanctions;
    }

    private static final List<String> EVENT_FIELDS = List.of("authority", "program", "programDetail", "actionType", "title",
            "announcedOn", "publishedOn", "effectiveOn", "citation", "documentNumber", "pressRelease", "url",
            "licenseRequirement", "licenseExceptions", "licensePolicy");

    @Transactional
    public SanctionActionPayload recordSanctionAction(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long eventId = in.id("eventId", false, "SanctionEvent");
        Long vendorId = in.id("vendorId", false, "Vendor");
        String person = in.text("personName", 300, false);
        Long affiliated = in.id("affiliatedVendorId", false, "Vendor");
        if ((vendorId == null) == (person == null) && in.ok()) {
            in.error("vendorId", "Give the targeted vendor (vendorId) or person (personName), not both.", "REQUIRED");
        }
        if (affiliated != null && person == null) {
            in.error("affiliatedVendorId", "affiliatedVendorId is for person targets.", "INVALID_VALUE");
        }
        for (var e : new Object[][] {{"vendorId", vendorId}, {"affiliatedVendorId", affiliated}}) {
            if (e[1] != null && !rows.exists(VENDOR, (Long) e[1])) {
                in.error((String) e[0], "No such vendor.", "NOT_FOUND");
            }
        }
        Map<Field<?>, Object> event = new LinkedHashMap<>();
        if (eventId != null) {
            EVENT_FIELDS.stream().filter(in::has).forEach(f -> in.error(f, f + " belongs to the act; leave it out when adding a target to a recorded act (eventId).", "INVALID_VALUE"));
            if (!rows.exists(SANCTION_EVENT, eventId)) {
                in.error("eventId", "No such act.", "NOT_FOUND");
            }
        } else {
            eventFields(in, event);
        }
        Map<Field<?>, Object> action = new LinkedHashMap<>();
        action.put(SANCTION_ACTION.LISTED_NAME, in.text("listedName", 500, false));
        List<String> aliases = in.strings("listedAliases", 50, 500);
        action.put(SANCTION_ACTION.LISTED_ALIASES, aliases == null ? new String[0] : aliases.toArray(String[]::new));
        action.put(SANCTION_ACTION.LISTED_ADDRESS, in.text("listedAddress", 2000, false));
        action.put(SANCTION_ACTION.REASON, in.text("reason", 4000, false));
        String confidence = in.confidence("confidence", true);
        List<CitationSpec> sources = citations.validate(in, "sources", true);
        if (in.ok() && eventId != null && dsl.fetchExists(SANCTION_ACTION, SANCTION_ACTION.EVENT_ID.eq(eventId)
                .and(vendorId != null ? SANCTION_ACTION.VENDOR_ID.eq(vendorId) : SANCTION_ACTION.PERSON_NAME.eq(person)))) {
            in.error(vendorId != null ? "vendorId" : "personName", "This act already has this target.", "DUPLICATE");
        }
        if (!in.ok()) {
            return SanctionActionPayload.failed(in.errors());
        }
        // a person's action is filed in the history of the vendor they are linked to
        Long historyVendor = vendorId != null ? vendorId : affiliated;
        if (eventId == null) {
            event.put(SANCTION_EVENT.CONFIDENCE, confidence);
            eventId = dsl.insertInto(SANCTION_EVENT).set(event).returning(SANCTION_EVENT.ID).fetchSingle(SANCTION_EVENT.ID);
            citations.write(actor, "recordSanctionAction", ClaimKind.SANCTION_EVENT, eventId, historyVendor, sources);
            audit.record(actor, "recordSanctionAction", "CREATE", "SanctionEvent", eventId, historyVendor, null, audit.snapshot(SANCTION_EVENT, eventId), null);
        }
        action.put(SANCTION_ACTION.EVENT_ID, eventId);
        action.put(SANCTION_ACTION.VENDOR_ID, vendorId);
        action.put(SANCTION_ACTION.PERSON_NAME, person);
        action.put(SANCTION_ACTION.AFFILIATED_VENDOR_ID, affiliated);
        action.put(SANCTION_ACTION.CONFIDENCE, confidence);
        long id = dsl.insertInto(SANCTION_ACTION).set(action).returning(SANCTION_ACTION.ID).fetchSingle(SANCTION_ACTION.ID);
        citations.write(actor, "recordSanctionAction", ClaimKind.SANCTION_ACTION, id, historyVendor, sources);
        audit.record(actor, "recordSanctionAction", "CREATE", "SanctionAction", id, historyVendor, null, audit.snapshot(SANCTION_ACTION, id), null);
        return new SanctionActionPayload(sanctions.actionsByIds(List.of(id)).get(id), in.errors());
    }

    private void eventFields(Input in, Map<Field<?>, Object> event) {
        String authority = in.text("authority", 40, true);
        String program = in.text("program", 60, false);
        if (authority != null && !dsl.fetchExists(SANCTION_AUTHORITY, SANCTION_AUTHORITY.CODE.eq(authority))) {
            in.error("authority", "Unknown authority code (see sanctionAuthorities).", "INVALID_VALUE");
        }
        if (program != null && !dsl.fetchExists(SANCTION_PROGRAM, SANCTION_PROGRAM.CODE.eq(program))) {
            in.error("program", "Unknown program code (see sanctionPrograms).", "INVALID_VALUE");
        }
        LocalDate announced = in.date("announcedOn", false, true);
        LocalDate published = in.date("publishedOn", false, true);
        LocalDate effective = in.date("effectiveOn", false, false);
        if (announced == null && published == null && effective == null && in.ok()) {
            in.error("effectiveOn", "Give at least one of announcedOn, publishedOn and effectiveOn.", "REQUIRED");
        }
        if (announced != null && published != null && published.isBefore(announced)) {
            in.error("publishedOn", "publishedOn lies before announcedOn.", "DATE_ORDER");
        }
        event.put(SANCTION_EVENT.AUTHORITY_CODE, authority);
        event.put(SANCTION_EVENT.PROGRAM_CODE, program);
        event.put(SANCTION_EVENT.PROGRAM_DETAIL, in.text("programDetail", 2000, false));
        event.put(SANCTION_EVENT.ACTION_TYPE, in.enumValue("actionType", true));
        event.put(SANCTION_EVENT.TITLE, in.text("title", 500, false));
        event.put(SANCTION_EVENT.ANNOUNCED_ON, announced);
        event.put(SANCTION_EVENT.PUBLISHED_ON, published);
        event.put(SANCTION_EVENT.EFFECTIVE_ON, effective);
        event.put(SANCTION_EVENT.CITATION, in.text("citation", 300, false));
        event.put(SANCTION_EVENT.DOCUMENT_NUMBER, in.text("documentNumber", 100, false));
        event.put(SANCTION_EVENT.PRESS_RELEASE, in.text("pressRelease", 300, false));
        event.put(SANCTION_EVENT.URL, in.url("url", false));
        event.put(SANCTION_EVENT.LICENSE_REQUIREMENT, in.text("licenseRequirement", 1000, false));
        event.put(SANCTION_EVENT.LICENSE_EXCEPTIONS, in.text("licenseExceptions", 1000, false));
        event.put(SANCTION_EVENT.LICENSE_POLICY, in.text("licensePolicy", 1000, false));
    }

    @Transactional
    public SanctionActionPayload amendSanctionAction(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "SanctionAction");
        int expected = in.expectedRevision();
        String note = in.text("changeNote", 2000, false);
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        if (in.has("listedName")) {
            v.put(SANCTION_ACTION.LISTED_NAME, in.text("listedName", 500, false));
        }
        if (in.has("listedAliases")) {
            List<String> aliases = in.strings("listedAliases", 50, 500);
            v.put(SANCTION_ACTION.LISTED_ALIASES, aliases == null ? new String[0] : aliases.toArray(String[]::new));
        }
        if (in.has("listedAddress")) {
            v.put(SANCTION_ACTION.LISTED_ADDRESS, in.text("listedAddress", 2000, false));
        }
        if (in.has("reason")) {
            v.put(SANCTION_ACTION.REASON, in.text("reason", 4000, false));
        }
        if (in.has("confidence")) {
            v.put(SANCTION_ACTION.CONFIDENCE, in.confidence("confidence", true));
        }
        if (v.isEmpty() && in.ok()) {
            in.error(null, "Give at least one field to change.", "REQUIRED");
        }
        if (!in.ok()) {
            return SanctionActionPayload.failed(in.errors());
        }
        return update(actor, "amendSanctionAction", "UPDATE", id, expected, v, note, List.of());
    }

    @Transactional
    public SanctionActionPayload liftSanctionAction(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "SanctionAction");
        int expected = in.expectedRevision();
        LocalDate lifted = in.date("liftedOn", true, true);
        List<CitationSpec> sources = citations.validate(in, "sources", true);
        String note = in.text("changeNote", 2000, false);
        if (!in.ok()) {
            return SanctionActionPayload.failed(in.errors());
        }
        var dates = dsl.select(SANCTION_EVENT.EFFECTIVE_ON, SANCTION_EVENT.PUBLISHED_ON, SANCTION_EVENT.ANNOUNCED_ON, SANCTION_ACTION.LIFTED_ON)
                .from(SANCTION_ACTION).join(SANCTION_EVENT).on(SANCTION_EVENT.ID.eq(SANCTION_ACTION.EVENT_ID))
                .where(SANCTION_ACTION.ID.eq(id)).fetchOne();
        if (dates != null) {
            LocalDate start = dates.value1() != null ? dates.value1() : dates.value2() != null ? dates.value2() : dates.value3();
            if (start != null && lifted.isBefore(start)) {
                return SanctionActionPayload.failed(Payload.error("input.liftedOn", "liftedOn lies before the action took effect (" + start + ").", "DATE_ORDER"));
            }
            if (dates.value4() != null) {
                return SanctionActionPayload.failed(Payload.error("input.id", "The action was already lifted on " + dates.value4() + ".", "INVALID_VALUE"));
            }
        }
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(SANCTION_ACTION.LIFTED_ON, lifted);
        return update(actor, "liftSanctionAction", "LIFT", id, expected, v, note, sources);
    }

    private SanctionActionPayload update(Actor actor, String mutation, String operation, long id, int expected,
                                       Map<Field<?>, Object> v, String note, List<CitationSpec> sources) {
        UserError problem = rows.checkRevision(SANCTION_ACTION, id, expected, "sanction action");
        if (problem != null) {
            return SanctionActionPayload.failed(List.of(problem));
        }
        Long vendorId = dsl.select(org.jooq.impl.DSL.coalesce(SANCTION_ACTION.VENDOR_ID, SANCTION_ACTION.AFFILIATED_VENDOR_ID))
                .from(SANCTION_ACTION).where(SANCTION_ACTION.ID.eq(id)).fetchOne(0, Long.class);
        JSONB before = audit.snapshot(SANCTION_ACTION, id);
        rows.update(SANCTION_ACTION, id, v);
        citations.attachAudited(actor, mutation, ClaimKind.SANCTION_ACTION, id, vendorId, sources);
        audit.record(actor, mutation, operation, "SanctionAction", id, vendorId, before, audit.snapshot(SANCTION_ACTION, id), note);
        return new SanctionActionPayload(sanctions.actionsByIds(List.of(id)).get(id), List.of());
    }
}
