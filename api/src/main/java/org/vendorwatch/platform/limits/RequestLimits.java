package org.vendorwatch.platform.limits;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.parser.ParserOptions;
import java.util.Map;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.ErrorCode;
import reactor.core.publisher.Mono;

/**
 * Per-request limits applied around execution: the parser's token budget (larger for signed-in
 * clients) and the wall-clock timeout. The database's own statement timeout (a little shorter) stops
 * the SQL, so the connection is released too.
 */
@Component
public class RequestLimits implements WebGraphQlInterceptor {

    private final LimitsProperties limits;

    public RequestLimits(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        boolean signedIn = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken;
        int tokens = signedIn ? limits.maxTokensEditor() : limits.maxTokensAnonymous();
        java.util.concurrent.atomic.AtomicBoolean writes = new java.util.concurrent.atomic.AtomicBoolean();
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(
                        ParserOptions.class,
                        ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(tokens)),
                        WRITES,
                        writes))
                .build());
        long start = System.nanoTime();
        // Two guards: the timer answers TIMEOUT while execution still runs (and cancels it); and a query
        // that ends past the limit answers TIMEOUT too, so the outcome never depends on which thread wins
        // when the execution blocks the thread it was subscribed on. A mutation that did end is answered
        // with its real result: the client must learn that the change was made.
        long limitNanos = limits.timeout().toNanos();
        return chain.next(request)
                .map(response ->
                        System.nanoTime() - start > limitNanos && !writes.get() ? timedOut(request, false) : response)
                .timeout(limits.timeout(), Mono.fromSupplier(() -> timedOut(request, writes.get())))
                .doOnNext(response -> io.micrometer.core.instrument.Timer.builder("vendorwatch.graphql.request")
                        .description("GraphQL requests by operation name and outcome")
                        .tag(
                                "operation",
                                operationTag(
                                        request.getOperationName() != null
                                                ? request.getOperationName()
                                                : documentName(request.getDocument())))
                        .tag("outcome", response.getErrors().isEmpty() ? "success" : "error")
                        .register(io.micrometer.core.instrument.Metrics.globalRegistry)
                        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private final java.util.Set<String> operations = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final java.util.regex.Pattern NAMED =
            java.util.regex.Pattern.compile("^\\s*(?:#[^\\n]*\\n\\s*)*(?:query|mutation)\\s+([A-Za-z_][A-Za-z0-9_]*)");

    /** The name of the document's first operation, when the request does not name one. */
    private static String documentName(String document) {
        if (document == null) {
            return null;
        }
        var m = NAMED.matcher(document.length() > 500 ? document.substring(0, 500) : document);
        return m.find() ? m.group(1) : null;
    }

    /** Operation names become metric tags: well-formed ones only, and at most 200 distinct (the rest: "other"). */
    private String operationTag(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            return name == null ? "anonymous" : "other";
        }
        if (operations.contains(name) || operations.size() < 200 && operations.add(name)) {
            return name;
        }
        return "other";
    }

    private static String human(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Key of a per-request flag in the GraphQL context, set by {@link QueryLimits} when the operation is a
     * mutation (the timeout answer then says that the change may still complete).
     */
    public static final String WRITES = "vendorwatch.writes";

    private WebGraphQlResponse timedOut(WebGraphQlRequest request, boolean mutation) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message("The request took longer than " + human(limits.timeout())
                                + (mutation
                                        ? "; its change may still complete: check the record's history before retrying."
                                        : " and was stopped."))
                        .errorType(ErrorType.INTERNAL_ERROR)
                        .extensions(Map.of("code", ErrorCode.TIMEOUT.name()))
                        .build())
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }
}
