package org.vendorwatch.platform.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.instrumentation.ExecutionStrategyInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;
import tools.jackson.databind.util.RawValue;

/**
 * The compiled read path. A query whose every selected field has an SQL form (declared by the slices' {@link ReadModel}s) is
 * answered by one SQL statement that builds the whole {@code data} JSON in PostgreSQL; its text is
 * written to the client as it is, spaces between tokens removed. Any other query, and any query the
 * compiler refuses (a field it does not cover, an invalid argument, a database error), runs field by
 * field through the data fetchers, which also produce every error message. Parsing, validation,
 * limits, instrumentation and timeouts are the same on both paths: only the execution strategy of
 * queries differs.
 *
 * <p>Why: a newsroom page of 50 vendors has about 4,000 field values; executed field by field that
 * costs the JVM more than PostgreSQL's whole work on the page (see bench/README.md).
 *
 * <p>The statement of a request (SQL text and bind values, never data) is cached by document,
 * operation and variables, so a page requested again skips compiling and rendering; queries that do
 * not compile are remembered too. Switch: {@code vendorwatch.read.compiled} (default true); cache size:
 * {@code vendorwatch.read.statement-cache-mb}.
 */
@Component
public class CompiledReads extends SimplePerformantInstrumentation {

    private static final Logger log = LoggerFactory.getLogger(CompiledReads.class);

    private final DSLContext dsl;
    private final ReadModels models;
    private final Documents documents;
    private volatile boolean enabled;
    private final int queryTimeoutSeconds;
    private final Cache<Key, Template> statements;
    private final Cache<Key, Set<String>> parametric;
    private final Cache<Compiled, Answer> answers;
    /** A statement that ran at least this long keeps its last answer (cheap ones are not worth the round trip). */
    private final long slowNanos;

    public CompiledReads(
            DSLContext dsl,
            ReadModels models,
            Documents documents,
            @Value("${vendorwatch.read.compiled:true}") boolean enabled,
            @Value("${vendorwatch.read.statement-cache-mb:64}") int cacheMb,
            @Value("${vendorwatch.read.keep-answers-slower-than:2ms}") java.time.Duration slow) {
        this.slowNanos = slow.toNanos();
        this.dsl = dsl;
        this.models = models;
        this.documents = documents;
        this.enabled = enabled;
        Integer timeout = dsl.settings().getQueryTimeout();
        this.queryTimeoutSeconds = timeout == null ? 0 : timeout;
        // bounded by entries and by size: a key holds the query text, a statement its SQL
        this.statements = Caffeine.newBuilder()
                .maximumWeight(cacheMb * 1024L * 1024 / 2) // weights count chars (2 bytes)
                .weigher((Key k, Template t) ->
                        k.query().length() + (t.sql() == null ? 0 : t.sql().length()) + 64)
                .build();
        this.answers = Caffeine.newBuilder()
                .maximumWeight(cacheMb * 1024L * 1024 / 4)
                .weigher(CompiledReads::weight)
                .build();
        this.parametric = Caffeine.newBuilder()
                .maximumWeight(cacheMb * 1024L * 1024 / 8)
                .weigher((Key k, Set<String> p) -> k.query().length() + 64)
                .build();
    }

    /** Switches the compiled path on or off at run time (tests compare both paths on the same data). */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    private static void count(String path) {
        io.micrometer.core.instrument.Metrics.counter("vendorwatch.read.path", "path", path)
                .increment();
    }

    @Override
    public ExecutionContext instrumentExecutionContext(
            ExecutionContext context, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (!enabled || context.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY) {
            return context;
        }
        ExecutionStrategy fieldByField = context.getQueryStrategy();
        return context.transform(b -> b.queryStrategy(new Strategy(fieldByField)));
    }

    /** The statement of the operation with these variables: one column per root field, its JSON. */
    private org.jooq.Select<Record> compile(ExecutionContext context, Map<String, Object> variables) {
        JsonCompiler compiler = new JsonCompiler(models, documents.shapes(context.getGraphQLSchema()));
        List<Field<?>> columns = new ArrayList<>();
        for (ExecutableNormalizedField root : roots(context, variables)) {
            Field<?> json = "__typename".equals(root.getName())
                    ? DSL.inline("\"Query\"")
                    : models.root(root.getName()).sql(compiler, root);
            columns.add(json.as(root.getResultKey())); // the column is named by the response key
        }
        columns.add(SNAPSHOT.as(SNAPSHOT_COLUMN)); // what the answer was read at (see answer)
        return DSL.select(columns);
    }

    private static List<ExecutableNormalizedField> roots(ExecutionContext context, Map<String, Object> variables) {
        return ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(
                        context.getGraphQLSchema(),
                        context.getDocument(),
                        context.getOperationDefinition().getName(),
                        CoercedVariables.of(variables))
                .getTopLevelFields();
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
    private record Key(String query, String operationName, Map<String, Object> variables) {}

    private static final String MASKED = "\u0000masked";

    /**
     * The compiled statement of this request (NONE if not compilable). A String variable used only as
     * an argument the compiler binds verbatim ({@link ReadModel.Declarations#verbatim}, e.g. a vendor's slug) is a
     * parameter: the statement is compiled once for all its values, so a page per vendor costs one
     * compile in all. Every other variable is part of the cache key: it may decide the statement's
     * shape or be refused (a cursor, a filter text).
     */
    private Compiled compiled(ExecutionContext context) {
        var input = context.getExecutionInput();
        Map<String, Object> variables = context.getCoercedVariables().toMap();
        Set<String> parameters = Set.of();
        if (variables.values().stream().anyMatch(String.class::isInstance)) {
            Key shape = new Key(input.getQuery(), input.getOperationName(), masked(variables, strings(variables)));
            parameters = parametric.get(shape, k -> verbatimOnly(context, variables));
        }
        Key key = new Key(input.getQuery(), input.getOperationName(), masked(variables, parameters));
        Set<String> p = parameters;
        return statements.get(key, k -> template(context, variables, p)).bind(variables);
    }

    private static Set<String> strings(Map<String, Object> variables) {
        Set<String> out = new java.util.HashSet<>();
        variables.forEach((k, v) -> {
            if (v instanceof String) {
                out.add(k);
            }
        });
        return out;
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

    /** The String variables whose every use is a verbatim argument. */
    private Set<String> verbatimOnly(ExecutionContext context, Map<String, Object> variables) {
        Set<String> verbatim = new java.util.HashSet<>();
        Set<String> other = new java.util.HashSet<>();
        java.util.ArrayDeque<ExecutableNormalizedField> todo = new java.util.ArrayDeque<>(roots(context, variables));
        while (!todo.isEmpty()) {
            ExecutableNormalizedField f = todo.pop();
            todo.addAll(f.getChildren());
            for (graphql.language.Argument a : f.getAstArguments()) {
                java.util.List<graphql.language.VariableReference> refs = new java.util.ArrayList<>();
                new graphql.language.NodeTraverser()
                        .depthFirst(
                                new graphql.language.NodeVisitorStub() {
                                    @Override
                                    public graphql.util.TraversalControl visitVariableReference(
                                            graphql.language.VariableReference node,
                                            graphql.util.TraverserContext<graphql.language.Node> c) {
                                        refs.add(node);
                                        return graphql.util.TraversalControl.CONTINUE;
                                    }
                                },
                                a.getValue());
                boolean direct = a.getValue() instanceof graphql.language.VariableReference
                        && f.getObjectTypeNames().size() == 1
                        && models.verbatim(f.getSingleObjectTypeName() + "." + f.getName() + "." + a.getName());
                refs.forEach(r -> (direct ? verbatim : other).add(r.getName()));
            }
        }
        verbatim.removeAll(other);
        verbatim.retainAll(strings(variables));
        return Set.copyOf(verbatim);
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
            return new Template(
                    dsl.render(select),
                    java.util.Collections.unmodifiableList(binds),
                    java.util.Collections.unmodifiableList(slots),
                    select.getSelect().stream()
                            .map(Field::getName)
                            .filter(n -> !SNAPSHOT_COLUMN.equals(n))
                            .toList());
        } catch (NotCompiled e) {
            log.debug("field by field: {} not compiled", e.getMessage());
            return Template.NONE;
        } catch (ApiException e) {
            return Template.NONE; // an invalid argument: the data fetcher reports it with its code and message
        }
    }

    /**
     * What a statement reads depends only on the database snapshot it runs in and on the UTC day (the
     * one clock the read models use, for sanctions in force): two statements whose snapshots are equal
     * see the same committed rows, whatever ran in between, and any commit of a writing transaction
     * changes the snapshot. The server's start time is part of it (a restored database reuses
     * transaction ids). Compiled reads run outside any writing transaction, so a snapshot never hides
     * the reader's own uncommitted writes.
     *
     * <p>On a hot standby (a read replica) the snapshot does not list the transactions being replayed;
     * what it shows is fixed by the WAL position replayed so far, and every replica of one primary
     * shows the same rows at the same position. There the token is that position ({@link #TOKEN}),
     * read <em>before</em> the statement, whose snapshot is then at least as new: an answer is never
     * kept under a position newer than what it read. The statement's own column is null on a standby.
     */
    private static final Field<String> SNAPSHOT = DSL.field(
            "case when not pg_is_in_recovery() then pg_current_snapshot()::text || '|' || ((now() at time zone 'UTC')::date)::text || '|' || pg_postmaster_start_time()::text end",
            String.class);

    /** What the database shows now: its snapshot on a primary, the WAL position replayed on a standby. */
    private static final Field<String> TOKEN = DSL.field(
            "case when pg_is_in_recovery() then 'replayed ' || pg_last_wal_replay_lsn()::text || '|' || ((now() at time zone 'UTC')::date)::text else "
                    + "pg_current_snapshot()::text || '|' || ((now() at time zone 'UTC')::date)::text || '|' || pg_postmaster_start_time()::text end",
            String.class);

    private static final String SNAPSHOT_COLUMN = "vw_snapshot";
    private static final String TOKEN_SQL =
            DSL.using(org.jooq.SQLDialect.POSTGRES).render(DSL.select(TOKEN));

    /**
     * The last answer of a slow statement, and the token it was read at (null: it ran on a standby and
     * is kept from its next run, which reads the replayed position first).
     */
    private record Answer(
            @org.jspecify.annotations.Nullable String snapshot, List<@org.jspecify.annotations.Nullable String> json) {}

    private static int weight(Compiled k, Answer a) {
        int w = k.sql().length() + 64;
        for (String j : a.json()) {
            w += j == null ? 0 : j.length();
        }
        return w;
    }

    /**
     * Runs the statement; null when it fails (e.g. the database is unreachable). A statement (with its
     * bind values) that was slow once (a newsroom page, a search) keeps its answer; the next time, the
     * database is first asked for its snapshot: when nothing was committed since, the kept answer is
     * the answer, byte for byte, without running the statement. A read after a committed write never
     * gets an older answer: the write changed the snapshot.
     */
    private @org.jspecify.annotations.Nullable Map<String, Object> answer(Compiled statement) {
        List<String> keys = statement.keys();
        try {
            return dsl.connectionResult(connection -> {
                Answer last = answers.getIfPresent(statement);
                String before = last == null ? null : token(connection);
                if (last != null && before != null && before.equals(last.snapshot())) {
                    answered("unchanged");
                    return data(keys, last.json());
                }
                try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
                    for (int i = 0; i < statement.binds().size(); i++) {
                        ps.setObject(i + 1, statement.binds().get(i));
                    }
                    ps.setQueryTimeout(queryTimeoutSeconds);
                    long start = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        List<@org.jspecify.annotations.Nullable String> json = new ArrayList<>(keys.size());
                        for (int i = 0; i < keys.size(); i++) {
                            String text = rs.getString(i + 1);
                            json.add(text == null ? null : compact(text));
                        }
                        String snapshot = rs.getString(keys.size() + 1);
                        if (snapshot == null && before != null && before.startsWith("replayed ")) {
                            snapshot = before; // a standby: the position replayed before the statement began
                        }
                        if (last != null || System.nanoTime() - start >= slowNanos) {
                            answers.put(statement, new Answer(snapshot, json));
                            answered("read");
                        }
                        return data(keys, json);
                    }
                }
            });
        } catch (RuntimeException e) {
            ApiException known = org.vendorwatch.platform.graphql.ErrorHandling.fromDatabase(e);
            if (known != null && (known.code() == ErrorCode.UNAVAILABLE || known.code() == ErrorCode.TIMEOUT)) {
                throw known; // the field-by-field path would only wait for the same database again
            }
            log.debug("compiled read failed, running field by field", e);
            return null;
        }
    }

    private static String token(java.sql.Connection connection) throws java.sql.SQLException {
        try (PreparedStatement ps = connection.prepareStatement(TOKEN_SQL);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, Object> data(List<String> keys, List<@org.jspecify.annotations.Nullable String> json) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String text = json.get(i);
            data.put(keys.get(i), text == null ? null : new RawValue(text));
        }
        return data;
    }

    private static void answered(String how) {
        io.micrometer.core.instrument.Metrics.counter("vendorwatch.read.answers", "statement", how)
                .increment();
    }

    /**
     * PostgreSQL writes JSON with a space around ':' and after ','; without them the answer is byte for
     * byte what the field-by-field path writes (and 9 % smaller). Whitespace inside strings is kept.
     */
    static String compact(String json) {
        // on arrays, not a StringBuilder: a newsroom page is 150 KB, and this runs on every answer
        char[] in = json.toCharArray();
        char[] out = new char[in.length];
        int n = 0;
        boolean inString = false;
        for (int i = 0; i < in.length; i++) {
            char c = in[i];
            if (inString) {
                out[n++] = c;
                if (c == '\\') {
                    out[n++] = in[++i];
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out[n++] = c;
            } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
                out[n++] = c;
            }
        }
        return new String(out, 0, n);
    }

    /** Answers compiled queries; hands the others to the field-by-field strategy. */
    private final class Strategy extends ExecutionStrategy {

        private final ExecutionStrategy fieldByField;

        Strategy(ExecutionStrategy fieldByField) {
            this.fieldByField = fieldByField;
        }

        @Override
        public CompletableFuture<ExecutionResult> execute(
                ExecutionContext context, ExecutionStrategyParameters parameters) {
            Compiled statement = compiled(context);
            if (statement == Compiled.NONE) {
                count("field_by_field");
                return fieldByField(context, parameters);
            }
            // the same instrumentation hook the field-by-field strategy calls (limits, tests, tracing)
            ExecutionStrategyInstrumentationContext instrumentation = context.getInstrumentation()
                    .beginExecutionStrategy(
                            new InstrumentationExecutionStrategyParameters(context, parameters),
                            context.getInstrumentationState());
            ExecutionResult result;
            try {
                Map<String, Object> data = answer(statement);
                result = data == null
                        ? null
                        : ExecutionResult.newExecutionResult().data(data).build();
            } catch (ApiException refused) {
                result = ExecutionResult.newExecutionResult()
                        .data(null)
                        .addError(graphql.GraphqlErrorBuilder.newError()
                                .message(refused.getMessage())
                                .errorType(graphql.ErrorType.ExecutionAborted)
                                .extensions(Map.of("code", refused.code().name()))
                                .build())
                        .build();
            }
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
        private CompletableFuture<ExecutionResult> fieldByField(
                ExecutionContext context, ExecutionStrategyParameters parameters) {
            return fieldByField.execute(context.transform(b -> b.queryStrategy(fieldByField)), parameters);
        }
    }
}
