package org.vendorwatch.platform.read;

import graphql.normalized.ExecutableNormalizedField;
import org.jooq.Field;

/**
 * One slice's part of the compiled read path: the SQL form of the GraphQL fields the slice answers.
 * A slice declares fields on its own types and on the types it extends, the way its controllers map
 * them (the sanction slice adds {@code Vendor.sanctionActions}, as {@code SanctionController} does).
 * Every field declared here is compared byte for byte with its data fetcher by
 * {@code CompiledFieldsTest}, which selects every declared field; a field of a covered type that is not
 * declared must be on that test's list of fields that run field by field.
 */
public interface ReadModel {

    void declare(Declarations declare);

    /** What a slice can declare. */
    interface Declarations {

        /**
         * The fields of the GraphQL object type {@code name}, read from a row of {@code row} (the same
         * class for every slice that adds fields to the type). Declarations of one type add up.
         */
        <R> ReadType<R> type(String name, Class<R> row);

        /** A root field of {@code Query}. */
        void query(String field, RootField sql);

        /**
         * An argument ({@code Type.field.argument}) the SQL binds verbatim as one bind value, never
         * validated, transformed or used to choose the statement's shape: a String variable used only
         * there lets one cached statement serve every value (see CompiledReads).
         */
        void verbatim(String argument);
    }

    /** A root field of Query as SQL; throws {@link NotCompiled} for what it does not cover. */
    @FunctionalInterface
    interface RootField {
        Field<?> sql(JsonCompiler compiler, ExecutableNormalizedField field);
    }
}
