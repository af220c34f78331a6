package org.vendorwatch.source;

import static org.vendorwatch.db.Tables.ALLEGATION_DEVELOPMENT;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.PRODUCT_VENDOR;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SOURCE;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;
import static org.vendorwatch.db.Tables.VENDOR_RELATIONSHIP;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.Keyset;
import org.vendorwatch.platform.paging.PageArgs;

/** Reads of sources and citations. */
@Component
public class SourceQueries {

    private static final Keyset NEWEST_FIRST = Keyset.descending("sources", SOURCE.SORT_ON, SOURCE.ID);
    private final DSLContext dsl;

    public SourceQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The citation column that links each kind of claim. */
    static org.jooq.TableField<org.vendorwatch.db.tables.records.CitationRecord, Long> column(ClaimKind kind) {
        return switch (kind) {
            case VENDOR -> CITATION.VENDOR_ID;
            case VENDOR_NAME -> CITATION.VENDOR_NAME_ID;
            case VENDOR_JURISDICTION -> CITATION.VENDOR_JURISDICTION_ID;
            case VENDOR_IDENTIFIER -> CITATION.VENDOR_IDENTIFIER_ID;
            case VENDOR_RELATIONSHIP -> CITATION.VENDOR_RELATIONSHIP_ID;
            case PRODUCT_VENDOR -> CITATION.PRODUCT_VENDOR_ID;
            case SANCTION_EVENT -> CITATION.SANCTION_EVENT_ID;
            case SANCTION_ACTION -> CITATION.SANCTION_ACTION_ID;
            case ALLEGATION -> CITATION.ALLEGATION_ID;
            case ALLEGATION_DEVELOPMENT -> CITATION.ALLEGATION_DEVELOPMENT_ID;
            case VENDOR_STATEMENT -> CITATION.VENDOR_STATEMENT_ID;
            case VENDOR_NOTE -> CITATION.VENDOR_NOTE_ID;
            case SANCTION_AUTHORITY -> CITATION.SANCTION_AUTHORITY_ID;
            case SANCTION_PROGRAM -> CITATION.SANCTION_PROGRAM_ID;
        };
    }

    /** What SourceView needs: its Java components, then the GraphQL fields of SourceReadModel.FIELDS. */
    static final List<SelectField<?>> COLUMNS =
            SourceReadModel.FIELDS.select(SOURCE, List.of(SOURCE.ID, SOURCE.SORT_ON));

    static SourceView toView(Record r) {
        return new SourceView(r.get(SOURCE.ID), r.get(SOURCE.SORT_ON), SourceReadModel.FIELDS.read(r));
    }

    public Map<Long, SourceView> byIds(Collection<Long> ids) {
        Map<Long, SourceView> out = new HashMap<>();
        dsl.select(COLUMNS)
                .from(SOURCE)
                .where(Sql.anyOf(SOURCE.ID, ids))
                .fetch()
                .forEach(r -> out.put(r.get(SOURCE.ID), toView(r)));
        return out;
    }

    /** Filter for the sources list; all given criteria must hold. */
    public record Filter(List<String> kinds, List<String> access, String text) {}

    public Connection<SourceView> page(Filter filter, PageArgs page) {
        Condition where = condition(filter);
        List<SourceView> rows = dsl.select(COLUMNS)
                .from(SOURCE)
                .where(where)
                .and(NEWEST_FIRST.after(NEWEST_FIRST.decode(page.after())))
                .orderBy(NEWEST_FIRST.order())
                .limit(page.first() + 1)
                .fetch(SourceQueries::toView);
        return Connection.of(
                rows, page, s -> NEWEST_FIRST.cursor(s.sortOn(), s.rowId()), () -> dsl.fetchCount(SOURCE, where));
    }

    private static Condition condition(Filter f) {
        if (f == null) {
            return DSL.noCondition();
        }
        Condition c = DSL.noCondition();
        if (f.kinds() != null) {
            c = c.and(SOURCE.KIND.in(f.kinds()));
        }
        if (f.access() != null) {
            c = c.and(SOURCE.ACCESS.in(f.access()));
        }
        if (f.text() != null) {
            Field<String> pattern = Sql.containsPattern(f.text());
            c = c.and(Sql.fold(SOURCE.PUBLISHER)
                    .like(pattern, '\\')
                    .or(Sql.fold(SOURCE.TITLE).like(pattern, '\\')));
        }
        return c;
    }

    /** Citations of many claims of one kind, in one statement: claim id to its citations, strongest first. */
    public Map<Long, List<CitationView>> citations(ClaimKind kind, Collection<Long> claimIds) {
        Map<Long, List<CitationView>> out = new LinkedHashMap<>();
        if (claimIds.isEmpty()) {
            return out;
        }
        var claim = column(kind);
        List<SelectField<?>> fields = new ArrayList<>(COLUMNS);
        fields.addAll(List.of(claim, CITATION.QUOTE, CITATION.LOCATOR, CITATION.CONFIDENCE, CITATION.ASPECT));
        dsl.select(fields)
                .from(CITATION)
                .join(SOURCE)
                .on(SOURCE.ID.eq(CITATION.SOURCE_ID))
                .where(Sql.anyOf(claim, claimIds))
                .orderBy(claim, Sql.confidenceRank(CITATION.CONFIDENCE), SOURCE.SORT_ON.desc(), CITATION.ID)
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(claim), k -> new ArrayList<>())
                        .add(new CitationView(
                                r.get(claim),
                                toView(r),
                                r.get(CITATION.QUOTE),
                                r.get(CITATION.LOCATOR),
                                r.get(CITATION.CONFIDENCE),
                                r.get(CITATION.ASPECT))));
        return out;
    }

    /** The citations of each item, keyed by the item (for batch mappings). */
    public <T> Map<T, List<CitationView>> citationsOf(List<T> items, ClaimKind kind, Function<T, Long> claimId) {
        Map<Long, List<CitationView>> byId =
                citations(kind, items.stream().map(claimId).toList());
        Map<T, List<CitationView>> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(i, byId.getOrDefault(claimId.apply(i), List.of())));
        return out;
    }

    /** The distinct sources of each item's citations, keyed by the item (for batch mappings). */
    public <T> Map<T, List<SourceView>> sourcesOf(List<T> items, ClaimKind kind, Function<T, Long> claimId) {
        Map<T, List<SourceView>> out = new LinkedHashMap<>();
        citationsOf(items, kind, claimId).forEach((item, cs) -> out.put(item, distinctSources(cs)));
        return out;
    }

    public static List<SourceView> distinctSources(List<CitationView> citations) {
        Map<Long, SourceView> seen = new LinkedHashMap<>();
        citations.forEach(c -> seen.putIfAbsent(c.source().rowId(), c.source()));
        return List.copyOf(seen.values());
    }

    /**
     * Every source cited by any claim about each vendor (names, ties, identifiers, relationships either
     * way, products, sanctions, allegations and their developments, statements, notes, vendor facts),
     * newest first, in one statement.
     */
    public Map<Long, List<SourceView>> byVendorIds(Collection<Long> vendorIds) {
        Field<Long> vendorId = DSL.field(DSL.name("vendor_id"), Long.class);
        Field<Long> sourceId = DSL.field(DSL.name("source_id"), Long.class);
        var c = CITATION;
        Select<Record2<Long, Long>> links = DSL.select(c.VENDOR_ID.as(vendorId), c.SOURCE_ID.as(sourceId))
                .from(c)
                .where(Sql.anyOf(c.VENDOR_ID, vendorIds))
                .union(DSL.select(VENDOR_NAME.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(VENDOR_NAME)
                        .on(VENDOR_NAME.ID.eq(c.VENDOR_NAME_ID))
                        .where(Sql.anyOf(VENDOR_NAME.VENDOR_ID, vendorIds)))
                .union(DSL.select(VENDOR_JURISDICTION.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(VENDOR_JURISDICTION)
                        .on(VENDOR_JURISDICTION.ID.eq(c.VENDOR_JURISDICTION_ID))
                        .where(Sql.anyOf(VENDOR_JURISDICTION.VENDOR_ID, vendorIds)))
                .union(DSL.select(VENDOR_IDENTIFIER.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(VENDOR_IDENTIFIER)
                        .on(VENDOR_IDENTIFIER.ID.eq(c.VENDOR_IDENTIFIER_ID))
                        .where(Sql.anyOf(VENDOR_IDENTIFIER.VENDOR_ID, vendorIds)))
                .union(DSL.select(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(VENDOR_RELATIONSHIP)
                        .on(VENDOR_RELATIONSHIP.ID.eq(c.VENDOR_RELATIONSHIP_ID))
                        .where(Sql.anyOf(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID, vendorIds)))
                .union(DSL.select(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(VENDOR_RELATIONSHIP)
                        .on(VENDOR_RELATIONSHIP.ID.eq(c.VENDOR_RELATIONSHIP_ID))
                        .where(Sql.anyOf(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID, vendorIds)))
                .union(DSL.select(PRODUCT_VENDOR.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(PRODUCT_VENDOR)
                        .on(PRODUCT_VENDOR.ID.eq(c.PRODUCT_VENDOR_ID))
                        .where(Sql.anyOf(PRODUCT_VENDOR.VENDOR_ID, vendorIds)))
                .union(DSL.select(SANCTION_ACTION.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(SANCTION_ACTION)
                        .on(SANCTION_ACTION.ID.eq(c.SANCTION_ACTION_ID))
                        .where(Sql.anyOf(SANCTION_ACTION.VENDOR_ID, vendorIds)))
                .union(DSL.select(SANCTION_ACTION.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(SANCTION_ACTION)
                        .on(SANCTION_ACTION.EVENT_ID.eq(c.SANCTION_EVENT_ID))
                        .where(Sql.anyOf(SANCTION_ACTION.VENDOR_ID, vendorIds)))
                .union(DSL.select(ALLEGATION_VENDOR.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(ALLEGATION_VENDOR)
                        .on(ALLEGATION_VENDOR.ALLEGATION_ID.eq(c.ALLEGATION_ID))
                        .where(Sql.anyOf(ALLEGATION_VENDOR.VENDOR_ID, vendorIds)))
                .union(DSL.select(ALLEGATION_VENDOR.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(ALLEGATION_DEVELOPMENT)
                        .on(ALLEGATION_DEVELOPMENT.ID.eq(c.ALLEGATION_DEVELOPMENT_ID))
                        .join(ALLEGATION_VENDOR)
                        .on(ALLEGATION_VENDOR.ALLEGATION_ID.eq(ALLEGATION_DEVELOPMENT.ALLEGATION_ID))
                        .where(Sql.anyOf(ALLEGATION_VENDOR.VENDOR_ID, vendorIds)))
                .union(DSL.select(VENDOR_STATEMENT.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(VENDOR_STATEMENT)
                        .on(VENDOR_STATEMENT.ID.eq(c.VENDOR_STATEMENT_ID))
                        .where(Sql.anyOf(VENDOR_STATEMENT.VENDOR_ID, vendorIds)))
                .union(DSL.select(VENDOR_NOTE.VENDOR_ID, c.SOURCE_ID)
                        .from(c)
                        .join(VENDOR_NOTE)
                        .on(VENDOR_NOTE.ID.eq(c.VENDOR_NOTE_ID))
                        .where(Sql.anyOf(VENDOR_NOTE.VENDOR_ID, vendorIds)));
        var l = links.asTable("l");
        Field<Long> lVendor = l.field(vendorId);
        List<SelectField<?>> fields = new ArrayList<>(COLUMNS);
        fields.add(lVendor);
        Map<Long, List<SourceView>> out = new HashMap<>();
        dsl.select(fields)
                .from(l)
                .join(SOURCE)
                .on(SOURCE.ID.eq(l.field(sourceId)))
                .orderBy(lVendor, SOURCE.SORT_ON.desc(), SOURCE.ID.desc())
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(lVendor), k -> new ArrayList<>())
                        .add(toView(r)));
        return out;
    }
}
