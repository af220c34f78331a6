package org.vendorwatch.platform.graphql;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/** The {@code Date} (ISO {@code YYYY-MM-DD}) and {@code DateTime} (ISO with offset) scalars. */
public final class Scalars {

    private Scalars() {
    }

    public static final GraphQLScalarType DATE = GraphQLScalarType.newScalar()
            .name("Date")
            .description("An ISO 8601 calendar date, YYYY-MM-DD.")
            .coercing(new Coercing<LocalDate, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof LocalDate d) {
                        return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
                    }
                    throw new CoercingSerializeException("Not a date");
                }

                @Override
                public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String s) {
                        return parse(s, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("A Date must be a string YYYY-MM-DD.");
                }

                @Override
                public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue s) {
                        return parse(s.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("A Date must be a string YYYY-MM-DD.");
                }

                private <E extends RuntimeException> LocalDate parse(String s, java.util.function.Function<String, E> error) {
                    try {
                        if (s.length() != 10) {
                            throw error.apply("A Date must be YYYY-MM-DD.");
                        }
                        return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
                    } catch (DateTimeParseException e) {
                        throw error.apply("Not a valid date (YYYY-MM-DD): " + truncate(s));
                    }
                }
            })
            .build();

    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An ISO 8601 date-time with offset.")
            .coercing(new Coercing<OffsetDateTime, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof OffsetDateTime t) {
                        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
                    }
                    throw new CoercingSerializeException("Not a date-time");
                }

                @Override
                public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String s) {
                        try {
                            return OffsetDateTime.parse(s);
                        } catch (DateTimeParseException e) {
                            throw new CoercingParseValueException("Not a valid ISO 8601 date-time with offset: " + truncate(s));
                        }
                    }
                    throw new CoercingParseValueException("A DateTime must be a string.");
                }

                @Override
                public OffsetDateTime parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue s) {
                        try {
                            return OffsetDateTime.parse(s.getValue());
                        } catch (DateTimeParseException e) {
                            throw new CoercingParseLiteralException("Not a valid ISO 8601 date-time with offset: " + truncate(s.getValue()));
                        }
                    }
                    throw new CoercingParseLiteralException("A DateTime must be a string.");
                }
            })
            .build();

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

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
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    throw new CoercingParseLiteralException("JSON is an output type here.");
                }
            })
            .build();

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
