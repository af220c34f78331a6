package org.vendorwatch.platform.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/** The {@code Date} (ISO {@code YYYY-MM-DD}) and {@code DateTime} (ISO with offset, always written in UTC) scalars. */
public final class Scalars {

    private Scalars() {}

    public static final GraphQLScalarType DATE = stringScalar(
            "Date",
            "An ISO 8601 calendar date, YYYY-MM-DD.",
            LocalDate.class,
            DateTimeFormatter.ISO_LOCAL_DATE::format,
            "A Date must be a string YYYY-MM-DD.",
            s -> {
                if (s.length() != 10) {
                    throw new IllegalArgumentException("A Date must be YYYY-MM-DD.");
                }
                try {
                    return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("Not a valid date (YYYY-MM-DD): " + truncate(s));
                }
            });

    public static final GraphQLScalarType DATE_TIME = stringScalar(
            "DateTime",
            "An ISO 8601 date-time with offset.",
            OffsetDateTime.class,
            t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withOffsetSameInstant(java.time.ZoneOffset.UTC)),
            "A DateTime must be a string.",
            s -> {
                try {
                    return OffsetDateTime.parse(s);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("Not a valid ISO 8601 date-time with offset: " + truncate(s));
                }
            });

    /**
     * A scalar written as a string: {@code parse} turns client text into the value or throws
     * IllegalArgumentException with the message the client sees; variables and literals share it.
     */
    private static <T> GraphQLScalarType stringScalar(
            String name,
            String description,
            Class<T> type,
            Function<T, String> format,
            String notAString,
            Function<String, T> parse) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description)
                .coercing(new Coercing<T, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (type.isInstance(value)) {
                            return format.apply(type.cast(value));
                        }
                        throw new CoercingSerializeException("Not a " + name);
                    }

                    @Override
                    public T parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (!(input instanceof String s)) {
                            throw new CoercingParseValueException(notAString);
                        }
                        try {
                            return parse.apply(s);
                        } catch (IllegalArgumentException e) {
                            throw new CoercingParseValueException(e.getMessage());
                        }
                    }

                    @Override
                    public T parseLiteral(
                            Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (!(input instanceof StringValue s)) {
                            throw new CoercingParseLiteralException(notAString);
                        }
                        try {
                            return parse.apply(s.getValue());
                        } catch (IllegalArgumentException e) {
                            throw new CoercingParseLiteralException(e.getMessage());
                        }
                    }
                })
                .build();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** Output-only JSON: JSON text from the database is emitted as the structure it encodes. */
    public static final GraphQLScalarType JSON_SCALAR = GraphQLScalarType.newScalar()
            .name("JSON")
            .description("Arbitrary JSON.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof String s) {
                        return JSON.readValue(s, Object.class);
                    }
                    return value;
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    return input;
                }

                @Override
                public Object parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    throw new CoercingParseLiteralException("JSON is an output type here.");
                }
            })
            .build();

    /** Largest integer a JSON number keeps exactly in every client (JavaScript's Number.MAX_SAFE_INTEGER). */
    private static final long MAX_SAFE = (1L << 53) - 1;

    /** An integer beyond Int's 32 bits (file sizes, counts), written as a JSON number. */
    public static final GraphQLScalarType SAFE_INT = GraphQLScalarType.newScalar()
            .name("SafeInt")
            .description("An integer from -(2^53-1) to 2^53-1 (exact in every JSON client), written as a JSON number.")
            .coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                        long v = ((Number) value).longValue();
                        if (Math.abs(v) <= MAX_SAFE) {
                            return v;
                        }
                    }
                    throw new CoercingSerializeException("Not a SafeInt");
                }

                @Override
                public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof Number n
                            && n.doubleValue() == Math.rint(n.doubleValue())
                            && Math.abs(n.doubleValue()) <= MAX_SAFE) {
                        return n.longValue();
                    }
                    throw new CoercingParseValueException("A SafeInt must be an integer from -(2^53-1) to 2^53-1.");
                }

                @Override
                public Long parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof graphql.language.IntValue i
                            && i.getValue().abs().compareTo(java.math.BigInteger.valueOf(MAX_SAFE)) <= 0) {
                        return i.getValue().longValue();
                    }
                    throw new CoercingParseLiteralException("A SafeInt must be an integer from -(2^53-1) to 2^53-1.");
                }
            })
            .build();

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
