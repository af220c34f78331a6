package org.vendorwatch.platform.read;

import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The read model: precomputed documents of one type (Vendor), one row per stored field and vendor in
 * {@code vendor_document} (migration 012), each holding every element of the field in its default
 * order with every field a document can hold. The compiled path projects a query's selection from
 * them ({@link JsonCompiler}); what a document does not hold (a field with arguments, a time-dependent
 * field, a page after a cursor) is read from the tables as before.
 *
 * <p><b>One definition.</b> A document is built by the compiler itself, from the same field
 * declarations the compiled path reads the tables with: its shape is every declared field of the
 * element type that takes no arguments, is not time-dependent (its SQL does not read the clock) and is
 * a scalar or an object of a declared type (not the document's own type), three levels deep.
 *
 * <p><b>Never stale.</b> A write to a table a document reads deletes the documents of the vendors it
 * touches and queues them ({@code vendor_document_stale}), by triggers, in the writing transaction.
 * The service rebuilds its own transaction's queue before the commit ({@link #beforeCommit}); a
 * background pass rebuilds what other writers queued (a bulk load, psql, a migration) and fills
 * vendors that have none. A vendor without documents is read from the tables, so no read is stale,
 * only slower for the moment it takes. Another definition (a new field, a new release) clears them
 * all at start-up ({@code read_model_state}); they are rebuilt in the background.
 */
@Component
public class Documents {

    private static final Logger log = LoggerFactory.getLogger(Documents.class);

    static final String TABLE = "vendor_document";
    static final String STALE = "vendor_document_stale";
    /** Which definition the stored documents were built with (one row, name = {@value #TABLE}). */
    static final String STATE = "read_model_state";

    private static final int LEVELS = 3;
    private static final int BATCH = 500;
    /** SQL that reads the clock: a field using it changes without a write, so no document holds it. */
    private static final Pattern CLOCK = Pattern.compile(
            "\\b(now|clock_timestamp|statement_timestamp|transaction_timestamp)\\s*\\(|\\bcurrent_(date|timestamp|time)\\b|\\blocal(time|timestamp)\\b",
            Pattern.CASE_INSENSITIVE);

    /** A stored object: the fields it holds, each a scalar (no shape) or an object; many: a list. */
    public record Shape(String type, Map<String, @Nullable Shape> fields, boolean many) {

        /** Whether the selection asks only for what this shape holds, with no arguments. */
        boolean holds(List<ExecutableNormalizedField> selection) {
            for (ExecutableNormalizedField f : selection) {
                if ("__typename".equals(f.getName())) {
                    continue;
                }
                if (!fields.containsKey(f.getName()) || !noArguments(f)) {
                    return false;
                }
                Shape nested = fields.get(f.getName());
                if (nested != null && !nested.holds(f.getChildren())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A stored field: a list, or a connection (kept whole, each row with its cursor). */
    public record Stored(String field, boolean connection, Shape element) {

        /** Whether a document answers this selection of the field: first page only, no filter. */
        boolean serves(ExecutableNormalizedField f) {
            if (!connection) {
                return noArguments(f) && element.holds(f.getChildren());
            }
            for (var arg : f.getResolvedArguments().entrySet()) {
                if (!"first".equals(arg.getKey()) && arg.getValue() != null) {
                    return false;
                }
            }
            for (ExecutableNormalizedField c : f.getChildren()) {
                boolean ok = switch (c.getName()) {
                    case "edges" ->
                        c.getChildren().stream().allMatch(e -> switch (e.getName()) {
                            case "cursor", "__typename" -> true;
                            case "node" -> element.holds(e.getChildren());
                            default -> false;
                        });
                    case "pageInfo", "totalCount", "__typename" -> true;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The stored fields of the document type, by name. */
    public record Shapes(String type, Map<String, Stored> fields, String definition) {
        @Nullable
        Stored get(String field) {
            return fields.get(field);
        }
    }

    private static boolean noArguments(ExecutableNormalizedField f) {
        return f.getResolvedArguments().values().stream().allMatch(v -> v == null);
    }

    /** What is derived from the schema and the read models once. */
    private record Built(Shapes shapes, String insertSql, String definition) {}

    private final ReadModels models;
    private final DataSource dataSource;
    private final ObjectProvider<GraphQlSource> graphQl;
    private final boolean enabled;
    /** What the read model adds to a write (bench/run.sh reports it for the write-heavy mix). */
    private final io.micrometer.core.instrument.Timer rebuilds;

    private volatile @Nullable Built built;
    private volatile boolean checked;

    public Documents(
            ReadModels models,
            DataSource dataSource,
            ObjectProvider<GraphQlSource> graphQl,
            io.micrometer.core.instrument.MeterRegistry meters,
            @Value("${vendorwatch.read.documents:true}") boolean enabled) {
        this.rebuilds = io.micrometer.core.instrument.Timer.builder("vendorwatch.read.documents.rebuild")
                .description("Rebuilding the documents a write invalidated, in the write's transaction")
                .register(meters);
        this.models = models;
        this.dataSource = dataSource;
        this.graphQl = graphQl;
        this.enabled = enabled;
    }

    /** The stored fields, for the compiler; null when documents are switched off or kept for no type. */
    @Nullable
    Shapes shapes(GraphQLSchema schema) {
        Built b = built(schema);
        // documents of an older definition are not read: only after start-up checked (or cleared) them
        return b == null || !enabled || !checked ? null : b.shapes();
    }

    /** The stored fields and the statement that builds them, for tests and operators. */
    public @Nullable Shapes shapes() {
        return shapes(graphQl.getObject().schema());
    }

    private @Nullable Built built(GraphQLSchema schema) {
        Built b = built;
        if (b == null) {
            synchronized (this) {
                b = built;
                if (b == null) {
                    b = build(schema);
                    built = b;
                }
            }
        }
        return b.shapes().fields().isEmpty() ? null : b;
    }

    // --- the shape and the statement that builds documents --------------------------------------------

    private Built build(GraphQLSchema schema) {
        ReadType<?> type = models.documentType();
        if (type == null) {
            return new Built(new Shapes("", Map.of(), ""), "", "");
        }
        return build(schema, type);
    }

    private <R> Built build(GraphQLSchema schema, ReadType<R> type) {
        ReadType.Document<R> document = java.util.Objects.requireNonNull(type.document());
        GraphQLObjectType root = schema.getObjectType(type.name());
        Map<String, Stored> stored = new LinkedHashMap<>();
        for (String field : type.stored()) {
            GraphQLFieldDefinition def = root.getFieldDefinition(field);
            GraphQLObjectType target = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(def.getType());
            boolean connection = target.getName().endsWith("Connection");
            GraphQLObjectType elementType = connection ? nodeType(target) : target;
            Shape candidate = shape(schema, type.name(), elementType, false, 1);
            Stored s = withoutClock(schema, type, new Stored(field, connection, candidate));
            if (s != null) {
                stored.put(field, s);
            }
        }
        // one statement builds every stored field of the given vendors
        JsonCompiler c = JsonCompiler.building(models);
        R row = document.row().apply(c);
        Field<Long> key = document.key().apply(row);
        var render = DSL.using(SQLDialect.POSTGRES);
        List<org.jooq.Row2<String, org.jooq.JSONB>> values = new ArrayList<>();
        for (Stored s : stored.values()) {
            Field<?> json = type.live(c, row, enf(schema, type.name(), s));
            values.add(DSL.row(DSL.inline(s.field()), json.cast(SQLDataType.JSONB)));
        }
        @SuppressWarnings("unchecked")
        var x = DSL.lateral(DSL.values(values.toArray(org.jooq.Row2[]::new)).as("x", "field", "value"));
        String select = render.renderInlined(DSL.select(
                                key.as("vendor_id"),
                                DSL.field(DSL.name("x", "field")),
                                DSL.field(DSL.name("x", "value")))
                        .from(document.from().apply(row))
                        .crossJoin(x))
                + " where " + render.renderInlined(key) + " = any(?)";
        String insert = "insert into " + TABLE + " (vendor_id, field, value) " + select;
        String definition = sha256(insert);
        // an instance writes documents only while the database holds its definition: during a rolling
        // upgrade, an instance of the other version never writes documents of its shape over the new ones.
        // FOR SHARE waits for a start-up that is installing a new definition, then sees it (and writes none)
        String guarded = insert + " and exists (select 1 from " + STATE + " where name = '" + TABLE
                + "' and definition = '" + definition + "' for share)";
        return new Built(new Shapes(type.name(), Collections.unmodifiableMap(stored), definition), guarded, definition);
    }

    private static GraphQLObjectType nodeType(GraphQLObjectType connection) {
        GraphQLObjectType edge = (GraphQLObjectType)
                GraphQLTypeUtil.unwrapAll(connection.getFieldDefinition("edges").getType());
        return (GraphQLObjectType)
                GraphQLTypeUtil.unwrapAll(edge.getFieldDefinition("node").getType());
    }

    /** Every field a document can hold of this type (see the class comment). */
    private Shape shape(GraphQLSchema schema, String root, GraphQLObjectType type, boolean many, int level) {
        Map<String, @Nullable Shape> fields = new LinkedHashMap<>();
        ReadType<?> declared = models.typeOrNull(type.getName());
        if (declared != null) {
            for (String name : declared.fields()) {
                GraphQLFieldDefinition def = type.getFieldDefinition(name);
                if (def == null || !def.getArguments().isEmpty()) {
                    continue;
                }
                GraphQLType raw = GraphQLTypeUtil.unwrapNonNull(def.getType());
                var unwrapped = GraphQLTypeUtil.unwrapAll(def.getType());
                if (unwrapped instanceof GraphQLScalarType || unwrapped instanceof GraphQLEnumType) {
                    fields.put(name, null);
                } else if (unwrapped instanceof GraphQLObjectType object
                        && level < LEVELS
                        && !object.getName().equals(root)
                        && !object.getName().endsWith("Connection")
                        && models.typeOrNull(object.getName()) != null) {
                    fields.put(name, shape(schema, root, object, GraphQLTypeUtil.isList(raw), level + 1));
                }
            }
        }
        return new Shape(type.getName(), fields, many);
    }

    /**
     * The stored field without the fields whose SQL reads the clock (null when the field's own rows
     * depend on it): each leaf is compiled on its own and its SQL searched.
     */
    private <R> @Nullable Stored withoutClock(GraphQLSchema schema, ReadType<R> type, Stored candidate) {
        if (readsClock(
                schema, type, new Stored(candidate.field(), candidate.connection(), empty(candidate.element())))) {
            log.info("{}.{} reads the clock: kept in no document", type.name(), candidate.field());
            return null;
        }
        return new Stored(
                candidate.field(),
                candidate.connection(),
                withoutClock(schema, type, candidate, candidate.element(), List.of()));
    }

    private <R> Shape withoutClock(
            GraphQLSchema schema, ReadType<R> type, Stored field, Shape shape, List<String> path) {
        Map<String, @Nullable Shape> kept = new LinkedHashMap<>();
        shape.fields().forEach((name, nested) -> {
            List<String> at = new ArrayList<>(path);
            at.add(name);
            if (nested != null) {
                kept.put(name, withoutClock(schema, type, field, nested, at));
            } else if (!readsClock(
                    schema, type, new Stored(field.field(), field.connection(), only(field.element(), at)))) {
                kept.put(name, null);
            }
        });
        return new Shape(shape.type(), kept, shape.many());
    }

    private <R> boolean readsClock(GraphQLSchema schema, ReadType<R> type, Stored s) {
        JsonCompiler c = JsonCompiler.building(models);
        R row = java.util.Objects.requireNonNull(type.document()).row().apply(c);
        String sql = DSL.using(SQLDialect.POSTGRES).renderInlined(type.live(c, row, enf(schema, type.name(), s)));
        return CLOCK.matcher(sql).find();
    }

    private static Shape empty(Shape shape) {
        return new Shape(shape.type(), Map.of(), shape.many());
    }

    /** The shape with one leaf only, at this path. */
    private static Shape only(Shape shape, List<String> path) {
        Map<String, @Nullable Shape> one = new LinkedHashMap<>();
        Shape nested = shape.fields().get(path.get(0));
        one.put(path.get(0), path.size() == 1 || nested == null ? null : only(nested, path.subList(1, path.size())));
        return new Shape(shape.type(), one, shape.many());
    }

    /** The normalized field that selects everything a stored field holds. */
    private static ExecutableNormalizedField enf(GraphQLSchema schema, String type, Stored s) {
        List<ExecutableNormalizedField> element = selection(s.element());
        if (!s.connection()) {
            return field(type, s.field(), element);
        }
        GraphQLObjectType connection = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(
                schema.getObjectType(type).getFieldDefinition(s.field()).getType());
        String edge = GraphQLTypeUtil.unwrapAll(
                        connection.getFieldDefinition("edges").getType())
                .getName();
        return field(
                type, s.field(), List.of(field(connection.getName(), "edges", List.of(field(edge, "node", element)))));
    }

    private static List<ExecutableNormalizedField> selection(Shape shape) {
        List<ExecutableNormalizedField> out = new ArrayList<>();
        shape.fields()
                .forEach((name, nested) ->
                        out.add(field(shape.type(), name, nested == null ? List.of() : selection(nested))));
        return out;
    }

    private static ExecutableNormalizedField field(String type, String name, List<ExecutableNormalizedField> children) {
        return ExecutableNormalizedField.newNormalizedField()
                .objectTypeNames(List.of(type))
                .fieldName(name)
                .resolvedArguments(Map.of())
                .children(children)
                .build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- keeping them current ---------------------------------------------------------------------------

    /**
     * Rebuilds the documents the current transaction invalidated, on its connection, before it commits
     * (called by the transaction manager, {@link ReadModelTransactions}). Each vendor is locked first
     * and skipped if another transaction holds it: two writers of one vendor never wait for each
     * other here (an editor's own row lock plus this one could deadlock), and the one that skipped
     * leaves its vendor queued for the background pass, so reads use the tables meanwhile. A failure
     * here never fails the write: it rolls back to a savepoint and leaves the same queue.
     */
    void beforeCommit(Connection c) throws SQLException {
        Built b = built(graphQl.getObject().schema());
        if (b == null) {
            return;
        }
        long start = System.nanoTime();
        java.sql.Savepoint savepoint = c.setSavepoint();
        try {
            Long[] locked = ids(
                    c,
                    "select array_agg(id order by id) from (select id from vendor where id in (select vendor_id from "
                            + STALE
                            + " where tx = txid_current_if_assigned()) order by id for no key update skip locked) v",
                    null);
            if (locked.length > 0) {
                write(
                        c,
                        "delete from " + STALE + " where tx = txid_current_if_assigned() and vendor_id = any(?)",
                        locked);
                write(
                        c,
                        b.insertSql() + " on conflict (vendor_id, field) do update set value = excluded.value",
                        locked);
            }
            c.releaseSavepoint(savepoint);
            rebuilds.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (SQLException | RuntimeException e) {
            // the write itself must not fail for its read model: its documents are already dropped and its
            // vendors queued, so reads use the tables until the background pass rebuilds them
            c.rollback(savepoint);
            log.warn("Could not rebuild the documents of this write ({}); the background pass will", e.getMessage());
        }
    }

    /**
     * The background pass: rebuilds the vendors other writers queued, then those without documents,
     * in batches, each in a transaction of its own that waits for no lock (a vendor an editor is
     * writing is left to the next pass). Runs once at start-up, then every
     * {@code vendorwatch.read.documents-interval} (default 1 s).
     */
    @Scheduled(
            fixedDelayString = "${vendorwatch.read.documents-interval:1s}",
            initialDelayString = "${vendorwatch.read.documents-delay:0s}")
    void refreshPeriodically() {
        try {
            refreshPending();
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not rebuild documents now ({}); will retry", e.getMessage());
        }
    }

    /** At start-up: documents of another definition are cleared before any is read. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void checkAtStart() {
        try {
            check();
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "Could not check the documents' definition now ({}); reads use the tables until it is",
                    e.getMessage());
        }
    }

    private synchronized void check() throws SQLException {
        Built b = built(graphQl.getObject().schema());
        if (b != null && !checked) {
            checkDefinition(b);
            checked = true;
        }
    }

    /** Rebuilds every queued vendor and every vendor without documents now; returns how many. */
    public synchronized int refreshPending() throws SQLException {
        if (!enabled) {
            return 0;
        }
        Built b = built(graphQl.getObject().schema());
        if (b == null) {
            return 0;
        }
        check();
        if (!current(b)) {
            return 0; // another version's definition: its instances keep the documents (rolling upgrade)
        }
        int done = 0;
        long until = System.nanoTime() + 5_000_000_000L; // leave the rest to the next pass
        while (System.nanoTime() < until) {
            int n = batch(
                    b,
                    "select array_agg(distinct vendor_id) from (select vendor_id from " + STALE + " limit " + BATCH
                            + ") s",
                    true);
            if (n == 0) {
                n = batch(
                        b,
                        "select array_agg(id) from (select id from vendor v where not exists (select 1 from " + TABLE
                                + " d where d.vendor_id = v.id) limit " + BATCH + ") s",
                        false);
            }
            if (n == 0) {
                break;
            }
            done += n;
        }
        if (done > 0) {
            log.debug("Rebuilt the documents of {} vendors", done);
        }
        return done;
    }

    /** Whether the database holds this instance's definition (an instance of another version may have replaced it). */
    private boolean current(Built b) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select definition = ? from " + STATE + " where name = ?")) {
            ps.setString(1, b.definition());
            ps.setString(2, TABLE);
            try (var rs = ps.executeQuery()) {
                boolean mine = rs.next() && rs.getBoolean(1);
                if (!mine && !otherDefinitionLogged) {
                    otherDefinitionLogged = true;
                    log.warn("The documents have another version's definition: this instance reads and writes none "
                            + "(the tables answer) until it is upgraded too");
                }
                return mine;
            }
        }
    }

    private volatile boolean otherDefinitionLogged;

    /** One batch in one transaction; returns how many vendors it found (0: nothing to do). */
    private int batch(Built b, String find, boolean queued) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (var st = c.createStatement()) {
                    st.execute("set local lock_timeout = '200ms'");
                }
                Long[] ids = ids(c, find, null);
                if (ids.length == 0) {
                    c.rollback();
                    return 0;
                }
                Long[] locked = ids(
                        c,
                        "select array_agg(id order by id) from (select id from vendor where id = any(?)"
                                + " order by id for no key update skip locked) v",
                        ids);
                if (queued) {
                    // the vendors locked now, and those deleted since they were queued
                    write(
                            c,
                            "delete from " + STALE + " s where s.vendor_id = any(?) and (s.vendor_id = any(?)"
                                    + " or not exists (select 1 from vendor v where v.id = s.vendor_id))",
                            ids,
                            locked);
                }
                write(
                        c,
                        b.insertSql() + " on conflict (vendor_id, field) do update set value = excluded.value",
                        locked);
                c.commit();
                return locked.length; // 0 when every vendor found is being written: the next pass retries
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A documents built with another definition are cleared: the background pass rebuilds them. */
    private void checkDefinition(Built b) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement("select definition from read_model_state where name = ? for update")) {
                ps.setString(1, TABLE);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1).equals(b.definition())) {
                        c.rollback();
                        return;
                    }
                }
            }
            try (var st = c.createStatement()) {
                st.executeUpdate("delete from " + TABLE);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("insert into read_model_state (name, definition) values (?, ?)"
                            + " on conflict (name) do update set definition = excluded.definition")) {
                ps.setString(1, TABLE);
                ps.setString(2, b.definition());
                ps.executeUpdate();
            }
            c.commit();
            log.info("Documents of a former definition cleared; rebuilding them in the background");
        }
    }

    /** Every stored document that differs from a rebuild from the tables now, and how many vendors have none. */
    public Differences differences() throws SQLException {
        Built b = built(graphQl.getObject().schema());
        if (b == null) {
            return new Differences(List.of(), 0);
        }
        String select = b.insertSql().substring(b.insertSql().indexOf(" select ") + 1);
        List<String> differing = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("with fresh as (" + select + ")"
                        + " select coalesce(d.vendor_id, f.vendor_id), coalesce(d.field, f.field) from " + TABLE
                        + " d full join fresh f on f.vendor_id = d.vendor_id and f.field = d.field"
                        + " where f.value is distinct from d.value and (d.vendor_id is not null or exists"
                        + " (select 1 from " + TABLE + " e where e.vendor_id = f.vendor_id)) order by 1, 2")) {
            Array all = c.createArrayOf("bigint", allVendors(c));
            ps.setArray(1, all);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    differing.add(rs.getLong(1) + "." + rs.getString(2));
                }
            }
            long missing;
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from vendor v where not exists (select 1 from "
                            + TABLE + " d where d.vendor_id = v.id)")) {
                rs.next();
                missing = rs.getLong(1);
            }
            return new Differences(differing, missing);
        }
    }

    /** Stored documents unequal to a rebuild ({@code vendorId.field}), and vendors without documents. */
    public record Differences(List<String> differing, long missing) {}

    private static Long[] allVendors(Connection c) throws SQLException {
        return ids(c, "select array_agg(id) from vendor", null);
    }

    private static Long[] ids(Connection c, String sql, Long @Nullable [] argument) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (argument != null) {
                ps.setArray(1, c.createArrayOf("bigint", argument));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array a = rs.getArray(1);
                return a == null ? new Long[0] : (Long[]) a.getArray();
            }
        }
    }

    private static void write(Connection c, String sql, Long[]... arrays) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, c.createArrayOf("bigint", arrays[i]));
            }
            ps.executeUpdate();
        }
    }
}
