package org.vendorwatch.platform.limits;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.ObjectValue;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.ErrorCode;

/**
 * Refuses, before anything executes, documents that ask too much: too deep, too many nodes
 * (estimated from page sizes), too many aliases, directives or field selections, or too long input lists. Runs after
 * parsing and validation (so circular fragments and unknown fields are already refused) and before
 * the first data fetcher.
 */
@Component
public class QueryLimits extends SimplePerformantInstrumentation {

    private final LimitsProperties limits;

    /**
     * Documents already checked, with the variables that can change the outcome (numbers and booleans:
     * page sizes, @include/@skip; strings never do), so a document is traversed once, not per request.
     */
    private final com.github.benmanes.caffeine.cache.Cache<Checked, Boolean> checked =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumWeight(8L * 1024 * 1024)
                    .weigher((Checked k, Boolean v) -> k.query().length() + 64)
                    .build();

    /** A checked document: its text, the operation, the variables without strings. */
    private record Checked(String query, String operation, Map<String, Object> variables) {}

    public QueryLimits(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext ctx = parameters.getExecutionContext();
        Map<String, Object> variables =
                new java.util.HashMap<>(ctx.getCoercedVariables().toMap());
        variables.replaceAll((k, v) -> v instanceof String ? "" : v);
        Checked key = new Checked(
                ctx.getExecutionInput().getQuery(), ctx.getOperationDefinition().getName(), variables);
        if (checked.getIfPresent(key) == null) {
            check(ctx); // throws when refused: only passing documents are remembered
            checked.put(key, Boolean.TRUE);
        }
        if (ctx.getOperationDefinition().getOperation() == graphql.language.OperationDefinition.Operation.MUTATION
                && ctx.getGraphQLContext().get(RequestLimits.WRITES)
                        instanceof java.util.concurrent.atomic.AtomicBoolean writes) {
            writes.set(true);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    void check(ExecutionContext ctx) {
        Document document = ctx.getDocument();
        int[] aliases = {0};
        int[] directives = {0};
        int[] fields = {0};
        int[] longestList = {0};
        // pre-order: each node once (a depth-first traversal visits it on the way in and out)
        new NodeTraverser()
                .preOrder(
                        new NodeVisitorStub() {
                            @Override
                            public TraversalControl visitField(Field node, TraverserContext<Node> context) {
                                fields[0]++;
                                if (node.getAlias() != null) {
                                    aliases[0]++;
                                }
                                return TraversalControl.CONTINUE;
                            }

                            @Override
                            public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
                                directives[0]++;
                                if (org.vendorwatch.platform.graphql.UnsupportedDirectives.NAMES.contains(
                                        node.getName())) {
                                    throw refuse(
                                            ErrorCode.GRAPHQL_VALIDATION_FAILED,
                                            "@" + node.getName() + " is not supported by this API: "
                                                    + "ask for the fields without it (the answer comes in one piece).");
                                }
                                return TraversalControl.CONTINUE;
                            }

                            @Override
                            public TraversalControl visitArrayValue(ArrayValue node, TraverserContext<Node> context) {
                                longestList[0] = Math.max(
                                        longestList[0], node.getValues().size());
                                return TraversalControl.CONTINUE;
                            }

                            @Override
                            public TraversalControl visitObjectValue(ObjectValue node, TraverserContext<Node> context) {
                                return TraversalControl.CONTINUE;
                            }
                        },
                        document);
        if (aliases[0] > limits.maxAliases()) {
            throw refuse(
                    ErrorCode.TOO_MANY_ALIASES,
                    "The document uses " + aliases[0] + " aliases; at most " + limits.maxAliases() + " are allowed.");
        }
        if (fields[0] > limits.maxFields()) {
            throw refuse(
                    ErrorCode.TOO_MANY_FIELDS,
                    "The document selects " + fields[0] + " fields; at most " + limits.maxFields()
                            + " are allowed (repeating a field does not make it cheaper to refuse).");
        }
        if (directives[0] > limits.maxDirectives()) {
            throw refuse(
                    ErrorCode.TOO_MANY_DIRECTIVES,
                    "The document uses " + directives[0] + " directives; at most " + limits.maxDirectives()
                            + " are allowed.");
        }
        longestList[0] = Math.max(
                longestList[0], longestList(ctx.getCoercedVariables().toMap().values()));
        if (longestList[0] > limits.maxInputList()) {
            throw refuse(
                    ErrorCode.INPUT_LIST_TOO_LONG,
                    "An input list holds " + longestList[0] + " items; at most " + limits.maxInputList()
                            + " are allowed.");
        }

        // depth and estimated nodes: each field counts as many times as the page sizes above it multiply
        Map<QueryVisitorFieldEnvironment, Long> multiplier = new IdentityHashMap<>();
        long[] nodes = {0};
        int[] depth = {0};
        QueryTraverser.newQueryTraverser()
                .schema(ctx.getGraphQLSchema())
                .document(document)
                .operationName(ctx.getOperationDefinition().getName())
                .coercedVariables(ctx.getCoercedVariables())
                .build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment env) {
                        // introspection is bounded by graphql-java's good-faith introspection check instead
                        if (env.isTypeNameIntrospectionField()
                                || env.getFieldDefinition().getName().startsWith("__")
                                || env.getFieldsContainer().getName().startsWith("__")) {
                            return;
                        }
                        int d = 1;
                        for (var p = env.getParentEnvironment(); p != null; p = p.getParentEnvironment()) {
                            d++;
                        }
                        depth[0] = Math.max(depth[0], d);
                        long above = env.getParentEnvironment() == null
                                ? 1
                                : multiplier.getOrDefault(env.getParentEnvironment(), 1L);
                        Object first = env.getArguments().get("first");
                        long here = first instanceof Number n ? Math.max(1, n.longValue()) : 1;
                        long total = Math.min(above * here, Long.MAX_VALUE / 1000);
                        multiplier.put(env, total);
                        nodes[0] += above;
                    }
                });
        if (depth[0] > limits.maxDepth()) {
            throw refuse(
                    ErrorCode.QUERY_TOO_DEEP,
                    "The query nests " + depth[0] + " levels deep; at most " + limits.maxDepth() + " are allowed.");
        }
        long estimate = nodes[0];
        if (estimate > limits.maxNodes()) {
            throw refuse(
                    ErrorCode.QUERY_TOO_LARGE,
                    "The query could return about " + estimate + " nodes; at most " + limits.maxNodes()
                            + " are allowed. Ask for smaller pages (first) or fewer nested lists.");
        }
    }

    private static int longestList(Iterable<?> values) {
        int longest = 0;
        for (Object v : values) {
            if (v instanceof List<?> l) {
                longest = Math.max(longest, Math.max(l.size(), longestList(l)));
            } else if (v instanceof Map<?, ?> m) {
                longest = Math.max(longest, longestList(m.values()));
            }
        }
        return longest;
    }

    /** An error that stops the request before execution, with its stable code. */
    static AbortExecutionException refuse(ErrorCode code, String message) {
        GraphQLError error = GraphqlErrorBuilder.newError()
                .message(message)
                .errorType(new ErrorClassification() {
                    @Override
                    public String toString() {
                        return "ExecutionAborted";
                    }
                })
                .extensions(Map.of("code", code.name()))
                .build();
        return new AbortExecutionException(new ArrayList<>(List.of(error)));
    }
}
