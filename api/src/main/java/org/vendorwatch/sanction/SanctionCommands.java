package org.vendorwatch.sanction;

import static org.vendorwatch.db.Tables.JURISDICTION;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_AUTHORITY;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SANCTION_PROGRAM;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.platform.editing.Changes.given;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.graphql.data.ArgumentValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.platform.auth.EditorsOnly;
import org.vendorwatch.platform.editing.Changes;
import org.vendorwatch.platform.editing.Citations;
import org.vendorwatch.platform.editing.Dates;
import org.vendorwatch.platform.editing.Edits;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.Form;
import org.vendorwatch.platform.editing.RecordType;
import org.vendorwatch.platform.editing.Text;
import org.vendorwatch.platform.time.FuzzyDate;
import org.vendorwatch.sanction.SanctionInputs.AddSanctionAuthorityInput;
import org.vendorwatch.sanction.SanctionInputs.AddSanctionProgramInput;
import org.vendorwatch.sanction.SanctionInputs.AmendSanctionActionInput;
import org.vendorwatch.sanction.SanctionInputs.LiftSanctionActionInput;
import org.vendorwatch.sanction.SanctionInputs.RecordSanctionActionInput;
import org.vendorwatch.sanction.SanctionInputs.UpdateSanctionEventInput;
import org.vendorwatch.sanction.SanctionPayloads.AuthorityPayload;
import org.vendorwatch.sanction.SanctionPayloads.ProgramPayload;
import org.vendorwatch.sanction.SanctionPayloads.SanctionActionPayload;
import org.vendorwatch.sanction.SanctionPayloads.SanctionEventPayload;

/**
 * Recording, correcting and lifting sanctions, and adding the authorities and programmes they come
 * under. The act (sanction_event) and its application to each target (sanction_action) are
 * corrected separately; a lifting is a dated, sourced event, never a way to remove a mistake (that
 * is a withdrawal).
 *
 * <p>Date rules, documented in docs/editing.md: every date takes YYYY, YYYY-MM or YYYY-MM-DD from
 * 1800; announcement, publication and lifting lie no later than today; the effective date may lie
 * up to a year ahead (the action is then scheduled, not in force); publication and effect come no
 * earlier than the announcement; a lifting comes no earlier than the act's first date.
 */
@Component
public class SanctionCommands {

    private final DSLContext dsl;
    private final Edits edits;
    private final Citations citations;
    private final SanctionQueries sanctions;

    public SanctionCommands(DSLContext dsl, Edits edits, Citations citations, SanctionQueries sanctions) {
        this.dsl = dsl;
        this.edits = edits;
        this.citations = citations;
        this.sanctions = sanctions;
    }

    /** The act's fields, given or not: a new act gives all of them, a correction some. */
    private record EventFields(
            ArgumentValue<String> authority,
            ArgumentValue<String> program,
            ArgumentValue<String> programDetail,
            ArgumentValue<String> actionType,
            ArgumentValue<String> title,
            ArgumentValue<String> announcedOn,
            ArgumentValue<String> publishedOn,
            ArgumentValue<String> effectiveOn,
            ArgumentValue<String> liftedOn,
            ArgumentValue<String> citation,
            ArgumentValue<String> documentNumber,
            ArgumentValue<String> pressRelease,
            ArgumentValue<String> url,
            ArgumentValue<String> licenseRequirement,
            ArgumentValue<String> licenseExceptions,
            ArgumentValue<String> licensePolicy,
            ArgumentValue<String> summary,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes) {

        static EventFields of(RecordSanctionActionInput in) {
            return new EventFields(
                    v(in.authority()),
                    v(in.program()),
                    v(in.programDetail()),
                    v(in.actionType()),
                    v(in.title()),
                    v(in.announcedOn()),
                    v(in.publishedOn()),
                    v(in.effectiveOn()),
                    v(null),
                    v(in.citation()),
                    v(in.documentNumber()),
                    v(in.pressRelease()),
                    v(in.url()),
                    v(in.licenseRequirement()),
                    v(in.licenseExceptions()),
                    v(in.licensePolicy()),
                    v(in.summary()),
                    v(in.confidence()),
                    v(in.eventNotes()));
        }

        static EventFields of(UpdateSanctionEventInput in) {
            return new EventFields(
                    in.authority(),
                    in.program(),
                    in.programDetail(),
                    in.actionType(),
                    in.title(),
                    in.announcedOn(),
                    in.publishedOn(),
                    in.effectiveOn(),
                    in.liftedOn(),
                    in.citation(),
                    in.documentNumber(),
                    in.pressRelease(),
                    in.url(),
                    in.licenseRequirement(),
                    in.licenseExceptions(),
                    in.licensePolicy(),
                    in.summary(),
                    in.confidence(),
                    in.notes());
        }

        private static <T> ArgumentValue<T> v(T value) {
            return ArgumentValue.ofNullable(value);
        }

        /** True when any act field other than confidence is given with a value. */
        boolean anyActField() {
            return java.util.stream.Stream.of(
                                    authority,
                                    program,
                                    programDetail,
                                    actionType,
                                    title,
                                    announcedOn,
                                    publishedOn,
                                    effectiveOn,
                                    citation,
                                    documentNumber,
                                    pressRelease,
                                    url,
                                    licenseRequirement,
                                    licenseExceptions,
                                    licensePolicy,
                                    summary)
                            .anyMatch(a -> a.value() != null)
                    || notes.value() != null && !notes.value().isEmpty();
        }
    }

    private Changes eventChanges(Form f, EventFields in) {
        var e = SANCTION_EVENT;
        Changes c = new Changes(f);
        if (given(in.authority())) {
            c.put(e.AUTHORITY_CODE, known(f, "authority", in.authority().value(), true, SANCTION_AUTHORITY.CODE));
        }
        if (given(in.program())) {
            c.put(e.PROGRAM_CODE, known(f, "program", in.program().value(), false, SANCTION_PROGRAM.CODE));
        }
        return c.prose(e.PROGRAM_DETAIL, "programDetail", in.programDetail(), 2000, false)
                .value(e.ACTION_TYPE, "actionType", in.actionType(), true)
                .name(e.TITLE, "title", in.title(), 500, false)
                .date(e.ANNOUNCED_ON, e.ANNOUNCED_PRECISION, "announcedOn", in.announcedOn(), Dates.Rule.PAST, false)
                .date(e.PUBLISHED_ON, e.PUBLISHED_PRECISION, "publishedOn", in.publishedOn(), Dates.Rule.PAST, false)
                .date(
                        e.EFFECTIVE_ON,
                        e.EFFECTIVE_PRECISION,
                        "effectiveOn",
                        in.effectiveOn(),
                        Dates.Rule.SCHEDULABLE,
                        false)
                .date(e.LIFTED_ON, e.LIFTED_PRECISION, "liftedOn", in.liftedOn(), Dates.Rule.PAST, false)
                .line(e.CITATION, "citation", in.citation(), 300, false)
                .line(e.DOCUMENT_NUMBER, "documentNumber", in.documentNumber(), 100, false)
                .line(e.PRESS_RELEASE, "pressRelease", in.pressRelease(), 300, false)
                .url(e.URL, "url", in.url(), false)
                .prose(e.LICENSE_REQUIREMENT, "licenseRequirement", in.licenseRequirement(), 1000, false)
                .prose(e.LICENSE_EXCEPTIONS, "licenseExceptions", in.licenseExceptions(), 1000, false)
                .prose(e.LICENSE_POLICY, "licensePolicy", in.licensePolicy(), 1000, false)
                .prose(e.SUMMARY, "summary", in.summary(), 4000, false)
                .value(e.CONFIDENCE, "confidence", in.confidence(), true)
                .texts(e.NOTES, "notes", in.notes(), 20, Text.Kind.PROSE, 2000);
    }

    /** A code that must name an existing authority or programme. */
    private String known(
            Form f, String field, String raw, boolean required, org.jooq.TableField<?, String> codeColumn) {
        String code = f.code(field, raw, required);
        if (code != null && !dsl.fetchExists(codeColumn.getTable(), codeColumn.eq(code))) {
            f.error(
                    field,
                    "Unknown " + field + " code " + code + " (see sanction"
                            + (field.equals("program") ? "Programs" : "Authorities")
                            + "; editors add new ones with addSanction"
                            + (field.equals("program") ? "Program" : "Authority") + ").",
                    "UNKNOWN_CODE");
            return null;
        }
        return code;
    }

    /** The rules of an act: its programme belongs to its authority, it has a date, its dates are in order. */
    private void eventRules(Changes c, Record stored) {
        Form f = c.form();
        var e = SANCTION_EVENT;
        String authority = c.valueOr(e.AUTHORITY_CODE, stored);
        String program = c.valueOr(e.PROGRAM_CODE, stored);
        if (authority != null
                && program != null
                && !dsl.fetchExists(
                        SANCTION_PROGRAM,
                        SANCTION_PROGRAM.CODE.eq(program).and(SANCTION_PROGRAM.AUTHORITY_CODE.eq(authority)))) {
            String owner = dsl.select(SANCTION_PROGRAM.AUTHORITY_CODE)
                    .from(SANCTION_PROGRAM)
                    .where(SANCTION_PROGRAM.CODE.eq(program))
                    .fetchOne(SANCTION_PROGRAM.AUTHORITY_CODE);
            f.error(
                    "program",
                    "The programme " + program + " belongs to " + owner + ", not to " + authority + ".",
                    "PROGRAM_AUTHORITY");
        }
        FuzzyDate announced = c.dateOr(e.ANNOUNCED_ON, e.ANNOUNCED_PRECISION, stored);
        FuzzyDate published = c.dateOr(e.PUBLISHED_ON, e.PUBLISHED_PRECISION, stored);
        FuzzyDate effective = c.dateOr(e.EFFECTIVE_ON, e.EFFECTIVE_PRECISION, stored);
        FuzzyDate lifted = c.dateOr(e.LIFTED_ON, e.LIFTED_PRECISION, stored);
        if (announced == null && published == null && effective == null) {
            f.error("effectiveOn", "Give at least one of announcedOn, publishedOn and effectiveOn.", "REQUIRED");
        }
        f.order(
                "announcedOn",
                announced,
                "publishedOn",
                published,
                "an act is published no earlier than it is announced");
        f.order(
                "announcedOn",
                announced,
                "effectiveOn",
                effective,
                "an act takes effect no earlier than it is announced");
        f.order(
                "the act's first date",
                first(effective, published, announced),
                "liftedOn",
                lifted,
                "an act is lifted no earlier than it began");
    }

    private static FuzzyDate first(FuzzyDate... dates) {
        FuzzyDate out = null;
        for (FuzzyDate d : dates) {
            if (d != null && (out == null || d.date().isBefore(out.date()))) {
                out = d;
            }
        }
        return out;
    }

    // --- recording --------------------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public SanctionActionPayload recordSanctionAction(RecordSanctionActionInput in) {
        Form f = Form.input();
        Long eventId = f.id("eventId", in.eventId(), false, "SanctionEvent");
        EventFields act = EventFields.of(in);
        Changes event = null;
        if (in.eventId() != null) {
            if (act.anyActField()) {
                f.error(
                        "eventId",
                        "Leave the act's fields out when adding a target to a recorded act (eventId); correct the act "
                                + "with updateSanctionEvent.",
                        "INVALID_VALUE");
            }
            if (eventId != null && !dsl.fetchExists(SANCTION_EVENT, SANCTION_EVENT.ID.eq(eventId))) {
                f.error("eventId", "No such act.", "NOT_FOUND");
            }
        } else {
            event = eventChanges(f, act);
            eventRules(event, null);
        }
        Changes action = actionChanges(f, in).put(SANCTION_ACTION.EVENT_ID, eventId);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        if (f.ok()) {
            actionRules(
                    action, null,
                    null); // before anything is written: a new act with a refused target would stay behind
        }
        if (!f.ok()) {
            return SanctionActionPayload.of(Outcome.failed(f.errors()), id -> null);
        }
        if (event != null) {
            action.put(
                    SANCTION_ACTION.EVENT_ID,
                    edits.create("recordSanctionAction", RecordType.SANCTION_EVENT, event, sources)
                            .id());
        }
        Outcome o = edits.create("recordSanctionAction", RecordType.SANCTION_ACTION, action, sources);
        return SanctionActionPayload.of(o, this::action);
    }

    private Changes actionChanges(Form f, RecordSanctionActionInput in) {
        var a = SANCTION_ACTION;
        Long vendorId = f.id("vendorId", in.vendorId(), false, "Vendor");
        Long affiliated = f.id("affiliatedVendorId", in.affiliatedVendorId(), false, "Vendor");
        return new Changes(f)
                .put(a.VENDOR_ID, vendorId)
                .name(a.PERSON_NAME, "personName", in.personName(), 300, false)
                .put(a.AFFILIATED_VENDOR_ID, affiliated)
                .name(a.LISTED_NAME, "listedName", in.listedName(), 300, false)
                .texts(a.LISTED_ALIASES, "listedAliases", in.listedAliases(), 50, Text.Kind.NAME, 300)
                .prose(a.LISTED_ADDRESS, "listedAddress", in.listedAddress(), 2000, false)
                .prose(a.REASON, "reason", in.reason(), 4000, false)
                .value(a.CONFIDENCE, "confidence", in.confidence(), true)
                .texts(a.NOTES, "notes", in.notes(), 20, Text.Kind.PROSE, 2000);
    }

    /** One target (a vendor or a named person), linked vendors that exist, one listing per act and target, liftings in order. */
    private void actionRules(Changes c, Record stored, Long self) {
        Form f = c.form();
        var a = SANCTION_ACTION;
        Long vendorId = c.valueOr(a.VENDOR_ID, stored);
        String person = c.valueOr(a.PERSON_NAME, stored);
        Long affiliated = c.valueOr(a.AFFILIATED_VENDOR_ID, stored);
        if ((vendorId == null) == (person == null)) {
            f.error("vendorId", "Give the targeted vendor (vendorId) or person (personName), not both.", "REQUIRED");
        }
        if (affiliated != null && person == null) {
            f.error("affiliatedVendorId", "affiliatedVendorId is for person targets.", "INVALID_VALUE");
        }
        for (var e : new Object[][] {{"vendorId", vendorId}, {"affiliatedVendorId", affiliated}}) {
            if (e[1] != null && !dsl.fetchExists(VENDOR, VENDOR.ID.eq((Long) e[1]))) {
                f.error((String) e[0], "No such vendor (it may have been withdrawn or merged).", "NOT_FOUND");
            }
        }
        Long eventId = c.valueOr(a.EVENT_ID, stored);
        if (f.ok()
                && eventId != null
                && dsl.fetchExists(
                        SANCTION_ACTION,
                        a.EVENT_ID
                                .eq(eventId)
                                .and(vendorId != null ? a.VENDOR_ID.eq(vendorId) : a.PERSON_NAME.eq(person))
                                .and(self == null ? DSL.noCondition() : a.ID.ne(self)))) {
            f.error(vendorId != null ? "vendorId" : "personName", "This act already has this target.", "DUPLICATE");
        }
        FuzzyDate lifted = c.dateOr(a.LIFTED_ON, a.LIFTED_PRECISION, stored);
        if (lifted != null && eventId != null) {
            Record e = dsl.selectFrom(SANCTION_EVENT)
                    .where(SANCTION_EVENT.ID.eq(eventId))
                    .fetchOne();
            if (e != null) {
                f.order(
                        "the act's first date",
                        first(
                                FuzzyDate.of(
                                        e.get(SANCTION_EVENT.EFFECTIVE_ON), e.get(SANCTION_EVENT.EFFECTIVE_PRECISION)),
                                FuzzyDate.of(
                                        e.get(SANCTION_EVENT.PUBLISHED_ON), e.get(SANCTION_EVENT.PUBLISHED_PRECISION)),
                                FuzzyDate.of(
                                        e.get(SANCTION_EVENT.ANNOUNCED_ON), e.get(SANCTION_EVENT.ANNOUNCED_PRECISION))),
                        "liftedOn",
                        lifted,
                        "an action is lifted no earlier than it began");
            }
        }
    }

    private SanctionViews.SanctionActionView action(long id) {
        return sanctions.actionsByIds(List.of(id)).get(id);
    }

    // --- corrections --------------------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public SanctionActionPayload amendSanctionAction(AmendSanctionActionInput in) {
        Form f = Form.input();
        var a = SANCTION_ACTION;
        Long id = f.id("id", in.id(), true, "SanctionAction");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = new Changes(f);
        if (given(in.vendorId())) {
            c.put(a.VENDOR_ID, f.id("vendorId", in.vendorId().value(), false, "Vendor"));
        }
        if (given(in.affiliatedVendorId())) {
            c.put(
                    a.AFFILIATED_VENDOR_ID,
                    f.id("affiliatedVendorId", in.affiliatedVendorId().value(), false, "Vendor"));
        }
        c.name(a.PERSON_NAME, "personName", in.personName(), 300, false)
                .name(a.LISTED_NAME, "listedName", in.listedName(), 300, false)
                .texts(a.LISTED_ALIASES, "listedAliases", in.listedAliases(), 50, Text.Kind.NAME, 300)
                .prose(a.LISTED_ADDRESS, "listedAddress", in.listedAddress(), 2000, false)
                .prose(a.REASON, "reason", in.reason(), 4000, false)
                .date(a.LIFTED_ON, a.LIFTED_PRECISION, "liftedOn", in.liftedOn(), Dates.Rule.PAST, false)
                .value(a.CONFIDENCE, "confidence", in.confidence(), true)
                .texts(a.NOTES, "notes", in.notes(), 20, Text.Kind.PROSE, 2000);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "amendSanctionAction",
                "UPDATE",
                RecordType.SANCTION_ACTION,
                id,
                revision,
                note,
                c,
                (ch, stored) -> actionRules(ch, stored, id),
                sources);
        return SanctionActionPayload.of(o, this::action);
    }

    @EditorsOnly
    @Transactional
    public SanctionEventPayload updateSanctionEvent(UpdateSanctionEventInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "SanctionEvent");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = eventChanges(f, EventFields.of(in));
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "updateSanctionEvent",
                "UPDATE",
                RecordType.SANCTION_EVENT,
                id,
                revision,
                note,
                c,
                this::eventRules,
                sources);
        return SanctionEventPayload.of(
                o, eid -> sanctions.eventsByIds(List.of(eid)).get(eid));
    }

    /** Records that an action was lifted for its target (a delisting): a dated, sourced event. */
    @EditorsOnly
    @Transactional
    public SanctionActionPayload liftSanctionAction(LiftSanctionActionInput in) {
        Form f = Form.input();
        var a = SANCTION_ACTION;
        Long id = f.id("id", in.id(), true, "SanctionAction");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), false);
        Changes c =
                new Changes(f).date(a.LIFTED_ON, a.LIFTED_PRECISION, "liftedOn", in.liftedOn(), Dates.Rule.PAST, true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        Outcome o = edits.update(
                "liftSanctionAction",
                "LIFT",
                RecordType.SANCTION_ACTION,
                id,
                revision,
                note,
                c,
                (ch, stored) -> {
                    if (stored.get(a.LIFTED_ON) != null) {
                        f.error(
                                "id",
                                "The action was already lifted on " + stored.get(a.LIFTED_ON)
                                        + "; correct that date with amendSanctionAction.",
                                "ALREADY_LIFTED");
                    }
                    actionRules(ch, stored, id);
                },
                sources);
        return SanctionActionPayload.of(o, this::action);
    }

    // --- authorities and programmes -----------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public AuthorityPayload addSanctionAuthority(AddSanctionAuthorityInput in) {
        Form f = Form.input();
        var t = SANCTION_AUTHORITY;
        String code = f.code("code", in.code(), true);
        String country = f.country("country", in.country(), false);
        if (country != null && !dsl.fetchExists(JURISDICTION, JURISDICTION.CODE.eq(country))) {
            f.error("country", "Not an ISO 3166-1 alpha-2 country code: " + country, "INVALID_COUNTRY");
        }
        if (code != null && dsl.fetchExists(t, t.CODE.eq(code))) {
            f.error("code", "An authority with this code exists.", "DUPLICATE");
        }
        Changes c = new Changes(f)
                .put(t.CODE, code)
                .name(t.NAME, "name", in.name(), 300, true)
                .put(t.COUNTRY_CODE, country);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        Outcome o = edits.create("addSanctionAuthority", RecordType.SANCTION_AUTHORITY, c, sources);
        return AuthorityPayload.of(
                o, id -> sanctions.authorities(t.ID.eq(id)).stream().findFirst().orElse(null));
    }

    @EditorsOnly
    @Transactional
    public ProgramPayload addSanctionProgram(AddSanctionProgramInput in) {
        Form f = Form.input();
        var t = SANCTION_PROGRAM;
        String code = f.code("code", in.code(), true);
        String authority = known(f, "authority", in.authority(), true, SANCTION_AUTHORITY.CODE);
        if (code != null && dsl.fetchExists(t, t.CODE.eq(code))) {
            f.error("code", "A programme with this code exists.", "DUPLICATE");
        }
        Changes c = new Changes(f)
                .put(t.CODE, code)
                .put(t.AUTHORITY_CODE, authority)
                .name(t.NAME, "name", in.name(), 300, true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        Outcome o = edits.create("addSanctionProgram", RecordType.SANCTION_PROGRAM, c, sources);
        return ProgramPayload.of(
                o, id -> sanctions.programs(t.ID.eq(id)).stream().findFirst().orElse(null));
    }
}
