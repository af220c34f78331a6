package org.vendorwatch.vendor;

import org.vendorwatch.vendor.VendorPayloads.VendorPayload;
import org.vendorwatch.vendor.VendorPayloads.StatementPayload;
import org.vendorwatch.vendor.VendorPayloads.RelationshipPayload;
import org.vendorwatch.vendor.VendorPayloads.ProductPayload;
import org.vendorwatch.vendor.VendorPayloads.NamePayload;
import static org.vendorwatch.db.Tables.JURISDICTION;
import static org.vendorwatch.db.Tables.PRODUCT;
import static org.vendorwatch.db.Tables.PRODUCT_VENDOR;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_RELATIONSHIP;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.vendorwatch.platform.time.FuzzyDate;
import org.vendorwatch.source.CitationCommands;
import org.vendorwatch.source.CitationCommands.CitationSpec;
import org.vendorwatch.source.ClaimKind;

/** Writes to vendors and the claims attached to them. Every method: editor check, validation, write, audit. */
@Component
public class VendorCommands {

    private final DSLContext dsl;
    private final Audit audit;
    private final Rows rows;
    private final EditorGuard guard;
    private final CitationCommands citations;
    private final VendorQueries vendors;
    private final org.vendorwatch.product.ProductQueries products;

    public VendorCommands(DSLContext dsl, Audit audit, Rows rows, EditorGuard guard, CitationCommands citations,
                          VendorQueries vendors, org.vendorwatch.product.ProductQueries products) {
        this.products = products;
        this.dsl = dsl;
        this.audit = audit;
        this.rows = rows;
        this.guard = guard;
        this.citations = citations;
        this.vendors = vendors;
    }

    private VendorView vendor(long id) {
        return vendors.byIds(List.of(id)).get(id);
    }

    @Transactional
    public VendorPayload createVendor(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Map<Field<?>, Object> v = vendorFields(in, true);
        Integer founded = in.integer("foundedYear", 1800, Year.now().getValue());
        String foundedConfidence = in.confidence("foundedConfidence", founded != null);
        List<CitationSpec> foundedSources = citations.validate(in, "foundedSources", founded != null);
        if (founded == null && in.has("foundedSources") && !foundedSources.isEmpty()) {
            in.error("foundedYear", "foundedSources need a foundedYear.", "REQUIRED");
        }
        slugFree(in, (String) v.get(VENDOR.SLUG), null);
        if (!in.ok()) {
            return VendorPayload.failed(in.errors());
        }
        v.put(VENDOR.FOUNDED_YEAR, founded);
        v.put(VENDOR.FOUNDED_CONFIDENCE, founded == null ? null : foundedConfidence);
        long id = dsl.insertInto(VENDOR).set(v).returning(VENDOR.ID).fetchSingle(VENDOR.ID);
        citations.write(actor, "createVendor", ClaimKind.VENDOR, id, id, foundedSources.stream()
                .map(c -> new CitationSpec(c.sourceId(), c.quote(), c.locator(), c.confidence(), "founded")).toList());
        audit.record(actor, "createVendor", "CREATE", "Vendor", id, id, null, audit.snapshot(VENDOR, id), null);
        return new VendorPayload(vendor(id), in.errors());
    }

    @Transactional
    public VendorPayload updateVendor(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "Vendor");
        int expected = in.expectedRevision();
        String note = in.text("changeNote", 2000, false);
        Map<Field<?>, Object> v = vendorFields(in, false);
        if (v.isEmpty() && in.ok()) {
            in.error(null, "Give at least one field to change.", "REQUIRED");
        }
        if (!in.ok()) {
            return VendorPayload.failed(in.errors());
        }
        UserError problem = rows.checkRevision(VENDOR, id, expected, "vendor");
        if (problem != null) {
            return VendorPayload.failed(List.of(problem));
        }
        slugFree(in, (String) v.get(VENDOR.SLUG), id);
        if (!in.ok()) {
            return VendorPayload.failed(in.errors());
        }
        var before = audit.snapshot(VENDOR, id);
        rows.update(VENDOR, id, v);
        audit.record(actor, "updateVendor", "UPDATE", "Vendor", id, id, before, audit.snapshot(VENDOR, id), note);
        return new VendorPayload(vendor(id), in.errors());
    }

    private static Map<Field<?>, Object> vendorFields(Input in, boolean create) {
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        if (create || in.has("slug")) {
            v.put(VENDOR.SLUG, in.slug("slug", true));
        }
        if (create || in.has("name")) {
            v.put(VENDOR.NAME, in.text("name", 300, true));
        }
        if (create || in.has("kind")) {
            v.put(VENDOR.KIND, in.enumValue("kind", true));
        }
        if (create || in.has("status")) {
            String status = in.enumValue("status", false);
            v.put(VENDOR.STATUS, status == null ? "UNKNOWN" : status);
        }
        if (create || in.has("description")) {
            v.put(VENDOR.DESCRIPTION, in.text("description", 4000, false));
        }
        if (create || in.has("website")) {
            v.put(VENDOR.WEBSITE, in.url("website", false));
        }
        return v;
    }

    private void slugFree(Input in, String slug, Long self) {
        if (slug != null && dsl.fetchExists(VENDOR, VENDOR.SLUG.eq(slug).and(self == null ? VENDOR.ID.isNotNull() : VENDOR.ID.ne(self)))) {
            in.error("slug", "Another vendor has the slug '" + slug + "'.", "SLUG_TAKEN");
        }
    }

    // --- names ------------------------------------------------------------------------------------

    @Transactional
    public NamePayload addVendorName(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long vendorId = in.id("vendorId", true, "Vendor");
        Map<Field<?>, Object> v = nameFields(in, true);
        List<CitationSpec> sources = citations.validate(in, "sources", true);
        if (vendorId != null && !rows.exists(VENDOR, vendorId)) {
            in.error("vendorId", "No such vendor.", "NOT_FOUND");
        }
        if (in.ok() && dsl.fetchExists(VENDOR_NAME, VENDOR_NAME.VENDOR_ID.eq(vendorId)
                .and(VENDOR_NAME.KIND.eq((String) v.get(VENDOR_NAME.KIND))).and(VENDOR_NAME.NAME.eq((String) v.get(VENDOR_NAME.NAME))))) {
            in.error("name", "The vendor already has this name of this kind.", "DUPLICATE");
        }
        if (!in.ok()) {
            return NamePayload.failed(in.errors());
        }
        v.put(VENDOR_NAME.VENDOR_ID, vendorId);
        long id = dsl.insertInto(VENDOR_NAME).set(v).returning(VENDOR_NAME.ID).fetchSingle(VENDOR_NAME.ID);
        citations.write(actor, "addVendorName", ClaimKind.VENDOR_NAME, id, vendorId, sources);
        audit.record(actor, "addVendorName", "CREATE", "VendorName", id, vendorId, null, audit.snapshot(VENDOR_NAME, id), null);
        return new NamePayload(name(vendorId, id), in.errors());
    }

    @Transactional
    public NamePayload updateVendorName(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "VendorName");
        int expected = in.expectedRevision();
        String note = in.text("changeNote", 2000, false);
        Map<Field<?>, Object> v = nameFields(in, false);
        if (v.isEmpty() && in.ok()) {
            in.error(null, "Give at least one field to change.", "REQUIRED");
        }
        if (!in.ok()) {
            return NamePayload.failed(in.errors());
        }
        UserError problem = rows.checkRevision(VENDOR_NAME, id, expected, "name");
        if (problem != null) {
            return NamePayload.failed(List.of(problem));
        }
        var stored = dsl.select(VENDOR_NAME.VENDOR_ID, VENDOR_NAME.NAME, VENDOR_NAME.KIND, VENDOR_NAME.VALID_FROM, VENDOR_NAME.VALID_TO)
                .from(VENDOR_NAME).where(VENDOR_NAME.ID.eq(id)).fetchSingle();
        long vendorId = stored.value1();
        // the rules that span stored and new values: date order and one name per kind
        String newName = v.containsKey(VENDOR_NAME.NAME) ? (String) v.get(VENDOR_NAME.NAME) : stored.value2();
        String newKind = v.containsKey(VENDOR_NAME.KIND) ? (String) v.get(VENDOR_NAME.KIND) : stored.value3();
        var from = v.containsKey(VENDOR_NAME.VALID_FROM) ? (java.time.LocalDate) v.get(VENDOR_NAME.VALID_FROM) : stored.value4();
        var to = v.containsKey(VENDOR_NAME.VALID_TO) ? (java.time.LocalDate) v.get(VENDOR_NAME.VALID_TO) : stored.value5();
        if (from != null && to != null && to.isBefore(from)) {
            return NamePayload.failed(Payload.error("input.validTo", "The name would end (" + to + ") before it began (" + from + ").", "DATE_ORDER"));
        }
        if (dsl.fetchExists(VENDOR_NAME, VENDOR_NAME.VENDOR_ID.eq(vendorId).and(VENDOR_NAME.KIND.eq(newKind))
                .and(VENDOR_NAME.NAME.eq(newName)).and(VENDOR_NAME.ID.ne(id)))) {
            return NamePayload.failed(Payload.error("input.name", "The vendor already has this name of this kind.", "DUPLICATE"));
        }
        var before = audit.snapshot(VENDOR_NAME, id);
        rows.update(VENDOR_NAME, id, v);
        var after = audit.snapshot(VENDOR_NAME, id);
        audit.record(actor, "updateVendorName", "UPDATE", "VendorName", id, vendorId, before, after, note);
        return new NamePayload(name(vendorId, id), in.errors());
    }

    @Transactional
    public VendorPayload removeVendorName(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "VendorName");
        int expected = in.expectedRevision();
        String note = in.text("changeNote", 2000, true);
        if (!in.ok()) {
            return VendorPayload.failed(in.errors());
        }
        UserError problem = rows.checkRevision(VENDOR_NAME, id, expected, "name");
        if (problem != null) {
            return VendorPayload.failed(List.of(problem));
        }
        long vendorId = dsl.select(VENDOR_NAME.VENDOR_ID).from(VENDOR_NAME).where(VENDOR_NAME.ID.eq(id)).fetchSingle(VENDOR_NAME.VENDOR_ID);
        var before = audit.snapshot(VENDOR_NAME, id);
        citations.detachAllAudited(actor, "removeVendorName", ClaimKind.VENDOR_NAME, id, vendorId, note);
        dsl.deleteFrom(VENDOR_NAME).where(VENDOR_NAME.ID.eq(id)).execute();
        audit.record(actor, "removeVendorName", "REMOVE", "VendorName", id, vendorId, before, null, note);
        return new VendorPayload(vendor(vendorId), in.errors());
    }

    private static Map<Field<?>, Object> nameFields(Input in, boolean create) {
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        if (create || in.has("name")) {
            v.put(VENDOR_NAME.NAME, in.text("name", 300, true));
        }
        if (create || in.has("kind")) {
            String kind = in.enumValue("kind", true);
            if ("CANONICAL".equals(kind)) {
                in.error("kind", "CANONICAL is the vendor's own name; change it with updateVendor.", "INVALID_VALUE");
            }
            v.put(VENDOR_NAME.KIND, kind);
        }
        if (create || in.has("listedIn")) {
            v.put(VENDOR_NAME.LISTED_IN, in.text("listedIn", 300, false));
        }
        FuzzyDate from = null;
        FuzzyDate to = null;
        if (create || in.has("validFrom")) {
            from = in.fuzzyDate("validFrom", false);
            v.put(VENDOR_NAME.VALID_FROM, from == null ? null : from.date());
            v.put(VENDOR_NAME.VALID_FROM_PRECISION, from == null ? null : from.precisionName());
        }
        if (create || in.has("validTo")) {
            to = in.fuzzyDate("validTo", false);
            v.put(VENDOR_NAME.VALID_TO, to == null ? null : to.date());
            v.put(VENDOR_NAME.VALID_TO_PRECISION, to == null ? null : to.precisionName());
        }
        if (from != null && to != null && to.date().isBefore(from.date())) {
            in.error("validTo", "validTo lies before validFrom.", "DATE_ORDER");
        }
        if (create || in.has("weak")) {
            v.put(VENDOR_NAME.WEAK, Boolean.TRUE.equals(in.bool("weak")));
        }
        if (create || in.has("confidence")) {
            v.put(VENDOR_NAME.CONFIDENCE, in.confidence("confidence", true));
        }
        if (create || in.has("note")) {
            v.put(VENDOR_NAME.NOTE, in.text("note", 2000, false));
        }
        return v;
    }

    private VendorParts.VendorNameView name(long vendorId, long id) {
        return vendors.names(List.of(vendorId)).getOrDefault(vendorId, List.of()).stream()
                .filter(n -> n.rowId() == id).findFirst().orElse(null);
    }

    // --- jurisdictions ------------------------------------------------------------------------------

    private record Tie(String country, String role, String detail, String confidence, List<CitationSpec> sources) {
    }

    @Transactional
    public VendorPayload setVendorJurisdictions(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long vendorId = in.id("vendorId", true, "Vendor");
        int expected = in.expectedRevision();
        String note = in.text("changeNote", 2000, false);
        if (!in.has("jurisdictions")) {
            in.error("jurisdictions", "jurisdictions is required (an empty list removes every tie).", "REQUIRED");
        }
        List<Tie> ties = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Input j : in.objects("jurisdictions", 100)) {
            String country = j.country("country");
            String role = j.enumValue("role", true);
            String detail = j.text("detail", 2000, false);
            String confidence = j.confidence("confidence", true);
            List<CitationSpec> sources = citations.validate(j, "sources", true);
            if (country != null && !dsl.fetchExists(JURISDICTION, JURISDICTION.CODE.eq(country))) {
                j.error("country", "Not an ISO 3166-1 alpha-2 country code: " + country, "INVALID_COUNTRY");
            } else if (country != null && role != null && !keys.add(country + "/" + role)) {
                j.error("role", "The same country and role are given twice.", "DUPLICATE");
            }
            ties.add(new Tie(country, role, detail, confidence, sources));
        }
        if (!in.ok()) {
            return VendorPayload.failed(in.errors());
        }
        UserError problem = rows.checkRevision(VENDOR, vendorId, expected, "vendor");
        if (problem != null) {
            return VendorPayload.failed(List.of(problem));
        }
        Map<String, Long> existing = new HashMap<>();
        dsl.select(VENDOR_JURISDICTION.ID, VENDOR_JURISDICTION.COUNTRY_CODE, VENDOR_JURISDICTION.ROLE).from(VENDOR_JURISDICTION)
                .where(VENDOR_JURISDICTION.VENDOR_ID.eq(vendorId)).fetch()
                .forEach(r -> existing.put(r.value2() + "/" + r.value3(), r.value1()));
        for (var e : existing.entrySet()) {
            if (!keys.contains(e.getKey())) {
                var before = audit.snapshot(VENDOR_JURISDICTION, e.getValue());
                citations.detachAllAudited(actor, "setVendorJurisdictions", ClaimKind.VENDOR_JURISDICTION, e.getValue(), vendorId, note);
                dsl.deleteFrom(VENDOR_JURISDICTION).where(VENDOR_JURISDICTION.ID.eq(e.getValue())).execute();
                audit.record(actor, "setVendorJurisdictions", "REMOVE", "VendorJurisdiction", e.getValue(), vendorId, before, null, note);
            }
        }
        for (Tie t : ties) {
            Long id = existing.get(t.country() + "/" + t.role());
            if (id == null) {
                id = dsl.insertInto(VENDOR_JURISDICTION).set(VENDOR_JURISDICTION.VENDOR_ID, vendorId)
                        .set(VENDOR_JURISDICTION.COUNTRY_CODE, t.country()).set(VENDOR_JURISDICTION.ROLE, t.role())
                        .set(VENDOR_JURISDICTION.DETAIL, t.detail()).set(VENDOR_JURISDICTION.CONFIDENCE, t.confidence())
                        .returning(VENDOR_JURISDICTION.ID).fetchSingle(VENDOR_JURISDICTION.ID);
                citations.write(actor, "setVendorJurisdictions", ClaimKind.VENDOR_JURISDICTION, id, vendorId, t.sources());
                audit.record(actor, "setVendorJurisdictions", "CREATE", "VendorJurisdiction", id, vendorId, null,
                        audit.snapshot(VENDOR_JURISDICTION, id), note);
            } else {
                var before = audit.snapshot(VENDOR_JURISDICTION, id);
                Map<Field<?>, Object> v = new LinkedHashMap<>();
                v.put(VENDOR_JURISDICTION.DETAIL, t.detail());
                v.put(VENDOR_JURISDICTION.CONFIDENCE, t.confidence());
                rows.update(VENDOR_JURISDICTION, id, v);
                citations.attachAudited(actor, "setVendorJurisdictions", ClaimKind.VENDOR_JURISDICTION, id, vendorId, t.sources());
                var after = audit.snapshot(VENDOR_JURISDICTION, id);
                audit.record(actor, "setVendorJurisdictions", "UPDATE", "VendorJurisdiction", id, vendorId, before, after, note);
            }
        }
        var before = audit.snapshot(VENDOR, vendorId);
        rows.touch(VENDOR, vendorId);
        audit.record(actor, "setVendorJurisdictions", "UPDATE", "Vendor", vendorId, vendorId, before, audit.snapshot(VENDOR, vendorId), note);
        return new VendorPayload(vendor(vendorId), in.errors());
    }

    // --- relationships, products, statements ---------------------------------------------------------

    @Transactional
    public RelationshipPayload addVendorRelationship(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long subject = in.id("subjectId", true, "Vendor");
        Long object = in.id("objectId", true, "Vendor");
        String type = in.enumValue("type", true);
        String description = in.text("description", 2000, false);
        FuzzyDate from = in.fuzzyDate("validFrom", false);
        String confidence = in.confidence("confidence", true);
        List<CitationSpec> sources = citations.validate(in, "sources", true);
        if (subject != null && subject.equals(object)) {
            in.error("objectId", "A vendor cannot be related to itself.", "INVALID_VALUE");
        }
        for (var e : Map.of("subjectId", subject == null ? 0L : subject, "objectId", object == null ? 0L : object).entrySet()) {
            if (e.getValue() != 0L && !rows.exists(VENDOR, e.getValue())) {
                in.error(e.getKey(), "No such vendor.", "NOT_FOUND");
            }
        }
        if (in.ok() && dsl.fetchExists(VENDOR_RELATIONSHIP, VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID.eq(subject)
                .and(VENDOR_RELATIONSHIP.TYPE.eq(type)).and(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID.eq(object)))) {
            in.error("type", "This relationship is already recorded.", "DUPLICATE");
        }
        if (!in.ok()) {
            return RelationshipPayload.failed(in.errors());
        }
        long id = dsl.insertInto(VENDOR_RELATIONSHIP).set(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID, subject)
                .set(VENDOR_RELATIONSHIP.TYPE, type).set(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID, object)
                .set(VENDOR_RELATIONSHIP.DESCRIPTION, description)
                .set(VENDOR_RELATIONSHIP.VALID_FROM, from == null ? null : from.date())
                .set(VENDOR_RELATIONSHIP.VALID_FROM_PRECISION, from == null ? null : from.precisionName())
                .set(VENDOR_RELATIONSHIP.CONFIDENCE, confidence)
                .returning(VENDOR_RELATIONSHIP.ID).fetchSingle(VENDOR_RELATIONSHIP.ID);
        citations.write(actor, "addVendorRelationship", ClaimKind.VENDOR_RELATIONSHIP, id, subject, sources);
        audit.record(actor, "addVendorRelationship", "CREATE", "VendorRelationship", id, subject, null, audit.snapshot(VENDOR_RELATIONSHIP, id), null);
        return new RelationshipPayload(relationship(subject, id), in.errors());
    }

    @Transactional
    public RelationshipPayload endVendorRelationship(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "VendorRelationship");
        int expected = in.expectedRevision();
        FuzzyDate to = in.fuzzyDate("validTo", true);
        List<CitationSpec> sources = citations.validate(in, "sources", false);
        String note = in.text("changeNote", 2000, false);
        if (!in.ok()) {
            return RelationshipPayload.failed(in.errors());
        }
        UserError problem = rows.checkRevision(VENDOR_RELATIONSHIP, id, expected, "relationship");
        if (problem != null) {
            return RelationshipPayload.failed(List.of(problem));
        }
        var r = dsl.select(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID, VENDOR_RELATIONSHIP.VALID_FROM).from(VENDOR_RELATIONSHIP)
                .where(VENDOR_RELATIONSHIP.ID.eq(id)).fetchSingle();
        if (r.value2() != null && to.date().isBefore(r.value2())) {
            return RelationshipPayload.failed(Payload.error("input.validTo", "validTo lies before the relationship began.", "DATE_ORDER"));
        }
        var before = audit.snapshot(VENDOR_RELATIONSHIP, id);
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(VENDOR_RELATIONSHIP.VALID_TO, to.date());
        v.put(VENDOR_RELATIONSHIP.VALID_TO_PRECISION, to.precisionName());
        rows.update(VENDOR_RELATIONSHIP, id, v);
        citations.attachAudited(actor, "endVendorRelationship", ClaimKind.VENDOR_RELATIONSHIP, id, r.value1(), sources);
        audit.record(actor, "endVendorRelationship", "END", "VendorRelationship", id, r.value1(), before, audit.snapshot(VENDOR_RELATIONSHIP, id), note);
        return new RelationshipPayload(relationship(r.value1(), id), in.errors());
    }

    private VendorParts.VendorRelationshipView relationship(long vendorId, long id) {
        return vendors.relationships(List.of(vendorId)).getOrDefault(vendorId, List.of()).stream()
                .filter(x -> x.rowId() == id).findFirst().orElse(null);
    }

    @Transactional
    public ProductPayload addProduct(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long vendorId = in.id("vendorId", true, "Vendor");
        String slug = in.slug("slug", true);
        String confidence = in.confidence("confidence", true);
        List<CitationSpec> sources = citations.validate(in, "sources", true);
        Long productId = slug == null ? null : dsl.select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.SLUG.eq(slug)).fetchOne(PRODUCT.ID);
        String name = in.text("name", 300, productId == null);
        String kind = in.enumValue("kind", productId == null);
        String description = in.text("description", 4000, false);
        if (vendorId != null && !rows.exists(VENDOR, vendorId)) {
            in.error("vendorId", "No such vendor.", "NOT_FOUND");
        }
        if (in.ok() && productId != null && dsl.fetchExists(PRODUCT_VENDOR, PRODUCT_VENDOR.PRODUCT_ID.eq(productId).and(PRODUCT_VENDOR.VENDOR_ID.eq(vendorId)))) {
            in.error("slug", "The product is already attributed to this vendor.", "DUPLICATE");
        }
        if (!in.ok()) {
            return ProductPayload.failed(in.errors());
        }
        if (productId == null) {
            productId = dsl.insertInto(PRODUCT).set(PRODUCT.SLUG, slug).set(PRODUCT.NAME, name).set(PRODUCT.KIND, kind)
                    .set(PRODUCT.DESCRIPTION, description).returning(PRODUCT.ID).fetchSingle(PRODUCT.ID);
            audit.record(actor, "addProduct", "CREATE", "Product", productId, vendorId, null, audit.snapshot(PRODUCT, productId), null);
        }
        long link = dsl.insertInto(PRODUCT_VENDOR).set(PRODUCT_VENDOR.PRODUCT_ID, productId).set(PRODUCT_VENDOR.VENDOR_ID, vendorId)
                .set(PRODUCT_VENDOR.CONFIDENCE, confidence).returning(PRODUCT_VENDOR.ID).fetchSingle(PRODUCT_VENDOR.ID);
        citations.write(actor, "addProduct", ClaimKind.PRODUCT_VENDOR, link, vendorId, sources);
        audit.record(actor, "addProduct", "ATTACH", "ProductVendor", link, vendorId, null, audit.snapshot(PRODUCT_VENDOR, link), null);
        return new ProductPayload(products.byIds(List.of(productId)).get(productId), in.errors());
    }

    @Transactional
    public StatementPayload addVendorStatement(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long vendorId = in.id("vendorId", true, "Vendor");
        FuzzyDate on = in.fuzzyDate("statedOn", true);
        String speaker = in.text("speaker", 500, false);
        String quote = in.text("quote", 8000, false);
        String summary = in.text("summary", 8000, false);
        String confidence = in.confidence("confidence", true);
        List<String> notes = in.strings("notes", 20, 2000);
        List<CitationSpec> sources = citations.validate(in, "sources", true);
        if (quote == null && summary == null && in.ok()) {
            in.error("quote", "Give the quote, a summary, or both.", "REQUIRED");
        }
        if (vendorId != null && !rows.exists(VENDOR, vendorId)) {
            in.error("vendorId", "No such vendor.", "NOT_FOUND");
        }
        if (!in.ok()) {
            return StatementPayload.failed(in.errors());
        }
        long id = dsl.insertInto(VENDOR_STATEMENT).set(VENDOR_STATEMENT.VENDOR_ID, vendorId)
                .set(VENDOR_STATEMENT.STATED_ON, on.date()).set(VENDOR_STATEMENT.STATED_PRECISION, on.precisionName())
                .set(VENDOR_STATEMENT.SPEAKER, speaker).set(VENDOR_STATEMENT.QUOTE, quote).set(VENDOR_STATEMENT.SUMMARY, summary)
                .set(VENDOR_STATEMENT.CONFIDENCE, confidence)
                .set(VENDOR_STATEMENT.NOTES, notes == null ? new String[0] : notes.toArray(String[]::new))
                .returning(VENDOR_STATEMENT.ID).fetchSingle(VENDOR_STATEMENT.ID);
        citations.write(actor, "addVendorStatement", ClaimKind.VENDOR_STATEMENT, id, vendorId, sources);
        audit.record(actor, "addVendorStatement", "CREATE", "VendorStatement", id, vendorId, null, audit.snapshot(VENDOR_STATEMENT, id), null);
        return new StatementPayload(vendors.statementsByIds(List.of(id)).get(id), in.errors());
    }
}
