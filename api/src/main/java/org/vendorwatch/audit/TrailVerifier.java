package org.vendorwatch.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the audit trail's hash chain from its first event, independently of the database's sealing
 * function: it recomputes, in Java, the keyed digest of every before and after value and of the
 * reason, each event's canonical form and the chained hash, and compares them with what is stored.
 * It names the first event where they differ: an event changed, removed, inserted or reordered after
 * it was sealed.
 *
 * <p>The canonical form (also in docs/operations.md): these fields in this order, each as its UTF-8
 * length, a colon, the text and a newline ({@code -} and a newline for null): id, transaction id,
 * time in microseconds since 1970, actor subject, actor username, mutation, operation, record type,
 * record id, vendor id, the reason's digest, changed fields joined by commas, and the before and the
 * after values as {@code field=digest} pairs joined by {@code ;} in byte order of the field names. A
 * digest is SHA-256 (hex) of the database's digest key, a newline and the text (a value's JSON text as
 * PostgreSQL prints it). An event's hash is SHA-256 of the previous hash (64 zeros for the first), a
 * newline and its canonical form, in hex.
 *
 * <p>A redacted value keeps its sealed digest (the chain covers the digests, so they cannot be changed
 * either); the verifier accepts it only as exactly {@code "[redacted]"}, and only where a REDACT event
 * of that record and field says so.
 */
public final class TrailVerifier {

    /** Where the chain first breaks. */
    public record Break(long sealSeq, long eventId, String problem) {}

    /** The outcome: how many events are sealed and not yet sealed, the head, and the first break (null when intact). */
    public record Result(
            long sealedEvents, long unsealedEvents, Long headSeq, Long headEventId, String headHash, Break firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /** A redaction an event claims, to be matched with its REDACT event. */
    private record Claimed(
            long seq, long eventId, String recordType, long recordId, String field, long redactionEventId) {}

    /** A REDACT event: which record and fields it redacted. */
    private record Redaction(String recordType, long recordId, Set<String> fields) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String GENESIS = "0".repeat(64);
    static final String REDACTED = "[redacted]";
    private static final String EVENTS = """
            select e.seal_seq, e.id, e.hash, e.digests::text, e.transaction_id::text, e.occurred_at, e.actor_subject, e.actor_username,
                   e.mutation, e.operation, e.record_type, e.record_id, e.vendor_id, e.reason, e.changed_fields, e.redactions::text,
                   case when e.before is null then null
                        else coalesce((select jsonb_object_agg(key, value::text) from jsonb_each(e.before)), '{}') end::text,
                   case when e.after is null then null
                        else coalesce((select jsonb_object_agg(key, value::text) from jsonb_each(e.after)), '{}') end::text
            from audit_event e where e.seal_seq is not null order by e.seal_seq""";

    private TrailVerifier() {}

    /**
     * Verifies the whole chain on the connection (read with a cursor, so any length fits in memory).
     * In autocommit mode it reads in a transaction of its own; otherwise in the caller's.
     */
    public static Result verify(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        try {
            long unsealed;
            String key;
            try (var st = c.createStatement();
                    var rs = st.executeQuery(
                            "select (select count(*) from audit_event where seal_seq is null), (select key from audit_digest_key)")) {
                rs.next();
                unsealed = rs.getLong(1);
                key = rs.getString(2);
            }
            String prev = GENESIS;
            long expected = 0;
            Long headEvent = null;
            long lastTransaction = Long.MIN_VALUE;
            long lastId = Long.MIN_VALUE;
            List<Claimed> claimed = new ArrayList<>();
            Map<Long, Redaction> redactions = new HashMap<>();
            try (var st = c.createStatement()) {
                st.setFetchSize(2000);
                try (ResultSet rs = st.executeQuery(EVENTS)) {
                    while (rs.next()) {
                        expected++;
                        long seq = rs.getLong(1);
                        long id = rs.getLong(2);
                        if (seq != expected) {
                            return broken(
                                    expected,
                                    unsealed,
                                    prev,
                                    headEvent,
                                    new Break(
                                            expected,
                                            id,
                                            seq > expected
                                                    ? "events " + expected + " to " + (seq - 1)
                                                            + " of the chain are missing (deleted after sealing)"
                                                    : "two events hold chain position " + seq));
                        }
                        long transaction = Long.parseLong(rs.getString(5));
                        String problem =
                                transaction < lastTransaction || (transaction == lastTransaction && id < lastId)
                                        ? "it is out of the chain's order (transaction " + transaction + " after "
                                                + lastTransaction + ")"
                                        : problem(rs, key, seq, claimed);
                        String hash = hash(prev, canonical(rs));
                        if (problem == null && !hash.equals(rs.getString(3))) {
                            problem = "its content differs from what was sealed (stored hash " + rs.getString(3)
                                    + ", recomputed " + hash + ")";
                        }
                        if (problem != null) {
                            return broken(expected - 1, unsealed, prev, headEvent, new Break(seq, id, problem));
                        }
                        if ("REDACT".equals(rs.getString(10))) {
                            redactions.put(id, new Redaction(rs.getString(11), rs.getLong(12), changed(rs)));
                        }
                        lastTransaction = transaction;
                        lastId = id;
                        prev = hash;
                        headEvent = id;
                    }
                }
            }
            Break unbacked = unbackedRedaction(c, claimed, redactions);
            if (unbacked != null) {
                return broken(unbacked.sealSeq() - 1, unsealed, null, null, unbacked);
            }
            return new Result(
                    expected, unsealed, expected == 0 ? null : expected, headEvent, expected == 0 ? null : prev, null);
        } finally {
            if (autoCommit) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static Result broken(long intact, long unsealed, String prev, Long headEvent, Break b) {
        return new Result(
                intact, unsealed, intact == 0 ? null : intact, headEvent, intact == 0 || prev == null ? null : prev, b);
    }

    private static Set<String> changed(ResultSet rs) throws SQLException {
        Object[] changed = rs.getArray(15) == null
                ? new Object[0]
                : (Object[]) rs.getArray(15).getArray();
        Set<String> out = new HashSet<>();
        Arrays.stream(changed).forEach(f -> out.add(String.valueOf(f)));
        return out;
    }

    /** A value or reason that no longer matches what was sealed, or null; records the redactions it claims. */
    private static String problem(ResultSet rs, String key, long seq, List<Claimed> claimed) throws SQLException {
        JsonNode digests = JSON.readTree(rs.getString(4));
        Set<String> redacted = new HashSet<>();
        for (JsonNode r : JSON.readTree(rs.getString(16))) {
            redacted.add(r.path("field").asString());
            claimed.add(new Claimed(
                    seq,
                    rs.getLong(2),
                    rs.getString(11),
                    rs.getLong(12),
                    r.path("field").asString(),
                    r.path("redactionEventId").asLong()));
        }
        String reason = rs.getString(14);
        JsonNode sealedReason = digests.path("reason");
        if ((reason == null) != (sealedReason.isNull() || sealedReason.isMissingNode())) {
            return "its reason was " + (reason == null ? "removed" : "added") + " after sealing";
        }
        if (reason != null
                && !(redacted.contains("reason")
                        ? REDACTED.equals(reason)
                        : digest(key, reason).equals(sealedReason.asString()))) {
            return "its reason was changed after sealing";
        }
        for (String side : List.of("before", "after")) {
            String values = rs.getString("before".equals(side) ? 17 : 18);
            JsonNode sealed = digests.path(side);
            if (values == null || sealed.isNull() || sealed.isMissingNode()) {
                if ((values == null) != (sealed.isNull() || sealed.isMissingNode())) {
                    return "its " + side + " document was " + (values == null ? "removed" : "added") + " after sealing";
                }
                continue;
            }
            Map<String, String> texts = texts(values);
            Set<String> fields = new HashSet<>(texts.keySet());
            sealed.propertyNames().forEach(fields::add);
            for (String field : fields) {
                if (!texts.containsKey(field) || !sealed.has(field)) {
                    return "field " + field + " of its " + side + " document was "
                            + (texts.containsKey(field) ? "added" : "removed") + " after sealing";
                }
                String text = texts.get(field);
                boolean ok = redacted.contains(field) && ("\"" + REDACTED + "\"").equals(text)
                        || digest(key, text).equals(sealed.path(field).asString());
                if (!ok) {
                    return "field " + field + " of its " + side + " document was changed after sealing";
                }
            }
        }
        return null;
    }

    /** The first redaction an event claims that no REDACT event of that record and field backs, or null. */
    private static Break unbackedRedaction(Connection c, List<Claimed> claimed, Map<Long, Redaction> sealedRedactions)
            throws SQLException {
        for (Claimed r : claimed) {
            Redaction by = sealedRedactions.get(r.redactionEventId());
            if (by == null) {
                // a redaction made in the last seconds: its REDACT event is not sealed yet
                try (var ps = c.prepareStatement("select record_type, record_id, changed_fields from audit_event "
                        + "where id = ? and operation = 'REDACT' and seal_seq is null")) {
                    ps.setLong(1, r.redactionEventId());
                    try (var rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Set<String> fields = new HashSet<>(
                                    Arrays.stream((Object[]) rs.getArray(3).getArray())
                                            .map(String::valueOf)
                                            .toList());
                            by = new Redaction(rs.getString(1), rs.getLong(2), fields);
                        }
                    }
                }
            }
            boolean backed;
            if (by == null) {
                backed = false;
            } else if ("reason".equals(r.field())) {
                backed = "AuditEvent".equals(by.recordType()) && by.recordId() == r.eventId();
            } else if ("VendorMerge".equals(r.recordType()) && "record".equals(r.field())) {
                backed = "Vendor".equals(by.recordType()) && by.recordId() == r.recordId();
            } else {
                backed = by.recordType().equals(r.recordType())
                        && by.recordId() == r.recordId()
                        && by.fields().contains(r.field());
            }
            if (!backed) {
                return new Break(
                        r.seq(),
                        r.eventId(),
                        "its " + r.field() + " is marked redacted, but no redaction event of this record says so");
            }
        }
        return null;
    }

    private static Map<String, String> texts(String json) {
        Map<String, String> out = new TreeMap<>();
        JsonNode node = JSON.readTree(json);
        node.propertyNames().forEach(k -> out.put(k, node.path(k).asString()));
        return out;
    }

    /** The event's canonical form, from its stored fields and its sealed digests. */
    static String canonical(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
        long micros = Math.addExact(Math.multiplyExact(at.toEpochSecond(), 1_000_000L), at.getNano() / 1000);
        Object[] changed = rs.getArray(15) == null
                ? new Object[0]
                : (Object[]) rs.getArray(15).getArray();
        JsonNode digests = JSON.readTree(rs.getString(4));
        StringBuilder sb = new StringBuilder();
        field(sb, Long.toString(rs.getLong(2)));
        field(sb, rs.getString(5));
        field(sb, Long.toString(micros));
        field(sb, rs.getString(7));
        field(sb, rs.getString(8));
        field(sb, rs.getString(9));
        field(sb, rs.getString(10));
        field(sb, rs.getString(11));
        field(sb, Long.toString(rs.getLong(12)));
        long vendor = rs.getLong(13);
        field(sb, rs.wasNull() ? null : Long.toString(vendor));
        JsonNode reason = digests.path("reason");
        field(sb, reason.isNull() || reason.isMissingNode() ? null : reason.asString());
        field(sb, String.join(",", Arrays.stream(changed).map(String::valueOf).toList()));
        field(sb, digestList(digests.path("before")));
        field(sb, digestList(digests.path("after")));
        return sb.toString();
    }

    private static void field(StringBuilder sb, String v) {
        if (v == null) {
            sb.append("-\n");
        } else {
            sb.append(v.getBytes(StandardCharsets.UTF_8).length)
                    .append(':')
                    .append(v)
                    .append('\n');
        }
    }

    /** {@code key=hex} pairs joined by {@code ;}, keys in UTF-8 byte order; null for a missing document. */
    private static String digestList(JsonNode digests) {
        if (digests.isNull() || digests.isMissingNode()) {
            return null;
        }
        List<String> keys = new ArrayList<>(digests.propertyNames());
        keys.sort((a, b) ->
                Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return String.join(
                ";",
                keys.stream().map(k -> k + "=" + digests.path(k).asString()).toList());
    }

    static String hash(String prev, String canonical) {
        return sha256(prev + "\n" + canonical);
    }

    /** A keyed digest: SHA-256 of the key, a newline and the text. */
    static String digest(String key, String text) {
        return sha256(key + "\n" + text);
    }

    static String sha256(String text) {
        return org.vendorwatch.platform.Hashes.sha256Hex(text);
    }
}
