package org.vendorwatch.platform.read;

import graphql.normalized.ExecutableNormalizedField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.QueryPart;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.vendorwatch.platform.paging.Keyset;
import org.vendorwatch.platform.paging.PageArgs;

/**
 * Turns the selection of one GraphQL query into one SQL expression that builds the response JSON in
 * PostgreSQL ({@code json_build_object}, {@code json_agg}), the way PostGraphile does: objects become
 * {@code json_build_object} of the selected fields, lists and connections become correlated subqueries
 * with {@code json_agg}. The fields' SQL comes from the slices' {@link ReadModel}s; what they cannot
 * express throws {@link NotCompiled}, and the query then runs field by field as before. One compiler
 * serves one query: it numbers table aliases.
 */
public final class JsonCompiler {

    /** PostgreSQL functions take at most 100 arguments: 50 key/value pairs per json_build_object. */
    private static final int MAX_KEYS = 50;

    private static final Field<JSON> EMPTY_ARRAY = DSL.field("'[]'::json", JSON.class);

    private final ReadModels models;
    /** The stored documents this compiler reads from; null: it reads the tables only. */
    private final Documents.@Nullable Shapes documents;
    /** Building documents: a connection is every row, each with its cursor (see {@link #connection}). */
    private final boolean building;

    private int aliases;

    JsonCompiler(ReadModels models, Documents.@Nullable Shapes documents) {
        this(models, documents, false);
    }

    private JsonCompiler(ReadModels models, Documents.@Nullable Shapes documents, boolean building) {
        this.models = models;
        this.documents = documents;
        this.building = building;
    }

    /** A compiler that builds documents: it reads the tables, and pages are whole. */
    static JsonCompiler building(ReadModels models) {
        return new JsonCompiler(models, null, true);
    }

    /** A declared type, read from a row of {@code row}, e.g. {@code type("Vendor", Vendor.class)}. */
    public <R> ReadType<R> type(String name, Class<R> row) {
        return models.type(name, row);
    }

    /** A fresh table alias, unique within the statement (e.g. {@code vendor_3}). */
    public <T extends Table<?>> T alias(T table, Function<String, T> as) {
        return as.apply(table.getName() + "_" + (++aliases));
    }

    /** {@code json_build_object} of the selected fields of one row of {@code type}. */
    public <R> Field<JSON> object(ReadType<R> type, R row, List<ExecutableNormalizedField> selection) {
        return object(selection, f -> type.sql(this, row, f));
    }

    /** {@code json_build_object} of the selection, each field's SQL given by {@code sql}. */
    public Field<JSON> object(
            List<ExecutableNormalizedField> selection, Function<ExecutableNormalizedField, Field<?>> sql) {
        if (selection.size() > MAX_KEYS) {
            throw new NotCompiled("more than " + MAX_KEYS + " fields in one object");
        }
        List<Field<?>> args = new ArrayList<>(selection.size() * 2);
        for (ExecutableNormalizedField f : selection) {
            args.add(DSL.inline(f.getResultKey()));
            args.add("__typename".equals(f.getName()) ? DSL.inline(f.getSingleObjectTypeName()) : json(sql.apply(f)));
        }
        return DSL.function("json_build_object", JSON.class, args.toArray(Field[]::new));
    }

    /** A value as JSON writes it: timestamps as the DateTime scalar writes them (UTC, ISO 8601), the rest as they are. */
    @SuppressWarnings("unchecked")
    private static Field<?> json(Field<?> value) {
        return value.getType() == java.time.OffsetDateTime.class
                ? dateTime((Field<java.time.OffsetDateTime>) value)
                : value;
    }

    /** A list field: the JSON array of the rows of {@code from} matching {@code where}, in {@code order}; never null. */
    public <R> Field<JSON> list(
            ReadType<R> type,
            R row,
            TableLike<?> from,
            Condition where,
            List<? extends SortField<?>> order,
            ExecutableNormalizedField field) {
        Field<JSON> agg = jsonAgg(object(type, row, field.getChildren()), order, null);
        return DSL.field(
                "coalesce(({0}), {1})", JSON.class, DSL.select(agg).from(from).where(where), EMPTY_ARRAY);
    }

    /** A to-one field: the object of the row of {@code from} matching {@code where}, or JSON null. */
    public <R> Field<JSON> one(
            ReadType<R> type, R row, TableLike<?> from, Condition where, ExecutableNormalizedField field) {
        return DSL.field(
                DSL.select(object(type, row, field.getChildren())).from(from).where(where));
    }

    /**
     * A to-one field whose type is read from one table: its row of a fresh alias of {@code table}
     * matching {@code where}, or JSON null.
     */
    @SuppressWarnings("unchecked")
    public <T extends Table<?>> Field<JSON> one(
            String type,
            T table,
            Function<String, T> as,
            Function<T, Condition> where,
            ExecutableNormalizedField field) {
        T row = alias(table, as);
        return one(type(type, (Class<T>) table.getClass()), row, row, where.apply(row), field);
    }

    /**
     * What a connection field pages over: rows of {@code from} (bound to {@code row}) matching
     * {@code where}, in the keyset's order, the same {@link Keyset} the field-by-field path pages with.
     */
    public record Paging<R>(ReadType<R> type, R row, TableLike<?> from, Condition where, Keyset keyset, PageArgs page) {

        Condition after() {
            return keyset.after(keyset.decode(page.after()));
        }

        List<? extends SortField<?>> order() {
            return keyset.order();
        }

        Field<String> cursor() {
            return JsonCompiler.cursor(keyset);
        }
    }

    /**
     * A Relay connection: the page's rows (first + 1, to learn whether a next page exists) numbered in
     * order in a derived table; each edge is built only for the first {@code first} rows, then edges and
     * pageInfo are aggregated over it. totalCount is a count without the cursor, only when selected.
     */
    public <R> Field<JSON> connection(Paging<R> p, ExecutableNormalizedField connection) {
        if (building) {
            return wholePage(p, connection);
        }
        // Page sizes are written into the statement, not bound: with a bound LIMIT PostgreSQL cannot
        // cost a generic plan and re-plans the statement on every execution (5 ms for a newsroom page).
        int first = p.page().first();
        String k = "page_" + (++aliases);
        Field<Integer> rank = DSL.rowNumber().over(DSL.orderBy(p.order()));
        List<SelectField<?>> inner = new ArrayList<>();
        inner.add(rank.as("ord"));
        List<ExecutableNormalizedField> children = connection.getChildren();
        boolean pageCursors = children.stream()
                .filter(c -> "pageInfo".equals(c.getName()))
                .flatMap(c -> c.getChildren().stream())
                .anyMatch(c -> c.getName().endsWith("Cursor"));
        inner.add((pageCursors ? p.cursor() : DSL.inline((String) null)).as("cur"));
        for (int i = 0; i < children.size(); i++) {
            ExecutableNormalizedField c = children.get(i);
            if ("edges".equals(c.getName())) {
                Field<JSON> edge = object(c.getChildren(), e -> switch (e.getName()) {
                    case "cursor" -> p.cursor();
                    case "node" -> object(p.type(), p.row(), e.getChildren());
                    default -> throw new NotCompiled(e.getObjectTypeNames() + "." + e.getName());
                });
                inner.add(DSL.when(rank.le(DSL.inline(first)), edge).as("e" + i));
            }
        }
        var rows = DSL.select(inner)
                .from(p.from())
                .where(p.where())
                .and(p.after())
                .orderBy(p.order())
                .limit(DSL.inline(first + 1))
                .asTable(k);
        return page(
                k,
                rows,
                children,
                first,
                p.page().after() != null,
                DSL.field(DSL.selectCount().from(p.from()).where(p.where())));
    }

    /**
     * The JSON of a connection over the rows of one page, numbered {@code ord} in order, with their
     * cursors {@code cur} and their edges {@code e<i>} (built for the first {@code first} rows only):
     * edges and pageInfo are aggregates over them; totalCount is given.
     */
    private Field<JSON> page(
            String k,
            Table<?> rows,
            List<ExecutableNormalizedField> children,
            int first,
            boolean after,
            Field<?> totalCount) {
        Field<Long> ord = DSL.field(DSL.name(k, "ord"), Long.class);
        Field<String> cur = DSL.field(DSL.name(k, "cur"), String.class);
        Field<JSON> json = object(children, c -> switch (c.getName()) {
            case "edges" ->
                DSL.field(
                        "coalesce({0}, {1})",
                        JSON.class,
                        jsonAgg(
                                DSL.field(DSL.name(k, "e" + children.indexOf(c)), JSON.class),
                                List.of(ord.asc()),
                                ord.le(DSL.inline((long) first))),
                        EMPTY_ARRAY);
            case "totalCount" -> totalCount;
            case "pageInfo" ->
                object(c.getChildren(), i -> switch (i.getName()) {
                    case "hasNextPage" -> DSL.count().gt(DSL.inline(first));
                    case "hasPreviousPage" -> DSL.inline(after);
                    case "startCursor" -> DSL.field("(array_agg({0} order by {1}))[1]", String.class, cur, ord);
                    case "endCursor" ->
                        DSL.field(
                                "(array_agg({0} order by {1}))[least(count(*), {2})]",
                                String.class, cur, ord, DSL.inline(first));
                    default -> throw new NotCompiled("PageInfo." + i.getName());
                });
            default -> throw new NotCompiled(c.getObjectTypeNames() + "." + c.getName());
        });
        // Without an aggregate (only totalCount, hasPreviousPage, __typename) the select over the page's
        // rows would return one row per page row, or none: then it needs no rows at all.
        boolean aggregates = children.stream()
                .anyMatch(c -> "edges".equals(c.getName())
                        || "pageInfo".equals(c.getName())
                                && c.getChildren().stream()
                                        .anyMatch(i -> !"hasPreviousPage".equals(i.getName())
                                                && !"__typename".equals(i.getName())));
        return DSL.field(aggregates ? DSL.select(json).from(rows) : DSL.select(json));
    }

    /**
     * A connection as a document keeps it: every row in the keyset's order, each as
     * {@code {"cursor": ..., "node": ...}} with the node selection of {@code edges { node }}.
     */
    private <R> Field<JSON> wholePage(Paging<R> p, ExecutableNormalizedField connection) {
        List<ExecutableNormalizedField> node = connection.getChildren().stream()
                .filter(c -> "edges".equals(c.getName()))
                .flatMap(c -> c.getChildren().stream())
                .filter(c -> "node".equals(c.getName()))
                .flatMap(c -> c.getChildren().stream())
                .toList();
        Field<JSON> element = DSL.function(
                "json_build_object",
                JSON.class,
                DSL.inline("cursor"),
                p.cursor(),
                DSL.inline("node"),
                object(p.type(), p.row(), node));
        return DSL.field(
                "coalesce(({0}), {1})",
                JSON.class,
                DSL.select(jsonAgg(element, p.order(), null)).from(p.from()).where(p.where()),
                EMPTY_ARRAY);
    }

    // --- reading documents ---------------------------------------------------------------------------

    /**
     * A stored field of a type that keeps documents: projected from the row's document when the
     * document holds every selected field, else (and while the row has no document) {@code live}.
     */
    <R> Field<?> stored(ReadType<R> type, R row, ExecutableNormalizedField field, Supplier<Field<?>> live) {
        Field<?> tables = live.get(); // validates the arguments as the field-by-field path does
        ReadType.Document<R> document = type.document();
        Documents.Stored stored = documents == null || document == null ? null : documents.get(field.getName());
        if (stored == null || !stored.serves(field)) {
            return tables;
        }
        String d = "document_" + (++aliases);
        Field<JSONB> value = DSL.field(DSL.name(d, "value"), JSONB.class);
        Field<JSON> projected = stored.connection()
                ? fromDocument(value, stored.element(), field)
                : elements(value, stored.element(), field.getChildren());
        @SuppressWarnings("unchecked")
        Field<JSON> fallback = (Field<JSON>) tables;
        return DSL.coalesce(
                DSL.field(DSL.select(projected)
                        .from(DSL.table(DSL.name(Documents.TABLE)).as(d))
                        .where(DSL.field(DSL.name(d, "vendor_id"), Long.class)
                                .eq(document.key().apply(row)))
                        .and(DSL.field(DSL.name(d, "field"), String.class).eq(DSL.inline(field.getName())))
                        // a queued vendor's document may predate a committed write made outside the service
                        .andNotExists(DSL.selectOne()
                                .from(DSL.table(DSL.name(Documents.STALE)))
                                .where(DSL.field(DSL.name(Documents.STALE, "vendor_id"), Long.class)
                                        .eq(DSL.field(DSL.name(d, "vendor_id"), Long.class))))
                        // only documents of this instance's definition (another version may run beside it
                        // during a rolling upgrade); one probe per statement, not per row
                        .andExists(DSL.selectOne()
                                .from(DSL.table(DSL.name(Documents.STATE)))
                                .where(DSL.field(DSL.name(Documents.STATE, "name"), String.class)
                                        .eq(DSL.inline(Documents.TABLE)))
                                .and(DSL.field(DSL.name(Documents.STATE, "definition"), String.class)
                                        .eq(DSL.inline(documents.definition()))))),
                fallback);
    }

    /** A page of a stored connection: its first rows, as {@link #connection} pages the tables. */
    private Field<JSON> fromDocument(
            Field<JSONB> value, Documents.Shape element, ExecutableNormalizedField connection) {
        int first = page(connection).first();
        String k = "page_" + (++aliases);
        String x = "row_" + aliases;
        Field<JSONB> e = DSL.field(DSL.name(x, "e"), JSONB.class);
        Field<Long> o = DSL.field(DSL.name(x, "o"), Long.class);
        List<SelectField<?>> inner = new ArrayList<>();
        inner.add(o.as("ord"));
        inner.add(DSL.field("{0} ->> 'cursor'", String.class, e).as("cur"));
        List<ExecutableNormalizedField> children = connection.getChildren();
        for (int i = 0; i < children.size(); i++) {
            ExecutableNormalizedField c = children.get(i);
            if ("edges".equals(c.getName())) {
                Field<JSON> edge = object(c.getChildren(), f -> switch (f.getName()) {
                    case "cursor" -> DSL.field("{0} -> 'cursor'", JSONB.class, e);
                    case "node" -> object(DSL.field("{0} -> 'node'", JSONB.class, e), element, f.getChildren());
                    default -> throw new NotCompiled(f.getObjectTypeNames() + "." + f.getName());
                });
                inner.add(DSL.when(o.le(DSL.inline((long) first)), edge).as("e" + i));
            }
        }
        var rows = DSL.select(inner)
                .from(arrayElements(value, x))
                .where(o.le(DSL.inline((long) first + 1)))
                .asTable(k);
        return page(k, rows, children, first, false, DSL.field("jsonb_array_length({0})", Integer.class, value));
    }

    /** The elements of a stored list, as {@link #list} builds them from the tables. */
    private Field<JSON> elements(
            Field<JSONB> array, Documents.Shape element, List<ExecutableNormalizedField> selection) {
        String x = "element_" + (++aliases);
        Field<JSONB> e = DSL.field(DSL.name(x, "e"), JSONB.class);
        Field<Long> o = DSL.field(DSL.name(x, "o"), Long.class);
        return DSL.field(
                "coalesce(({0}), {1})",
                JSON.class,
                DSL.select(jsonAgg(object(e, element, selection), List.of(o.asc()), null))
                        .from(arrayElements(array, x)),
                EMPTY_ARRAY);
    }

    /** An object stored in a document, with the selected fields (all of which it holds). */
    private Field<JSON> object(Field<JSONB> stored, Documents.Shape shape, List<ExecutableNormalizedField> selection) {
        return object(selection, f -> {
            Field<JSONB> value = DSL.field("{0} -> {1}", JSONB.class, stored, DSL.inline(f.getName()));
            Documents.Shape nested = shape.fields().get(f.getName());
            if (nested == null) {
                return value;
            }
            if (nested.many()) {
                return elements(value, nested, f.getChildren());
            }
            return DSL.when(
                    DSL.field("jsonb_typeof({0})", String.class, value).eq(DSL.inline("object")),
                    object(value, nested, f.getChildren()));
        });
    }

    /** {@code jsonb_array_elements(array) with ordinality as alias(e, o)}. */
    private static Table<?> arrayElements(Field<JSONB> array, String alias) {
        return DSL.table("jsonb_array_elements({0}) with ordinality as {1}(e, o)", array, DSL.name(alias));
    }

    /** {@code json_agg(value ORDER BY ...) [FILTER (WHERE ...)]}. */
    public static Field<JSON> jsonAgg(Field<JSON> value, List<? extends SortField<?>> order, Condition filter) {
        StringBuilder sql = new StringBuilder("json_agg({0}");
        List<QueryPart> parts = new ArrayList<>();
        parts.add(value);
        for (int i = 0; i < order.size(); i++) {
            sql.append(i == 0 ? " order by " : ", ")
                    .append('{')
                    .append(parts.size())
                    .append('}');
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

    public static Field<String> globalId(String type, Field<Long> id) {
        return DSL.function("vw_gid", String.class, DSL.inline(type), id);
    }

    public static Field<String> dateTime(Field<java.time.OffsetDateTime> ts) {
        return DSL.function("vw_datetime", String.class, ts);
    }

    public static Field<String> dateKey(Field<java.time.LocalDate> date) {
        return DSL.function("to_char", String.class, date, DSL.inline("YYYY-MM-DD"));
    }

    public static Field<String> dateTimeKey(Field<java.time.OffsetDateTime> ts) {
        return DSL.function("vw_datetime_key", String.class, ts);
    }

    /** The cursor of a row, as {@code keyset.cursor(values).encode()} writes it. */
    @SuppressWarnings("unchecked")
    public static Field<String> cursor(Keyset keyset) {
        List<Field<String>> values = new ArrayList<>();
        for (Field<?> key : keyset.keys()) {
            values.add(
                    key.getType() == java.time.LocalDate.class
                            ? dateKey((Field<java.time.LocalDate>) key)
                            : key.getType() == java.time.OffsetDateTime.class
                                    ? dateTimeKey((Field<java.time.OffsetDateTime>) key)
                                    : key.cast(String.class));
        }
        return cursor(keyset.scope(), values);
    }

    /** A keyset cursor, as {@code new Cursor(scope, values).encode()}; values are never null. */
    private static Field<String> cursor(String scope, List<Field<String>> values) {
        List<Field<String>> escaped = values.stream()
                .map(v -> DSL.function("vw_cursor_escape", String.class, v))
                .toList();
        return DSL.function(
                "vw_cursor",
                String.class,
                DSL.inline(scope.replace("%", "%25").replace("\t", "%09")),
                DSL.array(escaped.toArray(Field[]::new)));
    }

    /** A text[] column as a JSON array, [] for NULL (as Sql.list does). */
    public static Field<String[]> textArray(Field<String[]> column) {
        return DSL.coalesce(column, DSL.field("'{}'::text[]", String[].class));
    }

    // --- arguments ----------------------------------------------------------------------------------

    /** first/after as the data fetchers validate them (PAGE_SIZE is thrown, and the query falls back). */
    public static PageArgs page(ExecutableNormalizedField field) {
        java.util.Map<String, Object> args = field.getResolvedArguments();
        return PageArgs.of((Integer) args.get("first"), (String) args.get("after"));
    }

    /** True when an object field selects nothing but {@code key} (and __typename). */
    public static boolean onlyKey(ExecutableNormalizedField f, String key) {
        return f.getChildren().stream().allMatch(x -> key.equals(x.getName()) || "__typename".equals(x.getName()));
    }
}
