package org.vendorwatch.platform.read;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import graphql.normalized.ExecutableNormalizedField;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.QueryPart;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.vendorwatch.platform.paging.PageArgs;

/**
 * Turns the selection of one GraphQL query into one SQL expression that builds the response JSON in
 * PostgreSQL ({@code json_build_object}, {@code json_agg}), the way PostGraphile does: objects become
 * {@code json_build_object} of the selected fields, lists and connections become correlated subqueries
 * with {@code json_agg}. What a {@link Shape} cannot express throws {@link NotCompiled}, and the query
 * then runs field by field as before. One compiler serves one query: it numbers table aliases.
 */
final class JsonCompiler {

    /** PostgreSQL functions take at most 100 arguments: 50 key/value pairs per json_build_object. */
    private static final int MAX_KEYS = 50;

    private static final Field<JSON> EMPTY_ARRAY = DSL.field("'[]'::json", JSON.class);

    private int aliases;

    /** A fresh table alias, unique within the statement (e.g. {@code vendor_3}). */
    <T extends Table<?>> T alias(T table, Function<String, T> as) {
        return as.apply(table.getName() + "_" + (++aliases));
    }

    /** {@code json_build_object} of the selected fields of one row of {@code shape}. */
    <R> Field<JSON> object(Shape<R> shape, R row, List<ExecutableNormalizedField> selection) {
        return object(selection, f -> shape.field(this, row, f));
    }

    /** {@code json_build_object} of the selection, each field's SQL given by {@code sql}. */
    Field<JSON> object(List<ExecutableNormalizedField> selection, Function<ExecutableNormalizedField, Field<?>> sql) {
        if (selection.size() > MAX_KEYS) {
            throw new NotCompiled("more than " + MAX_KEYS + " fields in one object");
        }
        List<Field<?>> args = new ArrayList<>(selection.size() * 2);
        for (ExecutableNormalizedField f : selection) {
            args.add(DSL.inline(f.getResultKey()));
            args.add("__typename".equals(f.getName()) ? DSL.inline(f.getSingleObjectTypeName()) : sql.apply(f));
        }
        return DSL.function("json_build_object", JSON.class, args.toArray(Field[]::new));
    }

    /** A list field: the JSON array of the rows of {@code from} matching {@code where}, in {@code order}; never null. */
    <R> Field<JSON> list(Shape<R> shape, R row, TableLike<?> from, Condition where, List<? extends SortField<?>> order,
                         ExecutableNormalizedField field) {
        Field<JSON> agg = jsonAgg(object(shape, row, field.getChildren()), order, null);
        return DSL.field("coalesce(({0}), {1})", JSON.class, DSL.select(agg).from(from).where(where), EMPTY_ARRAY);
    }

    /** A to-one field: the object of the row of {@code from} matching {@code where}, or JSON null. */
    <R> Field<JSON> one(Shape<R> shape, R row, TableLike<?> from, Condition where, ExecutableNormalizedField field) {
        return DSL.field(DSL.select(object(shape, row, field.getChildren())).from(from).where(where));
    }

    /** What a connection field pages over; {@code row} is bound to {@code from}. */
    record Paging<R>(Shape<R> shape, R row, TableLike<?> from, Condition where, Condition after,
                     List<? extends SortField<?>> order, Field<String> cursor, PageArgs page) {
    }

    /**
     * A Relay connection: the page's rows (first + 1, to learn whether a next page exists) numbered in
     * order in a derived table; each edge is built only for the first {@code first} rows, then edges and
     * pageInfo are aggregated over it. totalCount is a count without the cursor, only when selected.
     */
    <R> Field<JSON> connection(Paging<R> p, ExecutableNormalizedField connection) {
        // Page sizes are written into the statement, not bound: with a bound LIMIT PostgreSQL cannot
        // cost a generic plan and re-plans the statement on every execution (5 ms for a newsroom page).
        int first = p.page().first();
        String k = "page_" + (++aliases);
        Field<Long> ord = DSL.field(DSL.name(k, "ord"), Long.class);
        Field<String> cur = DSL.field(DSL.name(k, "cur"), String.class);
        Field<Integer> rank = DSL.rowNumber().over(DSL.orderBy(p.order()));
        List<SelectField<?>> inner = new ArrayList<>();
        inner.add(rank.as("ord"));
        List<ExecutableNormalizedField> children = connection.getChildren();
        boolean pageCursors = children.stream().filter(c -> "pageInfo".equals(c.getName()))
                .flatMap(c -> c.getChildren().stream()).anyMatch(c -> c.getName().endsWith("Cursor"));
        inner.add((pageCursors ? p.cursor() : DSL.inline((String) null)).as("cur"));
        for (int i = 0; i < children.size(); i++) {
            ExecutableNormalizedField c = children.get(i);
            if ("edges".equals(c.getName())) {
                Field<JSON> edge = object(c.getChildren(), e -> switch (e.getName()) {
                    case "cursor" -> p.cursor();
                    case "node" -> object(p.shape(), p.row(), e.getChildren());
                    default -> throw new NotCompiled(e.getObjectTypeNames() + "." + e.getName());
                });
                inner.add(DSL.when(rank.le(DSL.inline(first)), edge).as("e" + i));
            }
        }
        var rows = DSL.select(inner).from(p.from()).where(p.where()).and(p.after()).orderBy(p.order())
                .limit(DSL.inline(first + 1)).asTable(k);
        Field<JSON> json = object(children, c -> switch (c.getName()) {
            case "edges" -> DSL.field("coalesce({0}, {1})", JSON.class,
                    jsonAgg(DSL.field(DSL.name(k, "e" + children.indexOf(c)), JSON.class), List.of(ord.asc()),
                            ord.le(DSL.inline((long) first))), EMPTY_ARRAY);
            case "totalCount" -> DSL.field(DSL.selectCount().from(p.from()).where(p.where()));
            case "pageInfo" -> object(c.getChildren(), i -> switch (i.getName()) {
                case "hasNextPage" -> DSL.count().gt(DSL.inline(first));
                case "hasPreviousPage" -> DSL.inline(p.page().after() != null);
                case "startCursor" -> DSL.field("(array_agg({0} order by {1}))[1]", String.class, cur, ord);
                case "endCursor" -> DSL.field("(array_agg({0} order by {1}))[least(count(*), {2})]", String.class,
                        cur, ord, DSL.inline(first));
                default -> throw new NotCompiled("PageInfo." + i.getName());
            });
            default -> throw new NotCompiled(c.getObjectTypeNames() + "." + c.getName());
        });
        // Without an aggregate (only totalCount, hasPreviousPage, __typename) the select over the page's
        // rows would return one row per page row, or none: then it needs no rows at all.
        boolean aggregates = children.stream().anyMatch(c -> "edges".equals(c.getName()) || "pageInfo".equals(c.getName())
                && c.getChildren().stream().anyMatch(i -> !"hasPreviousPage".equals(i.getName()) && !"__typename".equals(i.getName())));
        return DSL.field(aggregates ? DSL.select(json).from(rows) : DSL.select(json));
    }

    /** {@code json_agg(value ORDER BY ...) [FILTER (WHERE ...)]}. */
    static Field<JSON> jsonAgg(Field<JSON> value, List<? extends SortField<?>> order, Condition filter) {
        StringBuilder sql = new StringBuilder("json_agg({0}");
        List<QueryPart> parts = new ArrayList<>();
        parts.add(value);
        for (int i = 0; i < order.size(); i++) {
            sql.append(i == 0 ? " order by " : ", ").append('{').append(parts.size()).append('}');
            parts.add(order.get(i));
        }
        sql.append(')');
        if (filter != null) {
            sql.append(" filter (where {").append(parts.size()).append("})");
            parts.add(filter);
        }
        return DSL.field(sql.toString(), JSON.class, parts.toArray(QueryPart[]::new));
    }

    // --- values rendered exactly as the Java path renders them (see migrations 006) -----------------

    static Field<String> globalId(String type, Field<Long> id) {
        return DSL.function("vw_gid", String.class, DSL.inline(type), id);
    }

    static Field<String> dateTime(Field<java.time.OffsetDateTime> ts) {
        return DSL.function("vw_datetime", String.class, ts);
    }

    static Field<String> dateKey(Field<java.time.LocalDate> date) {
        return DSL.function("to_char", String.class, date, DSL.inline("YYYY-MM-DD"));
    }

    static Field<String> dateTimeKey(Field<java.time.OffsetDateTime> ts) {
        return DSL.function("vw_datetime_key", String.class, ts);
    }

    /** A keyset cursor, as {@code new Cursor(scope, values).encode()}; values are never null. */
    static Field<String> cursor(String scope, List<Field<String>> values) {
        List<Field<String>> escaped = values.stream().map(v -> DSL.function("vw_cursor_escape", String.class, v)).toList();
        return DSL.function("vw_cursor", String.class, DSL.inline(scope.replace("%", "%25").replace("\t", "%09")),
                DSL.array(escaped.toArray(Field[]::new)));
    }

    /** A text[] column as a JSON array, [] for NULL (as Sql.list does). */
    static Field<String[]> textArray(Field<String[]> column) {
        return DSL.coalesce(column, DSL.field("'{}'::text[]", String[].class));
    }
}
