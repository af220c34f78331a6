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
    private final java.util.Set<String> stored = new java.util.LinkedHashSet<>();
    private @org.jspecify.annotations.Nullable Document<R> document;

    /**
     * How a row of the type is found for its stored documents ({@link Documents}): a fresh row (an
     * aliased table), the table expression it is read from, and its key.
     */
    public record Document<R>(
            Function<JsonCompiler, R> row, Function<R, org.jooq.TableLike<?>> from, Function<R, Field<Long>> key) {}

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

    /**
     * This type keeps documents ({@link Documents}): precomputed fields, kept current by the writing
     * transaction. One type does (Vendor, in the table {@code vendor_document}).
     */
    public ReadType<R> document(
            Function<JsonCompiler, R> row, Function<R, org.jooq.TableLike<?>> from, Function<R, Field<Long>> key) {
        this.document = new Document<>(row, from, key);
        return this;
    }

    /**
     * A field of this type kept in its document: every element, with every field the document can
     * hold ({@link Documents}); the compiled path projects a query's selection from it. The tables it
     * reads must invalidate the document (migration 012's triggers).
     */
    public ReadType<R> stored(String field) {
        if (!fields.containsKey(field)) {
            throw new IllegalStateException(name + "." + field + " is stored but not declared");
        }
        stored.add(field);
        return this;
    }

    @org.jspecify.annotations.Nullable
    Document<R> document() {
        return document;
    }

    Set<String> stored() {
        return Collections.unmodifiableSet(stored);
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
        if (stored.contains(field.getName())) {
            return compiler.stored(this, row, field, () -> sql.sql(compiler, row, field));
        }
        return sql.sql(compiler, row, field);
    }

    /** The SQL of a field as the tables give it, never from a document (for building documents). */
    Field<?> live(JsonCompiler compiler, R row, ExecutableNormalizedField field) {
        FieldSql<R> sql = fields.get(field.getName());
        if (sql == null) {
            throw new NotCompiled(name + "." + field.getName());
        }
        return sql.sql(compiler, row, field);
    }
}
