package org.vendorwatch.vendor;

import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;
import static org.vendorwatch.platform.read.JsonCompiler.globalId;
import static org.vendorwatch.platform.read.JsonCompiler.textArray;

import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.db.tables.Vendor;
import org.vendorwatch.db.tables.VendorIdentifier;
import org.vendorwatch.db.tables.VendorName;
import org.vendorwatch.db.tables.VendorNote;
import org.vendorwatch.db.tables.VendorStatement;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.read.JsonCompiler;
import org.vendorwatch.platform.read.Projection;
import org.vendorwatch.platform.read.ReadModel;
import org.vendorwatch.source.SourceReadModel;

/**
 * The compiled read path's form of {@code Query.vendor}, {@code Query.vendors}, {@code Vendor} and its
 * names, identifiers, notes and statements: each field says in SQL what {@link VendorController} says in Java, with the same
 * order, cursors and defaults (the rules themselves live in {@link VendorQueries}).
 */
@Component
class VendorReadModel implements ReadModel {

    /** The scalar fields of Vendor, for both read paths (VendorQueries selects them into VendorView). */
    static final Projection<Vendor> FIELDS = Projection.<Vendor>of()
            .column("id", v -> globalId("Vendor", v.ID))
            .column("slug", v -> v.SLUG)
            .column("name", v -> v.NAME)
            .column("kind", v -> v.KIND)
            .column("status", v -> v.STATUS)
            .column("description", v -> v.DESCRIPTION)
            .column("foundedYear", v -> v.FOUNDED_YEAR)
            .column("foundedConfidence", v -> v.FOUNDED_CONFIDENCE)
            .column("website", v -> v.WEBSITE)
            .column("isSanctioned", v -> VendorQueries.isSanctioned(v.ID))
            .column(
                    "nameCount", // the canonical name, which may have no name record, and every other name
                    v -> DSL.field(DSL.selectCount()
                                    .from(VENDOR_NAME)
                                    .where(VENDOR_NAME.VENDOR_ID.eq(v.ID))
                                    .and(VENDOR_NAME.NAME.ne(v.NAME)))
                            .plus(1))
            .column("revision", v -> v.REVISION)
            .column("createdAt", v -> v.CREATED_AT)
            .column("updatedAt", v -> v.UPDATED_AT);

    /** The scalar fields of VendorName, for both read paths. */
    static final Projection<VendorName> NAME_FIELDS = Projection.<VendorName>of()
            .column("id", n -> globalId("VendorName", n.ID))
            .column("revision", n -> n.REVISION)
            .column("name", n -> n.NAME)
            .column("kind", n -> n.KIND)
            .column(
                    "isCanonical",
                    n -> n.NAME.eq(
                            DSL.field(DSL.select(VENDOR.NAME).from(VENDOR).where(VENDOR.ID.eq(n.VENDOR_ID)))))
            .column("listedIn", n -> n.LISTED_IN)
            .column("validFrom", n -> n.VALID_FROM)
            .column("validFromPrecision", n -> n.VALID_FROM_PRECISION)
            .column("validTo", n -> n.VALID_TO)
            .column("validToPrecision", n -> n.VALID_TO_PRECISION)
            .column("weak", n -> n.WEAK)
            .column("confidence", n -> n.CONFIDENCE)
            .column("note", n -> n.NOTE);

    /** The scalar fields of VendorIdentifier, for both read paths. */
    static final Projection<VendorIdentifier> IDENTIFIER_FIELDS = Projection.<VendorIdentifier>of()
            .column("id", i -> globalId("VendorIdentifier", i.ID))
            .column("revision", i -> i.REVISION)
            .column("scheme", i -> i.SCHEME)
            .column("value", i -> i.VALUE)
            .column("confidence", i -> i.CONFIDENCE);

    /** The scalar fields of VendorNote, for both read paths. */
    static final Projection<VendorNote> NOTE_FIELDS = Projection.<VendorNote>of()
            .column("id", n -> globalId("VendorNote", n.ID))
            .column("revision", n -> n.REVISION)
            .column("text", n -> n.TEXT)
            .column("confidence", n -> n.CONFIDENCE);

    /** The scalar fields of VendorStatement, for both read paths. */
    static final Projection<VendorStatement> STATEMENT_FIELDS = Projection.<VendorStatement>of()
            .column("id", s -> globalId("VendorStatement", s.ID))
            .column("revision", s -> s.REVISION)
            .column("statedOn", s -> s.STATED_ON)
            .column("statedOnPrecision", s -> s.STATED_PRECISION)
            .column("speaker", s -> s.SPEAKER)
            .column("quote", s -> s.QUOTE)
            .column("summary", s -> s.SUMMARY)
            .column("confidence", s -> s.CONFIDENCE)
            .column("notes", s -> textArray(s.NOTES));

    @Override
    public void declare(Declarations declare) {
        declare.verbatim("Query.vendor.slug");
        declare.query(
                "vendor",
                (c, f) -> c.one(
                        "Vendor",
                        VENDOR,
                        VENDOR::as,
                        v -> VendorQueries.slugIs(
                                v, (String) f.getResolvedArguments().get("slug")),
                        f));
        declare.query("vendors", (c, f) -> {
            Map<String, Object> args = f.getResolvedArguments();
            Vendor v = c.alias(VENDOR, VENDOR::as);
            VendorQueries.Order order = order(args.get("orderBy"));
            PageArgs page = JsonCompiler.page(f);
            return c.connection(
                    new JsonCompiler.Paging<>(
                            c.type("Vendor", Vendor.class),
                            v,
                            v,
                            VendorQueries.condition(v, filter(args.get("filter"))),
                            order.keyset(v),
                            page),
                    f);
        });

        declare.type("Vendor", Vendor.class)
                .columns(FIELDS)
                .document(c -> c.alias(VENDOR, VENDOR::as), v -> v, v -> v.ID)
                .field("names", (c, v, f) -> {
                    VendorName n = c.alias(VENDOR_NAME, VENDOR_NAME::as);
                    Condition where = n.VENDOR_ID.eq(v.ID);
                    if (f.getResolvedArguments().get("kinds") instanceof List<?> kinds) {
                        where = where.and(n.KIND.in(kinds));
                    }
                    return c.list(c.type("VendorName", VendorName.class), n, n, where, VendorQueries.nameOrder(n), f);
                })
                .stored("names")
                .field("aliases", (c, v, f) -> { // as VendorController.aliases: every name but the canonical one
                    VendorName n = c.alias(VENDOR_NAME, VENDOR_NAME::as);
                    return c.list(
                            c.type("VendorName", VendorName.class),
                            n,
                            n,
                            n.VENDOR_ID.eq(v.ID).and(n.NAME.ne(v.NAME)),
                            VendorQueries.nameOrder(n),
                            f);
                })
                .field("identifiers", (c, v, f) -> { // as VendorQueries.identifiers
                    VendorIdentifier i = c.alias(VENDOR_IDENTIFIER, VENDOR_IDENTIFIER::as);
                    return c.list(
                            c.type("VendorIdentifier", VendorIdentifier.class),
                            i,
                            i,
                            i.VENDOR_ID.eq(v.ID),
                            List.of(i.SCHEME.asc(), i.VALUE.asc()),
                            f);
                })
                .field("notes", (c, v, f) -> { // as VendorQueries.notes
                    VendorNote n = c.alias(VENDOR_NOTE, VENDOR_NOTE::as);
                    return c.list(
                            c.type("VendorNote", VendorNote.class), n, n, n.VENDOR_ID.eq(v.ID), List.of(n.ID.asc()), f);
                })
                .field("statements", (c, v, f) -> { // as VendorQueries.statements
                    VendorStatement s = c.alias(VENDOR_STATEMENT, VENDOR_STATEMENT::as);
                    return c.list(
                            c.type("VendorStatement", VendorStatement.class),
                            s,
                            s,
                            s.VENDOR_ID.eq(v.ID),
                            List.of(s.STATED_ON.desc(), s.ID.desc()),
                            f);
                });

        declare.type("VendorName", VendorName.class)
                .columns(NAME_FIELDS)
                .field("sources", (c, n, f) -> SourceReadModel.sourcesOf(c, ci -> ci.VENDOR_NAME_ID.eq(n.ID), f));

        declare.type("VendorIdentifier", VendorIdentifier.class).columns(IDENTIFIER_FIELDS);

        declare.type("VendorNote", VendorNote.class)
                .columns(NOTE_FIELDS)
                .field("sources", (c, n, f) -> SourceReadModel.sourcesOf(c, ci -> ci.VENDOR_NOTE_ID.eq(n.ID), f));

        declare.type("VendorStatement", VendorStatement.class)
                .columns(STATEMENT_FIELDS)
                .field("vendor", (c, s, f) -> c.one("Vendor", VENDOR, VENDOR::as, v -> v.ID.eq(s.VENDOR_ID), f))
                .field("sources", (c, s, f) -> SourceReadModel.sourcesOf(c, ci -> ci.VENDOR_STATEMENT_ID.eq(s.ID), f));
    }

    @SuppressWarnings("unchecked")
    private static VendorQueries.Order order(Object arg) {
        if (!(arg instanceof Map<?, ?> m)) {
            return VendorQueries.Order.DEFAULT;
        }
        Map<String, Object> o = (Map<String, Object>) m;
        return new VendorQueries.Order(
                (String) o.getOrDefault("field", "NAME"), (String) o.getOrDefault("direction", "ASC"));
    }

    @SuppressWarnings("unchecked")
    private static VendorQueries.Filter filter(Object arg) {
        if (!(arg instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, Object> f = (Map<String, Object>) m;
        return new VendorQueries.Filter(
                (List<String>) f.get("jurisdictions"),
                (List<String>) f.get("jurisdictionRoles"),
                (Boolean) f.get("sanctioned"),
                (List<String>) f.get("sanctionAuthorities"),
                (List<String>) f.get("sanctionPrograms"),
                (String) f.get("text"),
                (List<String>) f.get("kinds"));
    }
}
