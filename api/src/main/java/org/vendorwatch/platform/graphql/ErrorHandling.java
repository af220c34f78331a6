package org.vendorwatch.platform.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one place where exceptions become GraphQL errors. Client mistakes ({@link ApiException}) keep
 * their message and code; anything else is masked as "Internal error" with an id that is logged
 * with the stack trace, so no SQL, class or constraint name reaches a client. Every error leaving the
 * service carries {@code extensions.code}.
 */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {}

    /** Told to an editor whose write may have committed although its answer failed. */
    static final String CHECK_HISTORY =
            " The change may have been saved: check the record's history before you retry it.";

    /** True inside a mutation: its failure may come after the commit (the answer, not the write, failed). */
    static boolean inMutation(DataFetchingEnvironment env) {
        return env.getOperationDefinition() != null
                && env.getOperationDefinition().getOperation()
                        == graphql.language.OperationDefinition.Operation.MUTATION;
    }

    @Component
    static class Resolver extends DataFetcherExceptionResolverAdapter {
        @Override
        protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
            if (ex instanceof ApiException api) {
                ErrorType type = switch (api.code()) {
                    case UNAUTHORIZED -> ErrorType.UNAUTHORIZED;
                    case FORBIDDEN, READ_ONLY -> ErrorType.FORBIDDEN;
                    default -> ErrorType.BAD_REQUEST;
                };
                return GraphqlErrorBuilder.newError(env)
                        .errorType(type)
                        .message(api.getMessage())
                        .extensions(GraphQlConfiguration.codeExtension(api.code()))
                        .build();
            }
            if (ex instanceof graphql.execution.AbortExecutionException) {
                // the request's time limit cancelled the execution; the client is answered TIMEOUT
                return resolveToSingleError(
                        new ApiException(ErrorCode.TIMEOUT, "The request took longer than allowed and was stopped."),
                        env);
            }
            ApiException known = fromDatabase(ex);
            if (known != null) {
                LOG.info("Refused at {}: {} ({})", env.getExecutionStepInfo().getPath(), known.code(), rootMessage(ex));
                if (known.code() == ErrorCode.UNAVAILABLE && inMutation(env)) {
                    known = new ApiException(ErrorCode.UNAVAILABLE, known.getMessage() + CHECK_HISTORY);
                }
                return resolveToSingleError(known, env);
            }
            String id = UUID.randomUUID().toString();
            LOG.error("Internal error {} at {}", id, env.getExecutionStepInfo().getPath(), ex);
            return GraphqlErrorBuilder.newError(env)
                    .errorType(ErrorType.INTERNAL_ERROR)
                    .message("Internal error (id " + id + ")" + (inMutation(env) ? "." + CHECK_HISTORY : ""))
                    .extensions(Map.of("code", ErrorCode.INTERNAL_ERROR.name(), "errorId", id))
                    .build();
        }
    }

    /**
     * Database refusals that a client can cause without a bug on our side: a write racing another
     * (unique or consistency rules checked at commit), a statement stopped by statement_timeout,
     * text PostgreSQL cannot store (the transaction has rolled back: nothing was written), and a
     * database out of reach, or a pool with no connection to give within its timeout (UNAVAILABLE).
     */
    public static ApiException fromDatabase(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                // the pool waited its limit for a connection (e.g. while the database restarts)
                return new ApiException(ErrorCode.UNAVAILABLE, "The database is unavailable; try again shortly.");
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("23")) {
                    return new ApiException(
                            ErrorCode.CONFLICT,
                            "The change conflicts with data written meanwhile or with a "
                                    + "consistency rule; nothing was written. Reload the record and try again.");
                }
                if (state.startsWith("08")) {
                    return new ApiException(ErrorCode.UNAVAILABLE, "The database is unavailable; try again shortly.");
                }
                if (state.equals("57014")) {
                    return new ApiException(ErrorCode.TIMEOUT, "The request took longer than allowed and was stopped.");
                }
                if (state.equals("22021") || state.equals("22P05")) {
                    return new ApiException(
                            ErrorCode.INVALID_ARGUMENT, "The input holds characters that cannot be stored.");
                }
                return null;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /**
     * Adds a stable {@code extensions.code} to errors raised before execution (parse, validation),
     * masks engine errors, caps the number of errors per response, and counts refusals by code.
     */
    @Component
    static class CodeInterceptor implements WebGraphQlInterceptor {
        private final org.vendorwatch.platform.limits.LimitsProperties limits;

        CodeInterceptor(org.vendorwatch.platform.limits.LimitsProperties limits) {
            this.limits = limits;
        }

        @Override
        public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
            return chain.next(request).map(response -> {
                if (response.getErrors().isEmpty()) {
                    return response;
                }
                List<GraphQLError> errors = new ArrayList<>();
                var all = collapseRepeats(response.getErrors());
                for (var e : all.subList(0, Math.min(all.size(), limits.maxErrors()))) {
                    Map<String, Object> ext = e.getExtensions() == null ? Map.of() : e.getExtensions();
                    if (ext.containsKey("code")) {
                        errors.add(toGraphQlError(e, ext));
                        continue;
                    }
                    ErrorCode code = codeFor(e.getErrorType());
                    if (code == ErrorCode.GRAPHQL_PARSE_FAILED
                            && e.getMessage() != null
                            && e.getMessage().contains("tokens")) {
                        code = ErrorCode.TOO_MANY_TOKENS;
                    }
                    Map<String, Object> withCode = new LinkedHashMap<>(ext);
                    withCode.put("code", code.name());
                    if (code == ErrorCode.INTERNAL_ERROR) {
                        // raised by the engine, not by us (e.g. a value that cannot be serialized): mask it
                        String id = UUID.randomUUID().toString();
                        LOG.error("Internal error {} at {}: {}", id, e.getPath(), e.getMessage());
                        withCode.put("errorId", id);
                        errors.add(GraphqlErrorBuilder.newError()
                                .message("Internal error (id " + id + ")")
                                .errorType(ErrorType.INTERNAL_ERROR)
                                .extensions(withCode)
                                .build());
                        continue;
                    }
                    errors.add(toGraphQlError(e, withCode));
                }
                if (all.size() > limits.maxErrors()) {
                    errors.add(GraphqlErrorBuilder.newError()
                            .message((all.size() - limits.maxErrors()) + " more errors were left out.")
                            .errorType(ErrorType.BAD_REQUEST)
                            .extensions(Map.of("code", ErrorCode.TOO_MANY_ERRORS.name()))
                            .build());
                }
                errors.forEach(e -> io.micrometer.core.instrument.Metrics.counter(
                                "vendorwatch.refusals",
                                "code",
                                String.valueOf(
                                        e.getExtensions() == null
                                                ? "NONE"
                                                : e.getExtensions().get("code")))
                        .increment());
                return response.transform(b -> b.errors(errors));
            });
        }

        /**
         * Request errors (no path) with the same message become one error with all their locations:
         * ten copies of an unknown directive are one mistake, reported once (graphql-cop's directive
         * overloading check counts them).
         */
        private static List<org.springframework.graphql.ResponseError> collapseRepeats(
                List<org.springframework.graphql.ResponseError> all) {
            Map<String, List<org.springframework.graphql.ResponseError>> byMessage = new LinkedHashMap<>();
            List<org.springframework.graphql.ResponseError> out = new ArrayList<>();
            for (var e : all) {
                if (e.getParsedPath() == null || e.getParsedPath().isEmpty()) {
                    List<org.springframework.graphql.ResponseError> same =
                            byMessage.computeIfAbsent(String.valueOf(e.getMessage()), m -> new ArrayList<>());
                    if (same.isEmpty()) {
                        out.add(e);
                    }
                    same.add(e);
                } else {
                    out.add(e);
                }
            }
            out.replaceAll(e -> {
                var same = byMessage.get(String.valueOf(e.getMessage()));
                if (same == null
                        || same.size() < 2
                        || (e.getParsedPath() != null && !e.getParsedPath().isEmpty())) {
                    return e;
                }
                List<graphql.language.SourceLocation> locations = new ArrayList<>();
                same.forEach(r -> locations.addAll(r.getLocations() == null ? List.of() : r.getLocations()));
                return new RepeatedError(e, locations.subList(0, Math.min(locations.size(), 20)));
            });
            return out;
        }

        /** One request error standing for several identical ones, with their locations. */
        private record RepeatedError(
                org.springframework.graphql.ResponseError first, List<graphql.language.SourceLocation> locations)
                implements org.springframework.graphql.ResponseError {
            @Override
            public String getMessage() {
                return first.getMessage();
            }

            @Override
            public List<graphql.language.SourceLocation> getLocations() {
                return locations;
            }

            @Override
            public ErrorClassification getErrorType() {
                return first.getErrorType();
            }

            @Override
            public String getPath() {
                return first.getPath();
            }

            @Override
            public List<Object> getParsedPath() {
                return first.getParsedPath();
            }

            @Override
            public Map<String, Object> getExtensions() {
                return first.getExtensions();
            }
        }

        private static GraphQLError toGraphQlError(
                org.springframework.graphql.ResponseError e, Map<String, Object> ext) {
            GraphqlErrorBuilder<?> b = GraphqlErrorBuilder.newError()
                    .message(e.getMessage())
                    .errorType(e.getErrorType())
                    .extensions(ext);
            if (e.getLocations() != null && !e.getLocations().isEmpty()) {
                b.locations(e.getLocations());
            }
            if (e.getParsedPath() != null && !e.getParsedPath().isEmpty()) {
                b.path(e.getParsedPath());
            }
            return b.build();
        }

        private static ErrorCode codeFor(ErrorClassification type) {
            String name = type == null ? "" : type.toString();
            return switch (name) {
                case "InvalidSyntax" -> ErrorCode.GRAPHQL_PARSE_FAILED;
                case "ValidationError", "BAD_REQUEST", "OperationNotSupported" -> ErrorCode.GRAPHQL_VALIDATION_FAILED;
                case "BadFaithIntrospection" -> ErrorCode.QUERY_TOO_LARGE;
                default -> ErrorCode.INTERNAL_ERROR;
            };
        }
    }
}
