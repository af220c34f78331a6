package org.vendorwatch.vendor;

import static org.vendorwatch.db.Tables.JURISDICTION;
import static org.vendorwatch.db.Tables.PRODUCT;
import static org.vendorwatch.db.Tables.PRODUCT_VENDOR;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_MERGE;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;
import static org.vendorwatch.db.Tables.VENDOR_RELATIONSHIP;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;
import static org.vendorwatch.platform.editing.Changes.given;
import static org.vendorwatch.platform.editing.Changes.of;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.graphql.data.ArgumentValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.jurisdiction.JurisdictionQueries;
import org.vendorwatch.jurisdiction.JurisdictionQueries.VendorJurisdictionView;
import org.vendorwatch.platform.auth.EditorsOnly;
import org.vendorwatch.platform.editing.Changes;
import org.vendorwatch.platform.editing.Citations;
import org.vendorwatch.platform.editing.Dates;
import org.vendorwatch.platform.editing.Edits;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.Form;
import org.vendorwatch.platform.editing.RecordType;
import org.vendorwatch.platform.editing.Text;
import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.platform.editing.Withdrawals;
import org.vendorwatch.product.ProductQueries;
import org.vendorwatch.vendor.VendorInputs.AddProductInput;
import org.vendorwatch.vendor.VendorInputs.AddVendorIdentifierInput;
import org.vendorwatch.vendor.VendorInputs.AddVendorJurisdictionInput;
import org.vendorwatch.vendor.VendorInputs.AddVendorNameInput;
import org.vendorwatch.vendor.VendorInputs.AddVendorNoteInput;
import org.vendorwatch.vendor.VendorInputs.AddVendorRelationshipInput;
import org.vendorwatch.vendor.VendorInputs.AddVendorStatementInput;
import org.vendorwatch.vendor.VendorInputs.CreateVendorInput;
import org.vendorwatch.vendor.VendorInputs.EndVendorRelationshipInput;
import org.vendorwatch.vendor.VendorInputs.RemoveVendorNameInput;
import org.vendorwatch.vendor.VendorInputs.SetVendorJurisdictionsInput;
import org.vendorwatch.vendor.VendorInputs.UpdateProductAttributionInput;
import org.vendorwatch.vendor.VendorInputs.UpdateProductInput;
import org.vendorwatch.vendor.VendorInputs.UpdateVendorIdentifierInput;
import org.vendorwatch.vendor.VendorInputs.UpdateVendorInput;
import org.vendorwatch.vendor.VendorInputs.UpdateVendorJurisdictionInput;
import org.vendorwatch.vendor.VendorInputs.UpdateVendorNameInput;
import org.vendorwatch.vendor.VendorInputs.UpdateVendorNoteInput;
import org.vendorwatch.vendor.VendorInputs.UpdateVendorRelationshipInput;
import org.vendorwatch.vendor.VendorInputs.UpdateVendorStatementInput;
import org.vendorwatch.vendor.VendorInputs.VendorJurisdictionInput;
import org.vendorwatch.vendor.VendorPayloads.AttributionPayload;
import org.vendorwatch.vendor.VendorPayloads.IdentifierPayload;
import org.vendorwatch.vendor.VendorPayloads.JurisdictionPayload;
import org.vendorwatch.vendor.VendorPayloads.NamePayload;
import org.vendorwatch.vendor.VendorPayloads.NotePayload;
import org.vendorwatch.vendor.VendorPayloads.ProductPayload;
import org.vendorwatch.vendor.VendorPayloads.RelationshipPayload;
import org.vendorwatch.vendor.VendorPayloads.StatementPayload;
import org.vendorwatch.vendor.VendorPayloads.VendorPayload;

/**
 * Writes to vendors and the claims attached to them. Each method turns its typed input into checked
 * values and hands them to {@link Edits}, which runs the write sequence; the rules of the domain
 * (one name per kind, dates in order, slugs unique ...) live here.
 */
@Component
public class VendorCommands {

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^[A-Z][A-Z0-9_]{1,60}$");

    private final DSLContext dsl;
    private final Edits edits;
    private final Citations citations;
    private final Withdrawals withdrawals;
    private final VendorQueries vendors;
    private final JurisdictionQueries jurisdictions;
    private final ProductQueries products;

    public VendorCommands(
            DSLContext dsl,
            Edits edits,
            Citations citations,
            Withdrawals withdrawals,
            VendorQueries vendors,
            JurisdictionQueries jurisdictions,
            ProductQueries products) {
        this.dsl = dsl;
        this.edits = edits;
        this.citations = citations;
        this.withdrawals = withdrawals;
        this.vendors = vendors;
        this.jurisdictions = jurisdictions;
        this.products = products;
    }

    // --- vendors ----------------------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public VendorPayload createVendor(CreateVendorInput in) {
        Form f = Form.input();
        Changes c = new Changes(f)
                .put(VENDOR.SLUG, f.slug("slug", in.slug(), true))
                .name(VENDOR.NAME, "name", in.name(), 300, true)
                .value(VENDOR.KIND, "kind", in.kind(), true)
                .put(VENDOR.STATUS, in.status() == null ? "UNKNOWN" : in.status())
                .prose(VENDOR.DESCRIPTION, "description", in.description(), 4000, false)
                .url(VENDOR.WEBSITE, "website", in.website(), false);
        Integer founded =
                f.integer("foundedYear", in.foundedYear(), 1800, Year.now().getValue(), false);
        c.put(VENDOR.FOUNDED_YEAR, founded)
                .put(VENDOR.FOUNDED_CONFIDENCE, f.value("foundedConfidence", in.foundedConfidence(), founded != null));
        List<Citations.Spec> sources = citations.check(f, "foundedSources", in.foundedSources(), founded != null);
        if (founded == null && !sources.isEmpty()) {
            f.error("foundedYear", "foundedSources need a foundedYear.", "REQUIRED");
        }
        slugFree(f, c.valueOr(VENDOR.SLUG, null), null);
        Outcome o = edits.create("createVendor", RecordType.VENDOR, c, founded(sources));
        return VendorPayload.of(o, this::vendor);
    }

    @EditorsOnly
    @Transactional
    public VendorPayload updateVendor(UpdateVendorInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "Vendor");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = new Changes(f);
        if (given(in.slug())) {
            c.put(VENDOR.SLUG, f.slug("slug", in.slug().value(), true));
        }
        c.name(VENDOR.NAME, "name", in.name(), 300, true)
                .value(VENDOR.KIND, "kind", in.kind(), true)
                .value(VENDOR.STATUS, "status", in.status(), true)
                .prose(VENDOR.DESCRIPTION, "description", in.description(), 4000, false)
                .url(VENDOR.WEBSITE, "website", in.website(), false);
        if (given(in.foundedYear())) {
            c.put(
                    VENDOR.FOUNDED_YEAR,
                    f.integer(
                            "foundedYear",
                            in.foundedYear().value(),
                            1800,
                            Year.now().getValue(),
                            false));
        }
        c.value(VENDOR.FOUNDED_CONFIDENCE, "foundedConfidence", in.foundedConfidence(), false);
        List<Citations.Spec> sources = founded(citations.check(f, "foundedSources", in.foundedSources(), false));
        Outcome o = edits.update(
                "updateVendor",
                "UPDATE",
                RecordType.VENDOR,
                id,
                revision,
                note,
                c,
                (ch, stored) -> {
                    slugFree(f, ch.has(VENDOR.SLUG) ? ch.valueOr(VENDOR.SLUG, stored) : null, id);
                    Integer year = ch.valueOr(VENDOR.FOUNDED_YEAR, stored);
                    if (year == null) {
                        ch.put(VENDOR.FOUNDED_CONFIDENCE, null);
                    } else if (ch.valueOr(VENDOR.FOUNDED_CONFIDENCE, stored) == null) {
                        f.error("foundedConfidence", "A foundedYear needs its foundedConfidence.", "REQUIRED");
                    }
                    if (year != null && stored.get(VENDOR.FOUNDED_YEAR) == null && sources.isEmpty()) {
                        f.error("foundedSources", "Cite at least one source for the foundedYear.", "SOURCE_REQUIRED");
                    }
                },
                sources);
        return VendorPayload.of(o, this::vendor);
    }

    private static List<Citations.Spec> founded(List<Citations.Spec> sources) {
        return sources.stream().map(s -> s.withAspect("founded")).toList();
    }

    /** A slug is taken by a live vendor or by a merged one (whose slug still resolves). */
    private void slugFree(Form f, String slug, Long self) {
        if (slug == null) {
            return;
        }
        if (dsl.fetchExists(VENDOR, VENDOR.SLUG.eq(slug).and(self == null ? DSL.noCondition() : VENDOR.ID.ne(self)))) {
            f.error("slug", "Another vendor has the slug '" + slug + "'.", "SLUG_TAKEN");
        } else if (dsl.fetchExists(VENDOR_MERGE, VENDOR_MERGE.MERGED_SLUG.eq(slug))) {
            f.error(
                    "slug",
                    "The slug '" + slug + "' belonged to a vendor since merged; it resolves to the survivor.",
                    "SLUG_TAKEN");
        }
    }

    private VendorView vendor(long id) {
        return vendors.byIds(List.of(id)).get(id);
    }

    private void vendorExists(Form f, String field, Long id) {
        if (id != null && !dsl.fetchExists(VENDOR, VENDOR.ID.eq(id))) {
            f.error(field, "No such vendor (it may have been withdrawn or merged).", "NOT_FOUND");
        }
    }

    /** A claim attached to a vendor, loaded through its vendor's list. */
    private <V> V child(
            RecordType type, long id, Function<List<Long>, Map<Long, List<V>>> byVendor, ToLongFunction<V> rowId) {
        Long vendorId = edits.vendorOf(type, id);
        return vendorId == null
                ? null
                : byVendor.apply(List.of(vendorId)).getOrDefault(vendorId, List.of()).stream()
                        .filter(v -> rowId.applyAsLong(v) == id)
                        .findFirst()
                        .orElse(null);
    }

    // --- names ------------------------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public NamePayload addVendorName(AddVendorNameInput in) {
        Form f = Form.input();
        Long vendorId = f.id("vendorId", in.vendorId(), true, "Vendor");
        Changes c = nameChanges(
                        f,
                        of(in.name()),
                        of(in.kind()),
                        of(in.listedIn()),
                        of(in.validFrom()),
                        of(in.validTo()),
                        of(Boolean.TRUE.equals(in.weak())),
                        of(in.confidence()),
                        of(in.note()))
                .put(VENDOR_NAME.VENDOR_ID, vendorId);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        vendorExists(f, "vendorId", vendorId);
        nameRules(c, null, null);
        return NamePayload.of(edits.create("addVendorName", RecordType.VENDOR_NAME, c, sources), this::name);
    }

    @EditorsOnly
    @Transactional
    public NamePayload updateVendorName(UpdateVendorNameInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "VendorName");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = nameChanges(
                f,
                in.name(),
                in.kind(),
                in.listedIn(),
                in.validFrom(),
                in.validTo(),
                in.weak(),
                in.confidence(),
                in.note());
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "updateVendorName",
                "UPDATE",
                RecordType.VENDOR_NAME,
                id,
                revision,
                note,
                c,
                (ch, stored) -> nameRules(ch, stored, id),
                sources);
        return NamePayload.of(o, this::name);
    }

    private static Changes nameChanges(
            Form f,
            ArgumentValue<String> name,
            ArgumentValue<String> kind,
            ArgumentValue<String> listedIn,
            ArgumentValue<String> validFrom,
            ArgumentValue<String> validTo,
            ArgumentValue<Boolean> weak,
            ArgumentValue<String> confidence,
            ArgumentValue<String> note) {
        Changes c = new Changes(f).name(VENDOR_NAME.NAME, "name", name, 300, true);
        if (given(kind)) {
            c.put(VENDOR_NAME.KIND, nameKind(f, kind.value()));
        }
        return c.line(VENDOR_NAME.LISTED_IN, "listedIn", listedIn, 300, false)
                .date(
                        VENDOR_NAME.VALID_FROM,
                        VENDOR_NAME.VALID_FROM_PRECISION,
                        "validFrom",
                        validFrom,
                        Dates.Rule.PAST,
                        false)
                .date(VENDOR_NAME.VALID_TO, VENDOR_NAME.VALID_TO_PRECISION, "validTo", validTo, Dates.Rule.PAST, false)
                .value(VENDOR_NAME.WEAK, "weak", weak, true)
                .value(VENDOR_NAME.CONFIDENCE, "confidence", confidence, true)
                .prose(VENDOR_NAME.NOTE, "note", note, 2000, false);
    }

    /** One name per vendor and kind (compared NFKC-normalised and case-folded), and its period in order. */
    private void nameRules(Changes c, org.jooq.Record stored, Long self) {
        Form f = c.form();
        f.order(
                "validFrom",
                c.dateOr(VENDOR_NAME.VALID_FROM, VENDOR_NAME.VALID_FROM_PRECISION, stored),
                "validTo",
                c.dateOr(VENDOR_NAME.VALID_TO, VENDOR_NAME.VALID_TO_PRECISION, stored),
                "a name ends after it begins");
        Long vendorId = c.valueOr(VENDOR_NAME.VENDOR_ID, stored);
        String name = c.valueOr(VENDOR_NAME.NAME, stored);
        String kind = c.valueOr(VENDOR_NAME.KIND, stored);
        if (f.ok()
                && vendorId != null
                && name != null
                && kind != null
                && dsl.fetchExists(
                        VENDOR_NAME,
                        VENDOR_NAME
                                .VENDOR_ID
                                .eq(vendorId)
                                .and(VENDOR_NAME.KIND.eq(kind))
                                .and(folded(VENDOR_NAME.NAME).eq(folded(DSL.val(name))))
                                .and(self == null ? DSL.noCondition() : VENDOR_NAME.ID.ne(self)))) {
            f.error(
                    "name",
                    "The vendor already has this name of this kind (compared regardless of case and Unicode form).",
                    "DUPLICATE");
        }
    }

    /** The form duplicates are compared in: NFKC-normalised, lower-cased (see {@link Text#fold}). */
    static Field<String> folded(Field<String> text) {
        return DSL.lower(DSL.field("normalize({0}, NFKC)", String.class, text));
    }

    private static String nameKind(Form f, String kind) {
        if ("CANONICAL".equals(kind)) {
            f.error("kind", "CANONICAL is the vendor's own name; change it with updateVendor.", "INVALID_VALUE");
            return null;
        }
        return f.value("kind", kind, true);
    }

    private VendorParts.VendorNameView name(long id) {
        return child(RecordType.VENDOR_NAME, id, vendors::names, VendorParts.VendorNameView::rowId);
    }

    /** Kept for existing clients: a removal of a name is its withdrawal, with the change note as the reason. */
    @EditorsOnly
    @Transactional
    public VendorPayload removeVendorName(RemoveVendorNameInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "VendorName");
        int revision = f.revision(in.expectedRevision());
        String reason = f.reason("changeNote", in.changeNote(), true);
        Long vendorId = f.ok() ? edits.vendorOf(RecordType.VENDOR_NAME, id) : null;
        Outcome o = withdrawals.withdraw(
                "removeVendorName", RecordType.VENDOR_NAME, id == null ? 0 : id, revision, reason, f);
        return new VendorPayload(o.ok() && vendorId != null ? vendor(vendorId) : null, o.changed(), o.errors());
    }

    // --- jurisdictions ----------------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public JurisdictionPayload addVendorJurisdiction(AddVendorJurisdictionInput in) {
        Form f = Form.input();
        Long vendorId = f.id("vendorId", in.vendorId(), true, "Vendor");
        vendorExists(f, "vendorId", vendorId);
        Changes c = tie(f, vendorId, in.country(), in.role(), in.detail(), in.confidence());
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        tieRules(c, null, null);
        return JurisdictionPayload.of(
                edits.create("addVendorJurisdiction", RecordType.VENDOR_JURISDICTION, c, sources), this::tie);
    }

    @EditorsOnly
    @Transactional
    public JurisdictionPayload updateVendorJurisdiction(UpdateVendorJurisdictionInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "VendorJurisdiction");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = new Changes(f);
        if (given(in.country())) {
            c.put(VENDOR_JURISDICTION.COUNTRY_CODE, country(f, in.country().value()));
        }
        c.value(VENDOR_JURISDICTION.ROLE, "role", in.role(), true)
                .prose(VENDOR_JURISDICTION.DETAIL, "detail", in.detail(), 2000, false)
                .value(VENDOR_JURISDICTION.CONFIDENCE, "confidence", in.confidence(), true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "updateVendorJurisdiction",
                "UPDATE",
                RecordType.VENDOR_JURISDICTION,
                id,
                revision,
                note,
                c,
                (ch, stored) -> tieRules(ch, stored, id),
                sources);
        return JurisdictionPayload.of(o, this::tie);
    }

    /**
     * Sets the complete list of a vendor's ties. Ties left out of the list are withdrawn only when
     * the editor says so ({@code confirmRemovals} with a change note); otherwise the call is refused
     * and names them, so nothing is removed by accident.
     */
    @EditorsOnly
    @Transactional
    public VendorPayload setVendorJurisdictions(SetVendorJurisdictionsInput in) {
        Form f = Form.input();
        Long vendorId = f.id("vendorId", in.vendorId(), true, "Vendor");
        int expectedRevision = f.revision(in.expectedRevision());
        boolean confirm = Boolean.TRUE.equals(in.confirmRemovals());
        String note = f.reason("changeNote", in.changeNote(), confirm);
        vendorExists(f, "vendorId", vendorId);
        List<VendorJurisdictionInput> ties = in.jurisdictions() == null ? List.of() : in.jurisdictions();
        if (ties.size() > 100) {
            f.error("jurisdictions", "jurisdictions may hold at most 100 ties.", "TOO_LONG");
        }
        List<Changes> wanted = new ArrayList<>();
        List<List<Citations.Spec>> wantedSources = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < ties.size() && i < 100; i++) {
            Form at = f.at("jurisdictions", i);
            VendorJurisdictionInput t = ties.get(i);
            Changes c = tie(at, vendorId, t.country(), t.role(), t.detail(), t.confidence());
            wantedSources.add(citations.check(at, "sources", t.sources(), true));
            String key =
                    c.valueOr(VENDOR_JURISDICTION.COUNTRY_CODE, null) + "/" + c.valueOr(VENDOR_JURISDICTION.ROLE, null);
            if (!keys.add(key)) {
                at.error("role", "The same country and role are given twice.", "DUPLICATE");
            }
            wanted.add(c);
        }
        if (!f.ok()) {
            return new VendorPayload(null, false, f.errors());
        }
        // the set belongs to the vendor: its revision guards it, as it guards the vendor's own fields
        org.jooq.Record vendorRow = edits.lock(RecordType.VENDOR, vendorId);
        if (vendorRow == null) {
            return new VendorPayload(
                    null,
                    false,
                    List.of(new UserError("input.vendorId", "No such vendor (it may have been merged).", "NOT_FOUND")));
        }
        if (vendorRow.get(VENDOR.REVISION) != expectedRevision) {
            return new VendorPayload(
                    null,
                    false,
                    List.of(new UserError(
                            "input.expectedRevision",
                            "The vendor changed since you read it " + "(revision " + expectedRevision + ", now "
                                    + vendorRow.get(VENDOR.REVISION) + "). Reload it and apply your change again.",
                            "STALE_REVISION")));
        }
        Map<String, org.jooq.Record> existing = new HashMap<>();
        dsl.selectFrom(VENDOR_JURISDICTION)
                .where(VENDOR_JURISDICTION.VENDOR_ID.eq(vendorId))
                .forUpdate()
                .fetch()
                .forEach(r -> existing.put(
                        r.get(VENDOR_JURISDICTION.COUNTRY_CODE) + "/" + r.get(VENDOR_JURISDICTION.ROLE), r));
        if (note == null) {
            // correcting a tie is a correction like any other: it says why
            int i = 0;
            for (String key : keys) {
                Changes c = wanted.get(i++);
                var r = existing.get(key);
                if (r != null
                        && (!java.util.Objects.equals(
                                        r.get(VENDOR_JURISDICTION.DETAIL), c.valueOr(VENDOR_JURISDICTION.DETAIL, null))
                                || !java.util.Objects.equals(
                                        r.get(VENDOR_JURISDICTION.CONFIDENCE),
                                        c.valueOr(VENDOR_JURISDICTION.CONFIDENCE, null)))) {
                    f.error(
                            "changeNote",
                            "Changing an existing tie (" + key + ") is a correction: say why in changeNote.",
                            "REQUIRED");
                    return new VendorPayload(null, false, f.errors());
                }
            }
        }
        List<String> dropped = existing.keySet().stream()
                .filter(k -> !keys.contains(k))
                .sorted()
                .toList();
        if (!dropped.isEmpty() && !confirm) {
            f.error(
                    "jurisdictions",
                    "The list leaves out ties the vendor has: " + String.join(", ", dropped)
                            + ". To withdraw them, set confirmRemovals: true and give a changeNote; to keep them, include them.",
                    "WOULD_REMOVE");
            return new VendorPayload(null, false, f.errors());
        }
        boolean changed = false;
        for (String key : dropped) {
            var r = existing.get(key);
            changed |= withdrawals
                    .withdraw(
                            "setVendorJurisdictions",
                            RecordType.VENDOR_JURISDICTION,
                            r.get(VENDOR_JURISDICTION.ID),
                            r.get(VENDOR_JURISDICTION.REVISION),
                            note,
                            Form.input())
                    .changed();
        }
        int i = 0;
        for (String key : keys) {
            Changes c = wanted.get(i);
            List<Citations.Spec> sources = wantedSources.get(i++);
            var r = existing.get(key);
            if (r == null) {
                changed |= edits.create("setVendorJurisdictions", RecordType.VENDOR_JURISDICTION, c, sources)
                        .changed();
            } else {
                Changes update = new Changes(Form.input())
                        .put(VENDOR_JURISDICTION.DETAIL, c.valueOr(VENDOR_JURISDICTION.DETAIL, null))
                        .put(VENDOR_JURISDICTION.CONFIDENCE, c.valueOr(VENDOR_JURISDICTION.CONFIDENCE, null));
                changed |= edits.update(
                                "setVendorJurisdictions",
                                "UPDATE",
                                RecordType.VENDOR_JURISDICTION,
                                r.get(VENDOR_JURISDICTION.ID),
                                r.get(VENDOR_JURISDICTION.REVISION),
                                note,
                                update,
                                null,
                                sources)
                        .changed();
            }
        }
        if (changed) {
            edits.write(RecordType.VENDOR, vendorId, Map.of()); // a new revision: readers of the old set must reload
        }
        return new VendorPayload(vendor(vendorId), changed, List.of());
    }

    private Changes tie(Form f, Long vendorId, String country, String role, String detail, String confidence) {
        return new Changes(f)
                .put(VENDOR_JURISDICTION.VENDOR_ID, vendorId)
                .put(VENDOR_JURISDICTION.COUNTRY_CODE, country(f, country))
                .value(VENDOR_JURISDICTION.ROLE, "role", role, true)
                .prose(VENDOR_JURISDICTION.DETAIL, "detail", detail, 2000, false)
                .value(VENDOR_JURISDICTION.CONFIDENCE, "confidence", confidence, true);
    }

    private String country(Form f, String raw) {
        String code = f.country("country", raw, true);
        if (code != null && !dsl.fetchExists(JURISDICTION, JURISDICTION.CODE.eq(code))) {
            f.error("country", "Not an ISO 3166-1 alpha-2 country code: " + code, "INVALID_COUNTRY");
            return null;
        }
        return code;
    }

    private void tieRules(Changes c, org.jooq.Record stored, Long self) {
        Long vendorId = c.valueOr(VENDOR_JURISDICTION.VENDOR_ID, stored);
        String country = c.valueOr(VENDOR_JURISDICTION.COUNTRY_CODE, stored);
        String role = c.valueOr(VENDOR_JURISDICTION.ROLE, stored);
        if (c.form().ok()
                && dsl.fetchExists(
                        VENDOR_JURISDICTION,
                        VENDOR_JURISDICTION
                                .VENDOR_ID
                                .eq(vendorId)
                                .and(VENDOR_JURISDICTION.COUNTRY_CODE.eq(country))
                                .and(VENDOR_JURISDICTION.ROLE.eq(role))
                                .and(self == null ? DSL.noCondition() : VENDOR_JURISDICTION.ID.ne(self)))) {
            c.form()
                    .error(
                            "role",
                            "The vendor already has this tie (country and role); correct that one instead.",
                            "DUPLICATE");
        }
    }

    private VendorJurisdictionView tie(long id) {
        return child(RecordType.VENDOR_JURISDICTION, id, jurisdictions::byVendorIds, VendorJurisdictionView::rowId);
    }

    // --- identifiers and notes ----------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public IdentifierPayload addVendorIdentifier(AddVendorIdentifierInput in) {
        Form f = Form.input();
        Long vendorId = f.id("vendorId", in.vendorId(), true, "Vendor");
        vendorExists(f, "vendorId", vendorId);
        Changes c = new Changes(f)
                .put(VENDOR_IDENTIFIER.VENDOR_ID, vendorId)
                .put(VENDOR_IDENTIFIER.SCHEME, scheme(f, in.scheme()))
                .name(VENDOR_IDENTIFIER.VALUE, "value", in.value(), 200, true)
                .value(VENDOR_IDENTIFIER.CONFIDENCE, "confidence", in.confidence(), true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        identifierRules(c, null, null);
        return IdentifierPayload.of(
                edits.create("addVendorIdentifier", RecordType.VENDOR_IDENTIFIER, c, sources), this::identifier);
    }

    @EditorsOnly
    @Transactional
    public IdentifierPayload updateVendorIdentifier(UpdateVendorIdentifierInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "VendorIdentifier");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = new Changes(f);
        if (given(in.scheme())) {
            c.put(VENDOR_IDENTIFIER.SCHEME, scheme(f, in.scheme().value()));
        }
        c.name(VENDOR_IDENTIFIER.VALUE, "value", in.value(), 200, true)
                .value(VENDOR_IDENTIFIER.CONFIDENCE, "confidence", in.confidence(), true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "updateVendorIdentifier",
                "UPDATE",
                RecordType.VENDOR_IDENTIFIER,
                id,
                revision,
                note,
                c,
                (ch, stored) -> identifierRules(ch, stored, id),
                sources);
        return IdentifierPayload.of(o, this::identifier);
    }

    private static String scheme(Form f, String raw) {
        String s = f.name("scheme", raw, 61, true);
        if (s != null && !SCHEME.matcher(s).matches()) {
            f.error(
                    "scheme",
                    "scheme must be upper snake case, e.g. OFAC_SDN_ENTITY_NUMBER or RU_INN.",
                    "INVALID_VALUE");
            return null;
        }
        return s;
    }

    private void identifierRules(Changes c, org.jooq.Record stored, Long self) {
        if (c.form().ok()
                && dsl.fetchExists(
                        VENDOR_IDENTIFIER,
                        VENDOR_IDENTIFIER
                                .VENDOR_ID
                                .eq(c.valueOr(VENDOR_IDENTIFIER.VENDOR_ID, stored))
                                .and(VENDOR_IDENTIFIER.SCHEME.eq(c.valueOr(VENDOR_IDENTIFIER.SCHEME, stored)))
                                .and(folded(VENDOR_IDENTIFIER.VALUE)
                                        .eq(folded(DSL.val(c.valueOr(VENDOR_IDENTIFIER.VALUE, stored)))))
                                .and(self == null ? DSL.noCondition() : VENDOR_IDENTIFIER.ID.ne(self)))) {
            c.form()
                    .error(
                            "value",
                            "The vendor already has this identifier (compared regardless of case and Unicode form).",
                            "DUPLICATE");
        }
    }

    private VendorParts.VendorIdentifierView identifier(long id) {
        return child(RecordType.VENDOR_IDENTIFIER, id, vendors::identifiers, VendorParts.VendorIdentifierView::rowId);
    }

    @EditorsOnly
    @Transactional
    public NotePayload addVendorNote(AddVendorNoteInput in) {
        Form f = Form.input();
        Long vendorId = f.id("vendorId", in.vendorId(), true, "Vendor");
        vendorExists(f, "vendorId", vendorId);
        Changes c = new Changes(f)
                .put(VENDOR_NOTE.VENDOR_ID, vendorId)
                .prose(VENDOR_NOTE.TEXT, "text", in.text(), 4000, true)
                .value(VENDOR_NOTE.CONFIDENCE, "confidence", in.confidence(), true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        return NotePayload.of(edits.create("addVendorNote", RecordType.VENDOR_NOTE, c, sources), this::note);
    }

    @EditorsOnly
    @Transactional
    public NotePayload updateVendorNote(UpdateVendorNoteInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "VendorNote");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = new Changes(f)
                .prose(VENDOR_NOTE.TEXT, "text", in.text(), 4000, true)
                .value(VENDOR_NOTE.CONFIDENCE, "confidence", in.confidence(), true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        return NotePayload.of(
                edits.update(
                        "updateVendorNote", "UPDATE", RecordType.VENDOR_NOTE, id, revision, note, c, null, sources),
                this::note);
    }

    private VendorParts.VendorNoteView note(long id) {
        return child(RecordType.VENDOR_NOTE, id, vendors::notes, VendorParts.VendorNoteView::rowId);
    }

    // --- statements ---------------------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public StatementPayload addVendorStatement(AddVendorStatementInput in) {
        Form f = Form.input();
        Long vendorId = f.id("vendorId", in.vendorId(), true, "Vendor");
        vendorExists(f, "vendorId", vendorId);
        Changes c = statementChanges(
                        f,
                        of(in.statedOn()),
                        of(in.speaker()),
                        of(in.quote()),
                        of(in.summary()),
                        of(in.confidence()),
                        of(in.notes()))
                .put(VENDOR_STATEMENT.VENDOR_ID, vendorId);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        statementRules(c, null);
        return StatementPayload.of(
                edits.create("addVendorStatement", RecordType.VENDOR_STATEMENT, c, sources), this::statement);
    }

    @EditorsOnly
    @Transactional
    public StatementPayload updateVendorStatement(UpdateVendorStatementInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "VendorStatement");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c =
                statementChanges(f, in.statedOn(), in.speaker(), in.quote(), in.summary(), in.confidence(), in.notes());
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "updateVendorStatement",
                "UPDATE",
                RecordType.VENDOR_STATEMENT,
                id,
                revision,
                note,
                c,
                this::statementRules,
                sources);
        return StatementPayload.of(o, this::statement);
    }

    private static Changes statementChanges(
            Form f,
            ArgumentValue<String> statedOn,
            ArgumentValue<String> speaker,
            ArgumentValue<String> quote,
            ArgumentValue<String> summary,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes) {
        return new Changes(f)
                .date(
                        VENDOR_STATEMENT.STATED_ON,
                        VENDOR_STATEMENT.STATED_PRECISION,
                        "statedOn",
                        statedOn,
                        Dates.Rule.PAST,
                        true)
                .line(VENDOR_STATEMENT.SPEAKER, "speaker", speaker, 500, false)
                .prose(VENDOR_STATEMENT.QUOTE, "quote", quote, 8000, false)
                .prose(VENDOR_STATEMENT.SUMMARY, "summary", summary, 8000, false)
                .value(VENDOR_STATEMENT.CONFIDENCE, "confidence", confidence, true)
                .texts(VENDOR_STATEMENT.NOTES, "notes", notes, 20, Text.Kind.PROSE, 2000);
    }

    private void statementRules(Changes c, org.jooq.Record stored) {
        if (c.valueOr(VENDOR_STATEMENT.QUOTE, stored) == null && c.valueOr(VENDOR_STATEMENT.SUMMARY, stored) == null) {
            c.form().error("quote", "Give the quote, a summary, or both.", "REQUIRED");
        }
    }

    private VendorParts.VendorStatementView statement(long id) {
        return vendors.statementsByIds(List.of(id)).get(id);
    }

    // --- relationships ------------------------------------------------------------------------------

    @EditorsOnly
    @Transactional
    public RelationshipPayload addVendorRelationship(AddVendorRelationshipInput in) {
        Form f = Form.input();
        Long subject = f.id("subjectId", in.subjectId(), true, "Vendor");
        Long object = f.id("objectId", in.objectId(), true, "Vendor");
        vendorExists(f, "subjectId", subject);
        vendorExists(f, "objectId", object);
        Changes c = relationshipChanges(
                        f,
                        of(in.type()),
                        of(in.description()),
                        of(in.validFrom()),
                        of(in.validTo()),
                        of(in.confidence()))
                .put(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID, subject)
                .put(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID, object);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        relationshipRules(c, null, null);
        return RelationshipPayload.of(
                edits.create("addVendorRelationship", RecordType.VENDOR_RELATIONSHIP, c, sources), this::relationship);
    }

    @EditorsOnly
    @Transactional
    public RelationshipPayload updateVendorRelationship(UpdateVendorRelationshipInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "VendorRelationship");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = relationshipChanges(f, in.type(), in.description(), in.validFrom(), in.validTo(), in.confidence());
        if (given(in.subjectId())) {
            Long subject = f.id("subjectId", in.subjectId().value(), true, "Vendor");
            vendorExists(f, "subjectId", subject);
            c.put(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID, subject);
        }
        if (given(in.objectId())) {
            Long object = f.id("objectId", in.objectId().value(), true, "Vendor");
            vendorExists(f, "objectId", object);
            c.put(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID, object);
        }
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "updateVendorRelationship",
                "UPDATE",
                RecordType.VENDOR_RELATIONSHIP,
                id,
                revision,
                note,
                c,
                (ch, stored) -> relationshipRules(ch, stored, id),
                sources);
        return RelationshipPayload.of(o, this::relationship);
    }

    /** Records that a relationship ended (it stays on record with its end date). */
    @EditorsOnly
    @Transactional
    public RelationshipPayload endVendorRelationship(EndVendorRelationshipInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "VendorRelationship");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), false);
        Changes c = new Changes(f)
                .date(
                        VENDOR_RELATIONSHIP.VALID_TO,
                        VENDOR_RELATIONSHIP.VALID_TO_PRECISION,
                        "validTo",
                        in.validTo(),
                        Dates.Rule.PAST,
                        true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "endVendorRelationship",
                "END",
                RecordType.VENDOR_RELATIONSHIP,
                id,
                revision,
                note,
                c,
                (ch, stored) -> relationshipRules(ch, stored, id),
                sources);
        return RelationshipPayload.of(o, this::relationship);
    }

    private static Changes relationshipChanges(
            Form f,
            ArgumentValue<String> type,
            ArgumentValue<String> description,
            ArgumentValue<String> validFrom,
            ArgumentValue<String> validTo,
            ArgumentValue<String> confidence) {
        var r = VENDOR_RELATIONSHIP;
        return new Changes(f)
                .value(r.TYPE, "type", type, true)
                .prose(r.DESCRIPTION, "description", description, 2000, false)
                .date(r.VALID_FROM, r.VALID_FROM_PRECISION, "validFrom", validFrom, Dates.Rule.PAST, false)
                .date(r.VALID_TO, r.VALID_TO_PRECISION, "validTo", validTo, Dates.Rule.PAST, false)
                .value(r.CONFIDENCE, "confidence", confidence, true);
    }

    private void relationshipRules(Changes c, org.jooq.Record stored, Long self) {
        Form f = c.form();
        f.order(
                "validFrom",
                c.dateOr(VENDOR_RELATIONSHIP.VALID_FROM, VENDOR_RELATIONSHIP.VALID_FROM_PRECISION, stored),
                "validTo",
                c.dateOr(VENDOR_RELATIONSHIP.VALID_TO, VENDOR_RELATIONSHIP.VALID_TO_PRECISION, stored),
                "a relationship ends after it begins");
        Long subject = c.valueOr(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID, stored);
        Long object = c.valueOr(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID, stored);
        String type = c.valueOr(VENDOR_RELATIONSHIP.TYPE, stored);
        if (subject != null && subject.equals(object)) {
            f.error("objectId", "A vendor cannot be related to itself.", "INVALID_VALUE");
        }
        if (f.ok()
                && subject != null
                && object != null
                && type != null
                && dsl.fetchExists(
                        VENDOR_RELATIONSHIP,
                        VENDOR_RELATIONSHIP
                                .SUBJECT_VENDOR_ID
                                .eq(subject)
                                .and(VENDOR_RELATIONSHIP.TYPE.eq(type))
                                .and(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID.eq(object))
                                .and(self == null ? DSL.noCondition() : VENDOR_RELATIONSHIP.ID.ne(self)))) {
            f.error("type", "This relationship is already recorded.", "DUPLICATE");
        }
    }

    private VendorParts.VendorRelationshipView relationship(long id) {
        return child(
                RecordType.VENDOR_RELATIONSHIP, id, vendors::relationships, VendorParts.VendorRelationshipView::rowId);
    }

    // --- products -----------------------------------------------------------------------------------

    /** Attributes a product to a vendor, creating the product when its slug is new. */
    @EditorsOnly
    @Transactional
    public ProductPayload addProduct(AddProductInput in) {
        Form f = Form.input();
        Long vendorId = f.id("vendorId", in.vendorId(), true, "Vendor");
        vendorExists(f, "vendorId", vendorId);
        String slug = f.slug("slug", in.slug(), true);
        Long productId = slug == null
                ? null
                : dsl.select(PRODUCT.ID)
                        .from(PRODUCT)
                        .where(PRODUCT.SLUG.eq(slug))
                        .fetchOne(PRODUCT.ID);
        Changes product = new Changes(f)
                .put(PRODUCT.SLUG, slug)
                .name(PRODUCT.NAME, "name", in.name(), 300, productId == null)
                .value(PRODUCT.KIND, "kind", in.kind(), productId == null)
                .prose(PRODUCT.DESCRIPTION, "description", in.description(), 4000, false);
        Changes link = new Changes(f)
                .put(PRODUCT_VENDOR.VENDOR_ID, vendorId)
                .value(PRODUCT_VENDOR.CONFIDENCE, "confidence", in.confidence(), true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), true);
        if (f.ok()
                && productId != null
                && dsl.fetchExists(
                        PRODUCT_VENDOR,
                        PRODUCT_VENDOR.PRODUCT_ID.eq(productId).and(PRODUCT_VENDOR.VENDOR_ID.eq(vendorId)))) {
            f.error("slug", "The product is already attributed to this vendor.", "DUPLICATE");
        }
        if (!f.ok()) {
            return new ProductPayload(null, false, f.errors());
        }
        if (productId == null) {
            productId = edits.create("addProduct", RecordType.PRODUCT, product, List.of())
                    .id();
        }
        link.put(PRODUCT_VENDOR.PRODUCT_ID, productId);
        Outcome o = edits.create("addProduct", RecordType.PRODUCT_VENDOR, link, sources);
        long created = productId;
        return new ProductPayload(
                o.ok() ? products.byIds(List.of(created)).get(created) : null, o.changed(), o.errors());
    }

    @EditorsOnly
    @Transactional
    public ProductPayload updateProduct(UpdateProductInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "Product");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = new Changes(f);
        if (given(in.slug())) {
            c.put(PRODUCT.SLUG, f.slug("slug", in.slug().value(), true));
        }
        c.name(PRODUCT.NAME, "name", in.name(), 300, true)
                .value(PRODUCT.KIND, "kind", in.kind(), true)
                .prose(PRODUCT.DESCRIPTION, "description", in.description(), 4000, false);
        Outcome o = edits.update(
                "updateProduct",
                "UPDATE",
                RecordType.PRODUCT,
                id,
                revision,
                note,
                c,
                (ch, stored) -> {
                    if (ch.has(PRODUCT.SLUG)
                            && ch.valueOr(PRODUCT.SLUG, stored) != null
                            && dsl.fetchExists(
                                    PRODUCT,
                                    PRODUCT.SLUG
                                            .eq(ch.valueOr(PRODUCT.SLUG, stored))
                                            .and(PRODUCT.ID.ne(id)))) {
                        f.error("slug", "Another product has this slug.", "SLUG_TAKEN");
                    }
                },
                List.of());
        return ProductPayload.of(o, pid -> products.byIds(List.of(pid)).get(pid));
    }

    @EditorsOnly
    @Transactional
    public AttributionPayload updateProductAttribution(UpdateProductAttributionInput in) {
        Form f = Form.input();
        Long id = f.id("id", in.id(), true, "ProductVendor");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = new Changes(f).value(PRODUCT_VENDOR.CONFIDENCE, "confidence", in.confidence(), true);
        List<Citations.Spec> sources = citations.check(f, "sources", in.sources(), false);
        Outcome o = edits.update(
                "updateProductAttribution", "UPDATE", RecordType.PRODUCT_VENDOR, id, revision, note, c, null, sources);
        return AttributionPayload.of(o, products::attribution);
    }
}
