package org.vendorwatch.platform.editing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.graphql.data.ArgumentValue;
import org.vendorwatch.platform.time.FuzzyDate;

/**
 * The column values a write will store, built from a typed input through a {@link Form}. For a
 * creation every field is given (plain values); for an update a field is written only when the
 * client gave it ({@link ArgumentValue}): omitted leaves the stored value alone, an explicit null
 * clears an optional field and is refused for a required one.
 */
public final class Changes {

    private final Form form;
    private final Map<Field<?>, Object> values = new LinkedHashMap<>();
    private final Map<Field<?>, FuzzyDate> dates = new HashMap<>();

    public Changes(Form form) {
        this.form = form;
    }

    public Form form() {
        return form;
    }

    public Map<Field<?>, Object> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean has(Field<?> column) {
        return values.containsKey(column);
    }

    /** Sets a column to a value already checked. */
    public <T> Changes put(Field<T> column, T value) {
        values.put(column, value);
        return this;
    }

    /** The new value of the column, or the stored one when the write does not change it. */
    @SuppressWarnings("unchecked")
    public <T> T valueOr(Field<T> column, Record stored) {
        return values.containsKey(column) ? (T) values.get(column) : stored == null ? null : stored.get(column);
    }

    /** The new date of a date column, or the stored one (with its precision) when the write does not change it. */
    public FuzzyDate dateOr(Field<LocalDate> column, Field<String> precision, Record stored) {
        if (values.containsKey(column)) {
            return dates.get(column);
        }
        return stored == null ? null : FuzzyDate.of(stored.get(column), stored.get(precision));
    }

    /** A creation's value as a given field, so creation and correction build their changes the same way. */
    public static <T> ArgumentValue<T> of(T value) {
        return ArgumentValue.ofNullable(value);
    }

    /** True when the client gave the field (possibly as null). */
    public static boolean given(ArgumentValue<?> v) {
        return v != null && !v.isOmitted();
    }

    private static <T> T raw(ArgumentValue<T> v) {
        return v.value();
    }

    private boolean clearsRequired(String field, ArgumentValue<?> v, boolean required) {
        if (required && v.value() == null) {
            form.error(field, field + " is required (it cannot be left empty or cleared).", "REQUIRED");
            return true;
        }
        return false;
    }

    // --- creation: plain values ------------------------------------------------------------------

    public Changes name(Field<String> column, String field, String raw, int max, boolean required) {
        return put(column, form.name(field, raw, max, required));
    }

    public Changes line(Field<String> column, String field, String raw, int max, boolean required) {
        return put(column, form.line(field, raw, max, required));
    }

    public Changes prose(Field<String> column, String field, String raw, int max, boolean required) {
        return put(column, form.prose(field, raw, max, required));
    }

    public Changes url(Field<String> column, String field, String raw, boolean required) {
        return put(column, form.url(field, raw, required));
    }

    public <T> Changes value(Field<T> column, String field, T raw, boolean required) {
        return put(column, form.value(field, raw, required));
    }

    public Changes urls(Field<String[]> column, String field, List<String> raw, int maxItems) {
        return put(column, form.urls(field, raw, maxItems).toArray(String[]::new));
    }

    public Changes urls(Field<String[]> column, String field, ArgumentValue<List<String>> v, int maxItems) {
        return given(v) ? urls(column, field, raw(v), maxItems) : this;
    }

    public Changes texts(
            Field<String[]> column, String field, List<String> raw, int maxItems, Text.Kind kind, int maxEach) {
        return put(column, form.texts(field, raw, maxItems, kind, maxEach).toArray(String[]::new));
    }

    /** A fuzzy date and its precision column. */
    public Changes date(
            Field<LocalDate> column,
            Field<String> precision,
            String field,
            String raw,
            Dates.Rule rule,
            boolean required) {
        FuzzyDate d = form.date(field, raw, rule, required);
        dates.put(column, d);
        values.put(column, d == null ? null : d.date());
        values.put(precision, d == null ? null : d.precisionName());
        return this;
    }

    // --- update: only what was given ---------------------------------------------------------------

    public Changes name(Field<String> column, String field, ArgumentValue<String> v, int max, boolean required) {
        return given(v) && !clearsRequired(field, v, required) ? name(column, field, raw(v), max, required) : this;
    }

    public Changes line(Field<String> column, String field, ArgumentValue<String> v, int max, boolean required) {
        return given(v) && !clearsRequired(field, v, required) ? line(column, field, raw(v), max, required) : this;
    }

    public Changes prose(Field<String> column, String field, ArgumentValue<String> v, int max, boolean required) {
        return given(v) && !clearsRequired(field, v, required) ? prose(column, field, raw(v), max, required) : this;
    }

    public Changes url(Field<String> column, String field, ArgumentValue<String> v, boolean required) {
        return given(v) && !clearsRequired(field, v, required) ? url(column, field, raw(v), required) : this;
    }

    public <T> Changes value(Field<T> column, String field, ArgumentValue<T> v, boolean required) {
        return given(v) && !clearsRequired(field, v, required) ? value(column, field, raw(v), required) : this;
    }

    public Changes texts(
            Field<String[]> column,
            String field,
            ArgumentValue<List<String>> v,
            int maxItems,
            Text.Kind kind,
            int maxEach) {
        return given(v) ? texts(column, field, raw(v), maxItems, kind, maxEach) : this;
    }

    public Changes date(
            Field<LocalDate> column,
            Field<String> precision,
            String field,
            ArgumentValue<String> v,
            Dates.Rule rule,
            boolean required) {
        return given(v) && !clearsRequired(field, v, required)
                ? date(column, precision, field, raw(v), rule, required)
                : this;
    }
}
