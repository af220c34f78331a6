package org.vendorwatch.vendor;

import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;
import static org.vendorwatch.db.Tables.VENDOR_RELATIONSHIP;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.Keyset;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.sanction.SanctionQueries;
import org.vendorwatch.vendor.VendorParts.VendorIdentifierView;
import org.vendorwatch.vendor.VendorParts.VendorNameView;
import org.vendorwatch.vendor.VendorParts.VendorNoteView;
import org.vendorwatch.vendor.VendorParts.VendorRelationshipView;
import org.vendorwatch.vendor.VendorParts.VendorStatementView;

/** Reads of vendors and the claims attached to them. Every batch read is one statement. */
@Component
public class VendorQueries {

    private final DSLContext dsl;

    public VendorQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * True when the vendor has a sanction action in force. A scalar subquery with LIMIT 1, not EXISTS:
     * PostgreSQL turns EXISTS in a select list into a hash of every sanction action (30 ms on 40,000
     * actions), while this probes the vendor_id index once per row (1 ms for a page of 50).
     */
    public static Field<Boolean> isSanctioned(Field<Long> vendorId) {
        return DSL.coalesce(
                DSL.field(DSL.select(DSL.inline(true))
                        .from(SANCTION_ACTION)
                        .join(SANCTION_EVENT)
                        .on(SANCTION_EVENT.ID.eq(SANCTION_ACTION.EVENT_ID))
                        .where(SANCTION_ACTION.VENDOR_ID.eq(vendorId))
                        .and(SanctionQueries.IN_FORCE)
                        .limit(1)),
                DSL.inline(false));
    }

    /** What VendorView needs: its Java components, then the GraphQL fields of {@link VendorReadModel#FIELDS}. */
    public static final List<SelectField<?>> COLUMNS = VendorReadModel.FIELDS.select(
            VENDOR,
            List.of(VENDOR.ID, VENDOR.SLUG, VENDOR.NAME, VENDOR.CREATED_AT, VENDOR.UPDATED_AT, VENDOR.SORT_NAME));

    public static VendorView toView(Record r) {
        return new VendorView(
                r.get(VENDOR.ID),
                r.get(VENDOR.SLUG),
                r.get(VENDOR.NAME),
                r.get(VENDOR.CREATED_AT),
                r.get(VENDOR.UPDATED_AT),
                r.get(VENDOR.SORT_NAME),
                VendorReadModel.FIELDS.read(r));
    }

    public Optional<VendorView> bySlug(String slug) {
        if (slug == null || slug.length() > 100) {
            return Optional.empty();
        }
        return dsl.select(COLUMNS).from(VENDOR).where(slugIs(VENDOR, slug)).fetchOptional(VendorQueries::toView);
    }

    /**
     * The vendor a slug names: the one that has it, or the survivor of a vendor merged away under it.
     * (Both read paths use this: the slug is bound twice, as the same value.)
     */
    public static Condition slugIs(org.vendorwatch.db.tables.Vendor v, String slug) {
        return v.SLUG.eq(slug)
                .or(v.ID.eq(DSL.field(DSL.select(org.vendorwatch.db.Tables.VENDOR_MERGE.SURVIVOR_ID)
                        .from(org.vendorwatch.db.Tables.VENDOR_MERGE)
                        .where(org.vendorwatch.db.Tables.VENDOR_MERGE.MERGED_SLUG.eq(slug)))));
    }

    public Map<Long, VendorView> byIds(Collection<Long> ids) {
        Map<Long, VendorView> out = new HashMap<>();
        if (!ids.isEmpty()) {
            dsl.select(COLUMNS)
                    .from(VENDOR)
                    .where(Sql.anyOf(VENDOR.ID, ids))
                    .fetch()
                    .forEach(r -> out.put(r.get(VENDOR.ID), toView(r)));
        }
        return out;
    }

    /** The vendors of each product, by name. */
    public Map<Long, List<VendorView>> byProductIds(Collection<Long> productIds) {
        var pv = org.vendorwatch.db.Tables.PRODUCT_VENDOR;
        List<SelectField<?>> fields = new ArrayList<>(COLUMNS);
        fields.add(pv.PRODUCT_ID);
        Map<Long, List<VendorView>> out = new HashMap<>();
        dsl.select(fields)
                .from(VENDOR)
                .join(pv)
                .on(pv.VENDOR_ID.eq(VENDOR.ID))
                .where(Sql.anyOf(pv.PRODUCT_ID, productIds))
                .orderBy(VENDOR.SORT_NAME, VENDOR.ID)
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(pv.PRODUCT_ID), k -> new ArrayList<>())
                        .add(toView(r)));
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // the vendors list

    /** Criteria of {@code Query.vendors}; null members are not applied. */
    public record Filter(
            List<String> jurisdictions,
            List<String> jurisdictionRoles,
            Boolean sanctioned,
            List<String> sanctionAuthorities,
            List<String> sanctionPrograms,
            String text,
            List<String> kinds) {}

    /** Sort order of {@code Query.vendors}. */
    public record Order(String field, String direction) {
        public static final Order DEFAULT = new Order("NAME", "ASC");

        boolean ascending() {
            return !"DESC".equals(direction);
        }

        /** The cursor scope: a cursor is valid only for the order it was issued for. */
        public String scope() {
            return "vendors:" + field + ":" + (ascending() ? "ASC" : "DESC");
        }

        /** The sort key column of {@code v} (a possibly aliased vendor table). */
        public Field<?> key(org.vendorwatch.db.tables.Vendor v) {
            return switch (field) {
                case "UPDATED_AT" -> v.UPDATED_AT;
                case "CREATED_AT" -> v.CREATED_AT;
                default -> v.SORT_NAME;
            };
        }

        /** This order over {@code v}, for both read paths. */
        public Keyset keyset(org.vendorwatch.db.tables.Vendor v) {
            return new Keyset(scope(), List.of(key(v), v.ID), !ascending());
        }

        /** The sort key value of a vendor, as {@link #key} reads it. */
        Object keyOf(VendorView v) {
            return switch (field) {
                case "UPDATED_AT" -> v.updatedAt();
                case "CREATED_AT" -> v.createdAt();
                default -> v.sortName();
            };
        }
    }

    public Connection<VendorView> page(Filter filter, Order order, PageArgs page) {
        Order o = order == null ? Order.DEFAULT : order;
        Condition where = condition(VENDOR, filter);
        Keyset keyset = o.keyset(VENDOR);
        List<VendorView> rows = dsl.select(COLUMNS)
                .from(VENDOR)
                .where(where)
                .and(keyset.after(keyset.decode(page.after())))
                .orderBy(keyset.order())
                .limit(page.first() + 1)
                .fetch(VendorQueries::toView);
        return Connection.of(
                rows, page, v -> keyset.cursor(o.keyOf(v), v.rowId()), () -> dsl.fetchCount(VENDOR, where));
    }

    /** The filter's condition on {@code v} (a possibly aliased vendor table); throws INVALID_ARGUMENT. */
    public static Condition condition(org.vendorwatch.db.tables.Vendor v, Filter f) {
        if (f == null) {
            return DSL.noCondition();
        }
        Condition c = DSL.noCondition();
        if (f.jurisdictions() != null) {
            List<String> codes =
                    f.jurisdictions().stream().map(VendorQueries::countryCode).toList();
            Condition tie = VENDOR_JURISDICTION.VENDOR_ID.eq(v.ID).and(VENDOR_JURISDICTION.COUNTRY_CODE.in(codes));
            if (f.jurisdictionRoles() != null) {
                tie = tie.and(VENDOR_JURISDICTION.ROLE.in(f.jurisdictionRoles()));
            }
            c = c.and(DSL.exists(DSL.selectOne().from(VENDOR_JURISDICTION).where(tie)));
        }
        if (f.sanctioned() != null) {
            Condition active = DSL.exists(DSL.selectOne()
                    .from(SANCTION_ACTION)
                    .join(SANCTION_EVENT)
                    .on(SANCTION_EVENT.ID.eq(SANCTION_ACTION.EVENT_ID))
                    .where(SANCTION_ACTION.VENDOR_ID.eq(v.ID))
                    .and(SanctionQueries.IN_FORCE));
            c = c.and(f.sanctioned() ? active : DSL.not(active));
        }
        if (f.sanctionAuthorities() != null || f.sanctionPrograms() != null) {
            Condition s = SANCTION_ACTION.VENDOR_ID.eq(v.ID);
            if (f.sanctionAuthorities() != null) {
                s = s.and(SANCTION_EVENT.AUTHORITY_CODE.in(f.sanctionAuthorities()));
            }
            if (f.sanctionPrograms() != null) {
                s = s.and(SANCTION_EVENT.PROGRAM_CODE.in(f.sanctionPrograms()));
            }
            c = c.and(DSL.exists(DSL.selectOne()
                    .from(SANCTION_ACTION)
                    .join(SANCTION_EVENT)
                    .on(SANCTION_EVENT.ID.eq(SANCTION_ACTION.EVENT_ID))
                    .where(s)));
        }
        if (f.text() != null) {
            String text = f.text().strip();
            if (text.isEmpty() || text.length() > 200) {
                throw new ApiException(ErrorCode.INVALID_ARGUMENT, "filter.text must hold 1 to 200 characters.");
            }
            Field<String> pattern = Sql.containsPattern(text);
            c = c.and(v.SORT_NAME
                    .like(pattern, '\\')
                    .or(DSL.exists(DSL.selectOne()
                            .from(VENDOR_NAME)
                            .where(VENDOR_NAME.VENDOR_ID.eq(v.ID))
                            .and(VENDOR_NAME.FOLDED.like(pattern, '\\')))));
        }
        if (f.kinds() != null) {
            c = c.and(v.KIND.in(f.kinds()));
        }
        return c;
    }

    private static String countryCode(String code) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{2}")) {
            throw new ApiException(
                    ErrorCode.INVALID_ARGUMENT,
                    "Not an ISO 3166-1 alpha-2 country code: '"
                            + (code == null ? "" : code.length() > 10 ? code.substring(0, 10) + "..." : code) + "'.");
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------
    // claims attached to vendors, batched by vendor id

    public Map<Long, List<VendorNameView>> names(Collection<Long> vendorIds) {
        var n = VENDOR_NAME;
        List<SelectField<?>> columns =
                VendorReadModel.NAME_FIELDS.select(n, List.of(n.ID, n.VENDOR_ID, n.NAME, n.KIND));
        return group(
                dsl.select(columns)
                        .from(n)
                        .where(Sql.anyOf(n.VENDOR_ID, vendorIds))
                        .orderBy(java.util.stream.Stream.concat(
                                        java.util.stream.Stream.of(n.VENDOR_ID.asc()), nameOrder(n).stream())
                                .toList())
                        .fetch(r -> new VendorNameView(
                                r.get(n.ID),
                                r.get(n.VENDOR_ID),
                                r.get(n.NAME),
                                r.get(n.KIND),
                                VendorReadModel.NAME_FIELDS.read(r))),
                VendorNameView::vendorId);
    }

    /** The order of a vendor's names: legal and listed names first, then by start and spelling. */
    public static List<SortField<?>> nameOrder(org.vendorwatch.db.tables.VendorName n) {
        return List.of(
                DSL.when(n.KIND.eq("LEGAL_NAME"), 0)
                        .when(n.KIND.eq("LISTED_NAME"), 1)
                        .otherwise(2)
                        .asc(),
                n.VALID_FROM.asc().nullsFirst(),
                n.NAME.asc(),
                n.ID.asc());
    }

    public Map<Long, List<VendorIdentifierView>> identifiers(Collection<Long> vendorIds) {
        var i = VENDOR_IDENTIFIER;
        return group(
                dsl.select(VendorReadModel.IDENTIFIER_FIELDS.select(i, List.of(i.ID, i.VENDOR_ID)))
                        .from(i)
                        .where(Sql.anyOf(i.VENDOR_ID, vendorIds))
                        .orderBy(i.VENDOR_ID, i.SCHEME, i.VALUE)
                        .fetch(r -> new VendorIdentifierView(
                                r.get(i.ID), r.get(i.VENDOR_ID), VendorReadModel.IDENTIFIER_FIELDS.read(r))),
                VendorIdentifierView::vendorId);
    }

    public Map<Long, List<VendorNoteView>> notes(Collection<Long> vendorIds) {
        var n = VENDOR_NOTE;
        return group(
                dsl.select(VendorReadModel.NOTE_FIELDS.select(n, List.of(n.ID, n.VENDOR_ID)))
                        .from(n)
                        .where(Sql.anyOf(n.VENDOR_ID, vendorIds))
                        .orderBy(n.VENDOR_ID, n.ID)
                        .fetch(r -> new VendorNoteView(
                                r.get(n.ID), r.get(n.VENDOR_ID), VendorReadModel.NOTE_FIELDS.read(r))),
                VendorNoteView::vendorId);
    }

    public Map<Long, List<VendorStatementView>> statements(Collection<Long> vendorIds) {
        var s = VENDOR_STATEMENT;
        return group(
                dsl.select(STATEMENT_COLUMNS)
                        .from(s)
                        .where(Sql.anyOf(s.VENDOR_ID, vendorIds))
                        .orderBy(s.VENDOR_ID, s.STATED_ON.desc(), s.ID.desc())
                        .fetch(VendorQueries::statement),
                VendorStatementView::vendorId);
    }

    public Map<Long, VendorStatementView> statementsByIds(Collection<Long> ids) {
        Map<Long, VendorStatementView> out = new HashMap<>();
        dsl.select(STATEMENT_COLUMNS)
                .from(VENDOR_STATEMENT)
                .where(Sql.anyOf(VENDOR_STATEMENT.ID, ids))
                .fetch(VendorQueries::statement)
                .forEach(v -> out.put(v.rowId(), v));
        return out;
    }

    private static final List<SelectField<?>> STATEMENT_COLUMNS = VendorReadModel.STATEMENT_FIELDS.select(
            VENDOR_STATEMENT, List.of(VENDOR_STATEMENT.ID, VENDOR_STATEMENT.VENDOR_ID));

    private static VendorStatementView statement(Record r) {
        return new VendorStatementView(
                r.get(VENDOR_STATEMENT.ID),
                r.get(VENDOR_STATEMENT.VENDOR_ID),
                VendorReadModel.STATEMENT_FIELDS.read(r));
    }

    /** Relationships where a vendor is subject or object; each listed under both vendors. */
    public Map<Long, List<VendorRelationshipView>> relationships(Collection<Long> vendorIds) {
        var r = VENDOR_RELATIONSHIP;
        List<VendorRelationshipView> rows = dsl.select(
                        r.ID,
                        r.SUBJECT_VENDOR_ID,
                        r.TYPE,
                        r.OBJECT_VENDOR_ID,
                        r.DESCRIPTION,
                        r.VALID_FROM,
                        r.VALID_FROM_PRECISION,
                        r.VALID_TO,
                        r.VALID_TO_PRECISION,
                        r.CONFIDENCE,
                        r.REVISION)
                .from(r)
                .where(Sql.anyOf(r.SUBJECT_VENDOR_ID, vendorIds))
                .or(Sql.anyOf(r.OBJECT_VENDOR_ID, vendorIds))
                .orderBy(r.TYPE, r.ID)
                .fetch(x -> new VendorRelationshipView(
                        x.value1(),
                        x.value2(),
                        x.value3(),
                        x.value4(),
                        x.value5(),
                        x.value6(),
                        x.value7(),
                        x.value8(),
                        x.value9(),
                        x.value10(),
                        x.value11()));
        Map<Long, List<VendorRelationshipView>> out = new HashMap<>();
        for (var rel : rows) {
            if (vendorIds.contains(rel.subjectId())) {
                out.computeIfAbsent(rel.subjectId(), k -> new ArrayList<>()).add(rel);
            }
            if (vendorIds.contains(rel.objectId())) {
                out.computeIfAbsent(rel.objectId(), k -> new ArrayList<>()).add(rel);
            }
        }
        return out;
    }

    static <T> Map<Long, List<T>> group(List<T> rows, java.util.function.Function<T, Long> key) {
        Map<Long, List<T>> out = new HashMap<>();
        rows.forEach(
                r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }
}
