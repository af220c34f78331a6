package org.vendorwatch.sanction;

import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_AUTHORITY;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SANCTION_PROGRAM;
import static org.vendorwatch.db.Tables.VENDOR;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.Cursor;
import org.vendorwatch.platform.paging.Keyset;
import org.vendorwatch.platform.paging.NestedPages;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.sanction.SanctionViews.SanctionActionView;
import org.vendorwatch.sanction.SanctionViews.SanctionAuthorityView;
import org.vendorwatch.sanction.SanctionViews.SanctionEventView;
import org.vendorwatch.sanction.SanctionViews.SanctionProgramView;

/** Reads of sanction events and actions. */
@Component
public class SanctionQueries {

    /** Action types that put restrictions in force (as opposed to delistings, policies and resolutions). */
    public static final Set<String> BINDING_TYPES = Set.of("LISTED", "DESIGNATED", "AMENDED", "VISA_RESTRICTION");

    /** Today in UTC, in SQL: the day a scheduled act takes effect is compared with; declared before its users. */
    public static final org.jooq.Field<java.time.LocalDate> TODAY_UTC =
            DSL.field("(now() at time zone 'UTC')::date", java.time.LocalDate.class);

    /**
     * A sanction action (joined with its event) that is in force: binding, not lifted, and in effect:
     * an act whose date lies ahead is scheduled, not in force, until that day (UTC).
     */
    public static final Condition IN_FORCE = inForce(SANCTION_ACTION, SANCTION_EVENT);

    /** {@link #IN_FORCE} over (possibly aliased) action and event tables. */
    public static Condition inForce(
            org.vendorwatch.db.tables.SanctionAction a, org.vendorwatch.db.tables.SanctionEvent e) {
        return a.LIFTED_ON
                .isNull()
                .and(e.LIFTED_ON.isNull())
                .and(e.ACTION_TYPE.in(BINDING_TYPES))
                .and(DSL.coalesce(e.EFFECTIVE_ON, e.PUBLISHED_ON, e.ANNOUNCED_ON)
                        .le(TODAY_UTC));
    }

    /** When the action was lifted: its target's own lifting, else its act's (SanctionActionView.liftedOn()). */
    public static org.jooq.Field<java.time.LocalDate> liftedOn(
            org.vendorwatch.db.tables.SanctionAction a, org.vendorwatch.db.tables.SanctionEvent e) {
        return DSL.coalesce(a.LIFTED_ON, e.LIFTED_ON);
    }

    /**
     * {@link #liftedOn} as SQL text over tables aliased {@code a} and {@code e}, for the bulk files'
     * hand-written statements.
     */
    public static String liftedOnSql(String action, String event) {
        return DSL.using(org.jooq.SQLDialect.POSTGRES)
                .renderInlined(liftedOn(
                        org.vendorwatch.db.Tables.SANCTION_ACTION.as(action),
                        org.vendorwatch.db.Tables.SANCTION_EVENT.as(event)));
    }

    /** SanctionActionView.status() over (possibly aliased) action and event tables. */
    public static org.jooq.Field<String> status(
            org.vendorwatch.db.tables.SanctionAction a, org.vendorwatch.db.tables.SanctionEvent e) {
        return DSL.when(liftedOn(a, e).isNotNull(), DSL.inline("LIFTED"))
                .when(e.ACTION_TYPE.notIn(BINDING_TYPES), DSL.inline("NOT_BINDING"))
                .when(
                        DSL.coalesce(e.EFFECTIVE_ON, e.PUBLISHED_ON, e.ANNOUNCED_ON)
                                .gt(TODAY_UTC),
                        DSL.inline("SCHEDULED"))
                .otherwise(DSL.inline("IN_FORCE"));
    }

    private static final Keyset EVENTS_NEWEST_FIRST =
            Keyset.descending("sanctionEvents", SANCTION_EVENT.SORT_ON, SANCTION_EVENT.ID);

    /** Actions newest first (the act's date, then id), over (possibly aliased) tables: both read paths. */
    public static Keyset actionsKeyset(
            org.vendorwatch.db.tables.SanctionAction a, org.vendorwatch.db.tables.SanctionEvent e) {
        return Keyset.descending("sanctionActions", e.SORT_ON, a.ID);
    }

    private static final Keyset ACTIONS_KEYSET = actionsKeyset(SANCTION_ACTION, SANCTION_EVENT);

    private static final List<SelectField<?>> EVENT_COLUMNS = List.of(
            SANCTION_EVENT.ID,
            SANCTION_EVENT.AUTHORITY_CODE,
            SANCTION_EVENT.PROGRAM_CODE,
            SANCTION_EVENT.PROGRAM_DETAIL,
            SANCTION_EVENT.ACTION_TYPE,
            SANCTION_EVENT.TITLE,
            SANCTION_EVENT.ANNOUNCED_ON,
            SANCTION_EVENT.PUBLISHED_ON,
            SANCTION_EVENT.EFFECTIVE_ON,
            SANCTION_EVENT.LIFTED_ON,
            SANCTION_EVENT.CITATION,
            SANCTION_EVENT.DOCUMENT_NUMBER,
            SANCTION_EVENT.PRESS_RELEASE,
            SANCTION_EVENT.URL,
            SANCTION_EVENT.LICENSE_REQUIREMENT,
            SANCTION_EVENT.LICENSE_EXCEPTIONS,
            SANCTION_EVENT.LICENSE_POLICY,
            SANCTION_EVENT.SUMMARY,
            SANCTION_EVENT.CONFIDENCE,
            SANCTION_EVENT.CONFIDENCE_DETAIL,
            SANCTION_EVENT.NOTES,
            SANCTION_EVENT.SORT_ON,
            SANCTION_EVENT.REVISION,
            SANCTION_EVENT.ANNOUNCED_PRECISION,
            SANCTION_EVENT.PUBLISHED_PRECISION,
            SANCTION_EVENT.EFFECTIVE_PRECISION,
            SANCTION_EVENT.LIFTED_PRECISION);

    private static final List<SelectField<?>> ACTION_COLUMNS = SanctionReadModel.ACTION_FIELDS.select(
            new SanctionReadModel.Action(SANCTION_ACTION, SANCTION_EVENT, VENDOR),
            java.util.stream.Stream.concat(
                            EVENT_COLUMNS.stream(),
                            java.util.stream.Stream.of(
                                    SANCTION_ACTION.ID,
                                    SANCTION_ACTION.VENDOR_ID,
                                    SANCTION_ACTION.PERSON_NAME,
                                    SANCTION_ACTION.AFFILIATED_VENDOR_ID,
                                    SANCTION_ACTION.LISTED_ALIASES))
                    .toList());

    private static final TableLike<?> ACTIONS = SANCTION_ACTION
            .join(SANCTION_EVENT)
            .on(SANCTION_EVENT.ID.eq(SANCTION_ACTION.EVENT_ID))
            .leftJoin(VENDOR)
            .on(VENDOR.ID.eq(SANCTION_ACTION.VENDOR_ID));

    private final DSLContext dsl;

    public SanctionQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    static SanctionEventView event(Record r) {
        return new SanctionEventView(
                r.get(SANCTION_EVENT.ID),
                r.get(SANCTION_EVENT.AUTHORITY_CODE),
                r.get(SANCTION_EVENT.PROGRAM_CODE),
                r.get(SANCTION_EVENT.PROGRAM_DETAIL),
                r.get(SANCTION_EVENT.ACTION_TYPE),
                r.get(SANCTION_EVENT.TITLE),
                r.get(SANCTION_EVENT.ANNOUNCED_ON),
                r.get(SANCTION_EVENT.PUBLISHED_ON),
                r.get(SANCTION_EVENT.EFFECTIVE_ON),
                r.get(SANCTION_EVENT.LIFTED_ON),
                r.get(SANCTION_EVENT.CITATION),
                r.get(SANCTION_EVENT.DOCUMENT_NUMBER),
                r.get(SANCTION_EVENT.PRESS_RELEASE),
                r.get(SANCTION_EVENT.URL),
                r.get(SANCTION_EVENT.LICENSE_REQUIREMENT),
                r.get(SANCTION_EVENT.LICENSE_EXCEPTIONS),
                r.get(SANCTION_EVENT.LICENSE_POLICY),
                r.get(SANCTION_EVENT.SUMMARY),
                r.get(SANCTION_EVENT.CONFIDENCE),
                Sql.aspects(r.get(SANCTION_EVENT.CONFIDENCE_DETAIL)),
                Sql.list(r.get(SANCTION_EVENT.NOTES)),
                r.get(SANCTION_EVENT.SORT_ON),
                r.get(SANCTION_EVENT.REVISION),
                r.get(SANCTION_EVENT.ANNOUNCED_PRECISION),
                r.get(SANCTION_EVENT.PUBLISHED_PRECISION),
                r.get(SANCTION_EVENT.EFFECTIVE_PRECISION),
                r.get(SANCTION_EVENT.LIFTED_PRECISION));
    }

    static SanctionActionView action(Record r) {
        return new SanctionActionView(
                r.get(SANCTION_ACTION.ID),
                event(r),
                r.get(SANCTION_ACTION.VENDOR_ID),
                r.get(SANCTION_ACTION.PERSON_NAME),
                r.get(SANCTION_ACTION.AFFILIATED_VENDOR_ID),
                Sql.list(r.get(SANCTION_ACTION.LISTED_ALIASES)),
                SanctionReadModel.ACTION_FIELDS.read(r));
    }

    static Cursor actionCursor(SanctionActionView a) {
        return ACTIONS_KEYSET.cursor(a.event().sortOn(), a.rowId());
    }

    public Map<Long, SanctionActionView> actionsByIds(Collection<Long> ids) {
        Map<Long, SanctionActionView> out = new HashMap<>();
        dsl.select(ACTION_COLUMNS)
                .from(ACTIONS)
                .where(Sql.anyOf(SANCTION_ACTION.ID, ids))
                .fetch()
                .forEach(r -> out.put(r.get(SANCTION_ACTION.ID), action(r)));
        return out;
    }

    public Map<Long, SanctionEventView> eventsByIds(Collection<Long> ids) {
        Map<Long, SanctionEventView> out = new HashMap<>();
        dsl.select(EVENT_COLUMNS)
                .from(SANCTION_EVENT)
                .where(Sql.anyOf(SANCTION_EVENT.ID, ids))
                .fetch()
                .forEach(r -> out.put(r.get(SANCTION_EVENT.ID), event(r)));
        return out;
    }

    /** The targets of each event, vendors first. */
    public Map<Long, List<SanctionActionView>> actionsByEventIds(Collection<Long> eventIds) {
        Map<Long, List<SanctionActionView>> out = new HashMap<>();
        dsl.select(ACTION_COLUMNS)
                .from(ACTIONS)
                .where(Sql.anyOf(SANCTION_ACTION.EVENT_ID, eventIds))
                .orderBy(SANCTION_ACTION.VENDOR_ID.asc().nullsLast(), SANCTION_ACTION.ID)
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(SANCTION_EVENT.ID), k -> new ArrayList<>())
                        .add(action(r)));
        return out;
    }

    /** A page of each vendor's actions, newest first, in one statement. */
    public Map<Long, Connection<SanctionActionView>> pagesByVendorIds(Collection<Long> vendorIds, PageArgs page) {
        return NestedPages.load(
                dsl,
                new NestedPages.Spec<>(
                        ACTIONS,
                        SANCTION_ACTION.VENDOR_ID,
                        ACTION_COLUMNS,
                        DSL.noCondition(),
                        ACTIONS_KEYSET,
                        SanctionQueries::action,
                        SanctionQueries::actionCursor),
                vendorIds,
                page);
    }

    /** Criteria of {@code Query.sanctionActions}. */
    public record ActionFilter(
            String vendorSlug,
            List<String> authorities,
            List<String> programs,
            List<String> actionTypes,
            String targetKind,
            Boolean active,
            java.time.LocalDate from,
            java.time.LocalDate to) {}

    public Connection<SanctionActionView> actions(ActionFilter filter, PageArgs page) {
        Condition where = condition(filter);
        List<SanctionActionView> rows = dsl.select(ACTION_COLUMNS)
                .from(ACTIONS)
                .where(where)
                .and(ACTIONS_KEYSET.after(ACTIONS_KEYSET.decode(page.after())))
                .orderBy(ACTIONS_KEYSET.order())
                .limit(page.first() + 1)
                .fetch(SanctionQueries::action);
        return Connection.of(
                rows,
                page,
                SanctionQueries::actionCursor,
                () -> dsl.fetchCount(dsl.selectOne().from(ACTIONS).where(where)));
    }

    private static Condition condition(ActionFilter f) {
        if (f == null) {
            return DSL.noCondition();
        }
        Condition c = DSL.noCondition();
        if (f.vendorSlug() != null) {
            c = c.and(VENDOR.SLUG.eq(f.vendorSlug()));
        }
        if (f.authorities() != null) {
            c = c.and(SANCTION_EVENT.AUTHORITY_CODE.in(f.authorities()));
        }
        if (f.programs() != null) {
            c = c.and(SANCTION_EVENT.PROGRAM_CODE.in(f.programs()));
        }
        if (f.actionTypes() != null) {
            c = c.and(SANCTION_EVENT.ACTION_TYPE.in(f.actionTypes()));
        }
        if (f.targetKind() != null) {
            c = c.and(
                    "VENDOR".equals(f.targetKind())
                            ? SANCTION_ACTION.VENDOR_ID.isNotNull()
                            : SANCTION_ACTION.PERSON_NAME.isNotNull());
        }
        if (f.active() != null) {
            c = c.and(f.active() ? IN_FORCE : DSL.not(IN_FORCE));
        }
        if (f.from() != null) {
            c = c.and(SANCTION_EVENT.SORT_ON.ge(f.from()));
        }
        if (f.to() != null) {
            c = c.and(SANCTION_EVENT.SORT_ON.le(f.to()));
        }
        return c;
    }

    public Connection<SanctionEventView> events(List<String> authorities, PageArgs page) {
        Condition where = authorities == null ? DSL.noCondition() : SANCTION_EVENT.AUTHORITY_CODE.in(authorities);
        List<SanctionEventView> rows = dsl.select(EVENT_COLUMNS)
                .from(SANCTION_EVENT)
                .where(where)
                .and(EVENTS_NEWEST_FIRST.after(EVENTS_NEWEST_FIRST.decode(page.after())))
                .orderBy(EVENTS_NEWEST_FIRST.order())
                .limit(page.first() + 1)
                .fetch(SanctionQueries::event);
        return Connection.of(
                rows,
                page,
                e -> EVENTS_NEWEST_FIRST.cursor(e.sortOn(), e.rowId()),
                () -> dsl.fetchCount(SANCTION_EVENT, where));
    }

    public List<SanctionAuthorityView> authorities() {
        return authorities(DSL.noCondition());
    }

    public List<SanctionAuthorityView> authorities(Condition where) {
        return dsl.select(
                        SANCTION_AUTHORITY.ID,
                        SANCTION_AUTHORITY.CODE,
                        SANCTION_AUTHORITY.NAME,
                        SANCTION_AUTHORITY.COUNTRY_CODE,
                        SANCTION_AUTHORITY.REVISION)
                .from(SANCTION_AUTHORITY)
                .where(where)
                .orderBy(SANCTION_AUTHORITY.CODE)
                .fetch(r -> new SanctionAuthorityView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    public List<SanctionProgramView> programs() {
        return programs(DSL.noCondition());
    }

    public List<SanctionProgramView> programs(Condition where) {
        return dsl.select(
                        SANCTION_PROGRAM.ID,
                        SANCTION_PROGRAM.CODE,
                        SANCTION_PROGRAM.NAME,
                        SANCTION_PROGRAM.AUTHORITY_CODE,
                        SANCTION_PROGRAM.REVISION)
                .from(SANCTION_PROGRAM)
                .where(where)
                .orderBy(SANCTION_PROGRAM.CODE)
                .fetch(r -> new SanctionProgramView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }
}
