package org.vendorwatch.platform.read;

import graphql.normalized.ExecutableNormalizedField;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Field;

/**
 * The SQL form of the fields of one GraphQL object type, over {@code R}: the (aliased) tables one row
 * of the type is read from. Built once at start-up by the slices' {@link ReadModel}s.
 */
public final class ReadType<R> {

    /** The SQL of one selected field, given the compiler (for nested objects) and its selection. */
    @FunctionalInterface
    public interface FieldSql<R> {
        /** @throws NotCompiled when this field (or one of its arguments) has no SQL form */
        Field<?> sql(JsonCompiler compiler, R row, ExecutableNormalizedField field);
    }

    private final String name;
    private final Class<R> row;
    private final Map<String, FieldSql<R>> fields = new LinkedHashMap<>();
    private final java.util.Set<String> projected = new java.util.LinkedHashSet<>();

    ReadType(String name, Class<R> row) {
        this.name = name;
        this.row = row;
    }

    public String name() {
        return name;
    }

    Class<R> row() {
        return row;
    }

    /** A field that is a column or expression of the row, whatever its selection and arguments. */
    public ReadType<R> column(String field, Function<R, Field<?>> sql) {
        return field(field, (c, r, f) -> sql.apply(r));
    }

    /**
     * The fields of a {@link Projection}: the field-by-field path reads them from the view's
     * {@link Projected} map, so both paths serve the same SQL.
     */
    public ReadType<R> columns(Projection<R> projection) {
        projection.columns().forEach(this::column);
        projected.addAll(projection.columns().keySet());
        return this;
    }

    /** The fields the data fetchers read from a {@link Projected} view. */
    Set<String> projected() {
        return Collections.unmodifiableSet(projected);
    }

    /** A field whose SQL depends on its arguments or selection (objects, lists, connections). */
    public ReadType<R> field(String field, FieldSql<R> sql) {
        if (fields.putIfAbsent(field, sql) != null) {
            throw new IllegalStateException(name + "." + field + " is declared twice for the compiled read path");
        }
        return this;
    }

    /** The names of the declared fields. */
    public Set<String> fields() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    Field<?> sql(JsonCompiler compiler, R row, ExecutableNormalizedField field) {
        FieldSql<R> sql = fields.get(field.getName());
        if (sql == null) {
            throw new NotCompiled(name + "." + field.getName());
        }
        return sql.sql(compiler, row, field);
    }
}
