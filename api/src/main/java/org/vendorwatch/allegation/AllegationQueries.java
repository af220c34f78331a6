package org.vendorwatch.allegation;

import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_DEVELOPMENT;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.VENDOR;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.graphql.AspectConfidence;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.Cursor;
import org.vendorwatch.platform.paging.Keyset;
import org.vendorwatch.platform.paging.NestedPages;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.read.Projected;
import org.vendorwatch.vendor.VendorQueries;
import org.vendorwatch.vendor.VendorView;

/** Reads of allegations and their developments. */
@Component
public class AllegationQueries {

    /**
     * An allegation: what Java code uses, and its GraphQL fields in {@code projected}
     * (AllegationReadModel.FIELDS); {@code confidenceDetails} runs field by field.
     */
    public record AllegationView(
            long rowId,
            long vendorId,
            LocalDate firstReportedOn,
            List<AspectConfidence> confidenceDetails,
            Map<String, @Nullable Object> projected)
            implements Projected {
        public String id() {
            return GlobalId.of("Allegation", rowId);
        }
    }

    /** A dated development of an allegation. */
    public record AllegationDevelopmentView(
            long rowId,
            long allegationId,
            LocalDate occurredOn,
            String occurredOnPrecision,
            String description,
            String confidence,
            List<String> notes,
            int revision) {
        public String id() {
            return GlobalId.of("AllegationDevelopment", rowId);
        }
    }

    /** Allegations newest first (first reported, then id), over a (possibly aliased) table: both read paths. */
    public static Keyset keyset(org.vendorwatch.db.tables.Allegation a) {
        return Keyset.descending("allegations", a.FIRST_REPORTED_ON, a.ID);
    }

    private static final Keyset NEWEST_FIRST = keyset(ALLEGATION);

    private static final List<SelectField<?>> COLUMNS = AllegationReadModel.FIELDS.select(
            ALLEGATION,
            List.of(ALLEGATION.ID, ALLEGATION.VENDOR_ID, ALLEGATION.FIRST_REPORTED_ON, ALLEGATION.CONFIDENCE_DETAIL));

    private final DSLContext dsl;

    public AllegationQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    static AllegationView toView(Record r) {
        return new AllegationView(
                r.get(ALLEGATION.ID),
                r.get(ALLEGATION.VENDOR_ID),
                r.get(ALLEGATION.FIRST_REPORTED_ON),
                Sql.aspects(r.get(ALLEGATION.CONFIDENCE_DETAIL)),
                AllegationReadModel.FIELDS.read(r));
    }

    private static Cursor cursor(AllegationView a) {
        return NEWEST_FIRST.cursor(a.firstReportedOn(), a.rowId());
    }

    public Map<Long, AllegationView> byIds(Collection<Long> ids) {
        Map<Long, AllegationView> out = new HashMap<>();
        dsl.select(COLUMNS)
                .from(ALLEGATION)
                .where(Sql.anyOf(ALLEGATION.ID, ids))
                .fetch()
                .forEach(r -> out.put(r.get(ALLEGATION.ID), toView(r)));
        return out;
    }

    /** Criteria of {@code Query.allegations}. */
    public record Filter(
            String vendorSlug,
            List<String> statuses,
            List<String> categories,
            LocalDate reportedFrom,
            LocalDate reportedTo) {}

    public Connection<AllegationView> page(Filter filter, PageArgs page) {
        Condition where = condition(filter);
        List<AllegationView> rows = dsl.select(COLUMNS)
                .from(ALLEGATION)
                .where(where)
                .and(NEWEST_FIRST.after(NEWEST_FIRST.decode(page.after())))
                .orderBy(NEWEST_FIRST.order())
                .limit(page.first() + 1)
                .fetch(AllegationQueries::toView);
        return Connection.of(rows, page, AllegationQueries::cursor, () -> dsl.fetchCount(ALLEGATION, where));
    }

    private static Condition condition(Filter f) {
        if (f == null) {
            return DSL.noCondition();
        }
        Condition c = DSL.noCondition();
        if (f.vendorSlug() != null) {
            c = c.and(DSL.exists(DSL.selectOne()
                    .from(ALLEGATION_VENDOR)
                    .join(VENDOR)
                    .on(VENDOR.ID.eq(ALLEGATION_VENDOR.VENDOR_ID))
                    .where(ALLEGATION_VENDOR.ALLEGATION_ID.eq(ALLEGATION.ID))
                    .and(VENDOR.SLUG.eq(f.vendorSlug()))));
        }
        if (f.statuses() != null) {
            c = c.and(ALLEGATION.STATUS.in(f.statuses()));
        }
        if (f.categories() != null) {
            c = c.and(ALLEGATION.CATEGORY.in(f.categories()));
        }
        if (f.reportedFrom() != null) {
            c = c.and(ALLEGATION.FIRST_REPORTED_ON.ge(f.reportedFrom()));
        }
        if (f.reportedTo() != null) {
            c = c.and(ALLEGATION.FIRST_REPORTED_ON.le(f.reportedTo()));
        }
        return c;
    }

    /** A page of each vendor's allegations (any vendor they name), newest first, in one statement. */
    public Map<Long, Connection<AllegationView>> pagesByVendorIds(
            Collection<Long> vendorIds, PageArgs page, List<String> statuses) {
        Condition where = statuses == null ? DSL.noCondition() : ALLEGATION.STATUS.in(statuses);
        return NestedPages.load(
                dsl,
                new NestedPages.Spec<>(
                        ALLEGATION.join(ALLEGATION_VENDOR).on(ALLEGATION_VENDOR.ALLEGATION_ID.eq(ALLEGATION.ID)),
                        ALLEGATION_VENDOR.VENDOR_ID,
                        COLUMNS,
                        where,
                        NEWEST_FIRST,
                        AllegationQueries::toView,
                        AllegationQueries::cursor),
                vendorIds,
                page);
    }

    /** Every vendor each allegation names, the primary one first. */
    public Map<Long, List<VendorView>> vendorsByAllegationIds(Collection<Long> ids) {
        List<SelectField<?>> fields = new ArrayList<>(VendorQueries.COLUMNS);
        fields.add(ALLEGATION_VENDOR.ALLEGATION_ID);
        Map<Long, List<VendorView>> out = new HashMap<>();
        dsl.select(fields)
                .from(ALLEGATION_VENDOR)
                .join(VENDOR)
                .on(VENDOR.ID.eq(ALLEGATION_VENDOR.VENDOR_ID))
                .join(ALLEGATION)
                .on(ALLEGATION.ID.eq(ALLEGATION_VENDOR.ALLEGATION_ID))
                .where(Sql.anyOf(ALLEGATION_VENDOR.ALLEGATION_ID, ids))
                .orderBy(
                        ALLEGATION_VENDOR.ALLEGATION_ID,
                        DSL.when(VENDOR.ID.eq(ALLEGATION.VENDOR_ID), 0).otherwise(1),
                        VENDOR.SORT_NAME)
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(ALLEGATION_VENDOR.ALLEGATION_ID), k -> new ArrayList<>())
                        .add(VendorQueries.toView(r)));
        return out;
    }

    public Map<Long, List<AllegationDevelopmentView>> developments(Collection<Long> allegationIds) {
        var d = ALLEGATION_DEVELOPMENT;
        Map<Long, List<AllegationDevelopmentView>> out = new HashMap<>();
        developments(d.ALLEGATION_ID, allegationIds)
                .forEach(v -> out.computeIfAbsent(v.allegationId(), k -> new ArrayList<>())
                        .add(v));
        return out;
    }

    public Map<Long, AllegationDevelopmentView> developmentsByIds(Collection<Long> ids) {
        Map<Long, AllegationDevelopmentView> out = new HashMap<>();
        developments(ALLEGATION_DEVELOPMENT.ID, ids).forEach(v -> out.put(v.rowId(), v));
        return out;
    }

    private List<AllegationDevelopmentView> developments(org.jooq.Field<Long> key, Collection<Long> ids) {
        var d = ALLEGATION_DEVELOPMENT;
        return dsl.select(
                        d.ID,
                        d.ALLEGATION_ID,
                        d.OCCURRED_ON,
                        d.OCCURRED_PRECISION,
                        d.DESCRIPTION,
                        d.CONFIDENCE,
                        d.NOTES,
                        d.REVISION)
                .from(d)
                .where(Sql.anyOf(key, ids))
                .orderBy(d.ALLEGATION_ID, d.OCCURRED_ON, d.ID)
                .fetch(r -> new AllegationDevelopmentView(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        Sql.list(r.value7()),
                        r.value8()));
    }
}
