package org.vendorwatch.platform.read;

import graphql.normalized.ExecutableNormalizedField;
import org.jooq.Field;

/**
 * The SQL form of the fields of one GraphQL object type, over {@code R}: the (aliased) tables one row
 * of that type is read from.
 */
@FunctionalInterface
interface Shape<R> {

    /**
     * The SQL of one selected field (not {@code __typename}): a column or expression for a scalar, a
     * JSON subquery built with the compiler for an object, list or connection.
     *
     * @throws NotCompiled when this field (or one of its arguments) has no SQL form
     */
    Field<?> field(JsonCompiler compiler, R row, ExecutableNormalizedField field);
}
