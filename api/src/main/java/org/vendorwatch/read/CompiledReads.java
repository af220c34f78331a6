package org.vendorwatch.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.instrumentation.ExecutionStrategyInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.language.OperationDefinition;
import graphql.execution.CoercedVariables;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.ApiException;
import tools.jackson.databind.util.RawValue;

/**
 * The compiled read path. A query whose every selected field has an SQL form ({@link ReadShapes}) is
 * answered by one SQL statement that builds the whole {@code data} JSON in PostgreSQL; its text is
 * written to the client as it is. Any other query, and any query the compiler refuses (a field it does
 * not cover, an invalid argument, a database error), runs field by field through the data fetchers,
 * which also produce every error message. Parsing, validation, limits, instrumentation and timeouts
 * are the same on both paths: only the execution strategy of queries differs.
 *
 * <p>Why: a newsroom page of 50 vendors has about 4,000 field values; executed field by field that
 * costs the JVM more than PostgreSQL's whole work on the page (see bench/README.md).
 *
 * <p>The statement of a request (SQL text and bind values, never data) is cached by document,
 * operation and variables, so a page requested again skips compiling and rendering; queries that do
 * not compile are remembered too. Switch: {@code vendorwatch.read.compiled} (default true); cache size:
 * {@code vendorwatch.read.statement-cache-size}.
 */
@Component
public class CompiledReads extends SimplePerformantInstrumentation {

    private static final Logger log = LoggerFactory.getLogger(CompiledReads.class);

    private final DSLContext dsl;
    private volatile boolean enabled;
    private final int queryTimeoutSeconds;
    private final Cache<Key, Template> statements;
    private final Cache<Key, Set<String>> parametric;

    public CompiledReads(DSLContext dsl, @Value("${vendorwatch.read.compiled:true}") boolean enabled,
                         @Value("${vendorwatch.read.statement-cache-size:1000}") int cacheSize) {
        this.dsl = dsl;
        this.enabled = enabled;
        Integer timeout = dsl.settings().getQueryTimeout();
        this.queryTimeoutSeconds = timeout == null ? 0 : timeout;
        this.statements = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.parametric = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /** Switches the compiled path on or off at run time (tests compare both paths on the same data). */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    private static void count(String path) {
        io.micrometer.core.instrument.Metrics.counter("vendorwatch.read.path", "path", path).increment();
    }

    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
                                                       InstrumentationState state) {
        if (!enabled || context.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY) {
            return context;
        }
        ExecutionStrategy fieldByField = context.getQueryStrategy();
        return context.transform(b -> b.queryStrategy(new Strategy(fieldByField)));
    }

    /** The statement of the operation with these variables: one column per root field, its JSON. */
    private static org.jooq.Select<Record> compile(ExecutionContext context, Map<String, Object> variables) {
        JsonCompiler compiler = new JsonCompiler();
        List<Field<?>> columns = new ArrayList<>();
        for (ExecutableNormalizedField root : roots(context, variables)) {
            columns.add("__typename".equals(root.getName()) ? DSL.inline("\"Query\"") : ReadShapes.root(compiler, root));
        }
        return DSL.select(columns);
    }

    private static List<ExecutableNormalizedField> roots(ExecutionContext context, Map<String, Object> variables) {
        return ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(context.getGraphQLSchema(),
                context.getDocument(), context.getOperationDefinition().getName(), CoercedVariables.of(variables)).getTopLevelFields();
    }

    /** A compiled statement: SQL text and bind values; NONE when the query runs field by field. */
    record Compiled(String sql, List<Object> binds, List<String> keys) {
        static final Compiled NONE = new Compiled(null, List.of(), List.of());
    }

    /**
     * A statement with slots: {@code slots.get(i)} names the String variable whose value is bind value
     * i (null: the value in {@code binds}). Vendor pages by slug share one template for every slug.
     */
    private record Template(String sql, List<Object> binds, List<String> slots, List<String> keys) {
        static final Template NONE = new Template(null, List.of(), List.of(), List.of());

        Compiled bind(Map<String, Object> variables) {
            if (this == NONE) {
                return Compiled.NONE;
            }
            List<Object> values = new ArrayList<>(binds);
            for (int i = 0; i < slots.size(); i++) {
                if (slots.get(i) != null) {
                    values.set(i, variables.get(slots.get(i)));
                }
            }
            return new Compiled(sql, values, keys);
        }
    }

    /** Same document, operation and variables (parametric ones masked): same statement. */
    private record Key(String query, String operationName, Map<String, Object> variables) {
    }

    private static final String MASKED = "\u0000masked";

    /**
     * The compiled statement of this request (NONE if not compilable). String variables that the
     * compiler only passes through as bind values (a slug) are parameters: the statement is compiled
     * once for all their values. Which ones they are is learned once per document by compiling with
     * unique stand-in values and finding the stand-ins among the bind values; a variable that decides
     * the statement's shape (a cursor, a filter text) is never found verbatim and stays in the key.
     */
    private Compiled compiled(ExecutionContext context) {
        var input = context.getExecutionInput();
        Map<String, Object> variables = context.getCoercedVariables().toMap();
        Set<String> strings = new java.util.HashSet<>();
        variables.forEach((k, v) -> {
            if (v instanceof String) {
                strings.add(k);
            }
        });
        Set<String> parameters = strings.isEmpty() ? Set.of() : parametric.get(
                new Key(input.getQuery(), input.getOperationName(), masked(variables, strings)), k -> learn(context, variables, strings));
        Key key = new Key(input.getQuery(), input.getOperationName(), masked(variables, parameters));
        return statements.get(key, k -> template(context, variables, parameters)).bind(variables);
    }

    private static Map<String, Object> masked(Map<String, Object> variables, Set<String> names) {
        if (names.isEmpty()) {
            return variables;
        }
        Map<String, Object> out = new LinkedHashMap<>(variables);
        names.forEach(n -> out.put(n, MASKED));
        return out;
    }

    /** Stand-ins for the named variables: distinct String objects, recognisable by identity. */
    private static Map<String, Object> standIns(Map<String, Object> variables, Set<String> names) {
        Map<String, Object> out = new LinkedHashMap<>(variables);
        names.forEach(n -> out.put(n, new String("\u0000" + n)));
        return out;
    }

    private Set<String> learn(ExecutionContext context, Map<String, Object> variables, Set<String> strings) {
        Map<String, Object> probe = standIns(variables, strings);
        try {
            List<Object> binds = dsl.extractBindValues(compile(context, probe));
            Set<String> found = new java.util.HashSet<>();
            for (String name : strings) {
                if (binds.stream().anyMatch(b -> b == probe.get(name))) {
                    found.add(name);
                }
            }
            return Set.copyOf(found);
        } catch (NotCompiled | ApiException e) {
            return Set.of();
        }
    }

    private Template template(ExecutionContext context, Map<String, Object> variables, Set<String> parameters) {
        Map<String, Object> probe = standIns(variables, parameters);
        try {
            org.jooq.Select<Record> select = compile(context, probe);
            List<Object> binds = new ArrayList<>(dsl.extractBindValues(select));
            List<String> slots = new ArrayList<>();
            for (int i = 0; i < binds.size(); i++) {
                String slot = null;
                for (String name : parameters) {
                    if (binds.get(i) == probe.get(name)) {
                        slot = name;
                    }
                }
                slots.add(slot);
                if (slot != null) {
                    binds.set(i, null);
                }
            }
            return new Template(dsl.render(select), java.util.Collections.unmodifiableList(binds), java.util.Collections.unmodifiableList(slots),
                    roots(context, probe).stream().map(ExecutableNormalizedField::getResultKey).toList());
        } catch (NotCompiled e) {
            log.debug("field by field: {} not compiled", e.getMessage());
            return Template.NONE;
        } catch (ApiException e) {
            return Template.NONE; // an invalid argument: the data fetcher reports it with its code and message
        }
    }

    /** Runs the statement; null when it fails (e.g. the database is unreachable). */
    private Map<String, Object> answer(Compiled statement) {
        List<String> keys = statement.keys();
        try {
            return dsl.connectionResult(connection -> {
                try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
                    for (int i = 0; i < statement.binds().size(); i++) {
                        ps.setObject(i + 1, statement.binds().get(i));
                    }
                    ps.setQueryTimeout(queryTimeoutSeconds);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Map<String, Object> data = new LinkedHashMap<>();
                        for (int i = 0; i < keys.size(); i++) {
                            String json = rs.getString(i + 1);
                            data.put(keys.get(i), json == null ? null : new RawValue(json));
                        }
                        return data;
                    }
                }
            });
        } catch (RuntimeException e) {
            log.debug("compiled read failed, running field by field", e);
            return null;
        }
    }

    /** Answers compiled queries; hands the others to the field-by-field strategy. */
    private final class Strategy extends ExecutionStrategy {

        private final ExecutionStrategy fieldByField;

        Strategy(ExecutionStrategy fieldByField) {
            this.fieldByField = fieldByField;
        }

        @Override
        public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
            Compiled statement = compiled(context);
            if (statement == Compiled.NONE) {
                count("field_by_field");
                return fieldByField(context, parameters);
            }
            // the same instrumentation hook the field-by-field strategy calls (limits, tests, tracing)
            ExecutionStrategyInstrumentationContext instrumentation = context.getInstrumentation().beginExecutionStrategy(
                    new InstrumentationExecutionStrategyParameters(context, parameters), context.getInstrumentationState());
            Map<String, Object> data = answer(statement);
            ExecutionResult result = data == null ? null : ExecutionResult.newExecutionResult().data(data).build();
            if (instrumentation != null) {
                instrumentation.onDispatched();
                instrumentation.onCompleted(result, null);
            }
            count(result == null ? "field_by_field" : "compiled");
            return result == null ? fieldByField(context, parameters) : CompletableFuture.completedFuture(result);
        }

        /**
         * Runs the query as if this strategy were not there: nested objects are executed through the
         * context's query strategy, which must be the original one (with Spring's exception handling).
         */
        private CompletableFuture<ExecutionResult> fieldByField(ExecutionContext context, ExecutionStrategyParameters parameters) {
            return fieldByField.execute(context.transform(b -> b.queryStrategy(fieldByField)), parameters);
        }
    }
}
