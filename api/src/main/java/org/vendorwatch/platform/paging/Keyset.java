package org.vendorwatch.platform.paging;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The keyset order of a list, defined once: its cursor scope and its sort keys (the last one unique),
 * all ascending or all descending, over (possibly aliased) tables. The ORDER BY, the condition for the
 * rows after a cursor, the cursor of a row in Java and, in the compiled read path, the cursor as SQL
 * ({@code JsonCompiler.cursor}) all come from it, so the two read paths page alike.
 */
public record Keyset(String scope, List<Field<?>> keys, boolean descending) {

    private static final java.util.Set<Class<?>> KEY_TYPES =
            java.util.Set.of(LocalDate.class, OffsetDateTime.class, Long.class, String.class);

    public Keyset {
        keys = List.copyOf(keys);
        for (Field<?> key : keys) {
            if (!KEY_TYPES.contains(key.getType())) {
                // a cursor value is parsed by its key's type: anything else would fail as a conversion error
                throw new IllegalArgumentException(scope + ": a key must be a date, a timestamp, a bigint or text, not "
                        + key.getType().getSimpleName() + " (" + key + ")");
            }
        }
    }

    public static Keyset ascending(String scope, Field<?>... keys) {
        return new Keyset(scope, List.of(keys), false);
    }

    public static Keyset descending(String scope, Field<?>... keys) {
        return new Keyset(scope, List.of(keys), true);
    }

    public List<SortField<?>> order() {
        return keys.stream()
                .<SortField<?>>map(k -> descending ? k.desc() : k.asc())
                .toList();
    }

    /** A cursor of this list, or null; throws INVALID_CURSOR for one it did not issue. */
    public @Nullable Cursor decode(@Nullable String after) {
        return Cursor.decode(after, scope, keys.size());
    }

    /** The rows after {@code cursor} in this order (every row for null). */
    public Condition after(@Nullable Cursor cursor) {
        if (cursor == null) {
            return DSL.noCondition();
        }
        List<Object> values = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Class<?> type = keys.get(i).getType();
            values.add(
                    type == LocalDate.class
                            ? cursor.dateValue(i)
                            : type == OffsetDateTime.class
                                    ? cursor.timeValue(i)
                                    : type == Long.class ? cursor.longValue(i) : cursor.value(i));
        }
        var row = DSL.row(keys);
        return descending ? row.lt(values.toArray()) : row.gt(values.toArray());
    }

    /** The cursor of a row whose keys have these values, in key order. */
    public Cursor cursor(@Nullable Object... values) {
        if (values.length != keys.size()) {
            throw new IllegalArgumentException(scope + " has " + keys.size() + " keys, not " + values.length);
        }
        List<@Nullable String> text = new ArrayList<>(values.length);
        for (Object v : values) {
            text.add(
                    v == null
                            ? null // Cursor writes its own marker for null
                            : v instanceof OffsetDateTime t
                                    ? t.withOffsetSameInstant(ZoneOffset.UTC).toString()
                                    : v.toString());
        }
        return new Cursor(scope, text);
    }
}
