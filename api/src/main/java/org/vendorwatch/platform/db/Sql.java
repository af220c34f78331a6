package org.vendorwatch.platform.db;

import java.util.Arrays;
import java.util.List;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.vendorwatch.platform.graphql.AspectConfidence;

/** Small SQL helpers shared by the query classes. */
public final class Sql {

    private Sql() {}

    /**
     * The SQLState of a failed statement, wherever it is in the cause chain (jOOQ's exception, or
     * Spring's translation of it), or null.
     */
    public static String state(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** True for a unique, check or exclusion violation: the data refused the write, not the database failed. */
    public static boolean refusedByConstraint(Throwable failure) {
        String state = state(failure);
        return "23505".equals(state) || "23514".equals(state) || "23P01".equals(state);
    }

    /** The database's accent- and case-folding of a value (vw_fold), the same as the stored folded columns. */
    public static Field<String> fold(Field<String> value) {
        return DSL.function("vw_fold", String.class, value);
    }

    /** A LIKE pattern (escape character backslash) matching folded values that contain {@code text}. */
    public static Field<String> containsPattern(String text) {
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return DSL.inline("%").concat(fold(DSL.val(escaped))).concat(DSL.inline("%"));
    }

    /**
     * {@code field = any(?)} with one array parameter: unlike IN (?, ?, ...), the statement text does not
     * change with the number of ids, so PostgreSQL reuses its plan (planning 250 parameters cost more
     * than running the query).
     */
    public static org.jooq.Condition anyOf(Field<Long> field, java.util.Collection<Long> ids) {
        return field.eq(DSL.any(ids.toArray(new Long[0])));
    }

    /** Sort key putting HIGH before MEDIUM before LOW. */
    public static Field<Integer> confidenceRank(Field<String> confidence) {
        return DSL.when(confidence.eq("HIGH"), 0)
                .when(confidence.eq("MEDIUM"), 1)
                .otherwise(2);
    }

    public static List<String> list(String[] array) {
        return array == null ? List.of() : Arrays.asList(array);
    }

    /** Parses a confidence_detail object ({"aspect": "HIGH", ...}) into a sorted list. */
    public static List<AspectConfidence> aspects(JSONB json) {
        return AspectConfidence.parse(json == null ? null : json.data());
    }
}
