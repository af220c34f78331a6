package org.vendorwatch.platform.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jspecify.annotations.Nullable;

/**
 * The scalar fields of a GraphQL type, each defined once as SQL over a row of {@code R}, for both read
 * paths: the compiled path writes them into its JSON ({@link ReadType#columns}), and the field-by-field
 * path selects them ({@link #select}) into the view its data fetchers return ({@link Projected}), where
 * {@link ProjectedFields} reads them by name. Adding a scalar to such a type is one line here plus the
 * SDL (and the migration, for a new column); timestamps are written as the DateTime scalar writes them.
 */
public final class Projection<R> {

    private final Map<String, Function<R, Field<?>>> columns = new LinkedHashMap<>();

    public static <R> Projection<R> of() {
        return new Projection<>();
    }

    /** A field that is a column or expression of the row. */
    public Projection<R> column(String field, Function<R, Field<?>> sql) {
        if (columns.putIfAbsent(field, sql) != null) {
            throw new IllegalStateException(field + " is projected twice");
        }
        return this;
    }

    /** A view's select list: the columns its Java code reads, then the projected ones over {@code row}. */
    public List<SelectField<?>> select(R row, List<? extends SelectField<?>> keys) {
        List<SelectField<?>> out = new ArrayList<>(keys);
        columns.forEach((field, sql) -> out.add(sql.apply(row).as(alias(field))));
        return List.copyOf(out);
    }

    /** The fields' values in a record fetched with {@link #select}. */
    public Map<String, @Nullable Object> read(Record record) {
        Map<String, @Nullable Object> out = new HashMap<>(columns.size() * 2);
        for (String f : columns.keySet()) {
            Object value = record.get(alias(f));
            // a list as a List: views are map keys in batch loading, and arrays compare by identity
            out.put(f, value instanceof Object[] array ? Collections.unmodifiableList(Arrays.asList(array)) : value);
        }
        return Collections.unmodifiableMap(out);
    }

    Map<String, Function<R, Field<?>>> columns() {
        return columns;
    }

    private static String alias(String field) {
        return "projected_" + field;
    }
}
