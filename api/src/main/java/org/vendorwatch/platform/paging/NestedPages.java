package org.vendorwatch.platform.paging;

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
import org.jooq.SelectField;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.vendorwatch.platform.db.Sql;

/**
 * Pages of a child list for many parents in one statement (e.g. the 5 newest allegations of each of
 * 100 vendors): ROW_NUMBER() per parent in a derived table, and the per-parent total from a window
 * COUNT in the same statement. With a cursor, totals need one more grouped count.
 */
public final class NestedPages {

    private NestedPages() {}

    /**
     * What to page: rows of {@code from} whose {@code parent} is among the parents, in the keyset's
     * order; {@code cursorOf} gives a row's cursor from its view ({@code keyset.cursor(...)}).
     */
    public record Spec<V>(
            TableLike<?> from,
            Field<Long> parent,
            List<SelectField<?>> fields,
            Condition where,
            Keyset keyset,
            Function<Record, V> mapper,
            Function<V, Cursor> cursorOf) {}

    public static <V> Map<Long, Connection<V>> load(
            DSLContext dsl, Spec<V> spec, Collection<Long> parents, PageArgs page) {
        Cursor cursor = spec.keyset().decode(page.after());
        // Inner select: the row's fields under positional aliases (joined tables share column names),
        // its parent, the parent's total and its rank; the outer select keeps the first ranks.
        List<Field<?>> original = new ArrayList<>();
        spec.fields().forEach(f -> original.add((Field<?>) f));
        List<SelectField<?>> inner = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            inner.add(original.get(i).as("c" + i));
        }
        inner.add(spec.parent().as("np_parent"));
        inner.add(DSL.count().over(DSL.partitionBy(spec.parent())).as("np_total"));
        inner.add(DSL.rowNumber()
                .over(DSL.partitionBy(spec.parent()).orderBy(spec.keyset().order()))
                .as("np_rank"));
        Condition where = spec.where().and(Sql.anyOf(spec.parent(), parents));
        Condition keyset = spec.keyset().after(cursor);
        var np = dsl.select(inner).from(spec.from()).where(where).and(keyset).asTable("np");
        Field<Long> parent = DSL.field(DSL.name("np", "np_parent"), Long.class);
        Field<Integer> total = DSL.field(DSL.name("np", "np_total"), Integer.class);
        Field<Long> rank = DSL.field(DSL.name("np", "np_rank"), Long.class);
        Map<Long, List<V>> rows = new LinkedHashMap<>();
        Map<Long, Integer> totals = new HashMap<>();
        Field<?>[] shape = original.toArray(Field[]::new);
        for (Record r : dsl.select(np.fields())
                .from(np)
                .where(rank.le((long) page.first() + 1))
                .orderBy(parent, rank)
                .fetch()) {
            long p = r.get(parent);
            Record row = dsl.newRecord(shape);
            row.fromArray(java.util.Arrays.copyOf(r.intoArray(), shape.length));
            rows.computeIfAbsent(p, k -> new ArrayList<>()).add(spec.mapper().apply(row));
            totals.put(p, r.get(total));
        }
        if (cursor != null) {
            totals.clear();
            dsl.select(spec.parent(), DSL.count())
                    .from(spec.from())
                    .where(where)
                    .groupBy(spec.parent())
                    .fetch()
                    .forEach(r -> totals.put(r.value1(), r.value2()));
        }
        Map<Long, Connection<V>> out = new HashMap<>();
        for (Long p : parents) {
            int n = totals.getOrDefault(p, 0);
            out.put(p, Connection.of(rows.getOrDefault(p, List.of()), page, spec.cursorOf(), () -> n));
        }
        return out;
    }
}
