package org.vendorwatch.audit;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.Cursor;
import org.vendorwatch.platform.paging.PageArgs;

/**
 * The change feed: audit events in (transaction id, event id) order, cut at the oldest transaction
 * still running. Transaction ids are handed out in increasing order and a new transaction never gets
 * one below the oldest running one, so once an event is visible no other event can later appear
 * before it: a saved cursor never skips or repeats an event, whatever order transactions commit in.
 */
@Component
public class ChangeQueries {

    private static final String SCOPE = "changes";

    /** A change. */
    /**
     * A change; {@code keys} is {@code [after, before]}, the record on both sides of the change (for the
     * bulk rows it touches: the keys it points at, old and new).
     */
    public record ChangeView(
            long rowId,
            String transactionId,
            OffsetDateTime occurredAt,
            String operation,
            String recordType,
            long recordRowId,
            List<String> changedFields,
            String values,
            String hash,
            String keys) {
        public String id() {
            return GlobalId.of("Change", rowId); // not the AuditEvent's id: one id, one type (Relay caches by id)
        }

        public String recordId() {
            return Long.toString(recordRowId);
        }

        public String globalId() {
            return GlobalId.TYPES.contains(recordType) ? GlobalId.of(recordType, recordRowId) : null;
        }
    }

    private final DSLContext dsl;

    public ChangeQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Whether the primary holds the event a cursor names (visible there: its transaction has ended). */
    private boolean onPrimary(Cursor after) {
        try {
            return org.vendorwatch.platform.db.ReplicaRouting.onPrimary(() -> Boolean.TRUE.equals(dsl.fetchValue(
                    DSL.field("""
                    exists (select 1 from audit_event where id = {0} and transaction_id = cast(cast({1} as text) as xid8)
                            and transaction_id < pg_snapshot_xmin(pg_current_snapshot()))""", Boolean.class, DSL.val(after.longValue(1)), DSL.val(after.value(0))))));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Connection<ChangeView> changes(PageArgs page) {
        Cursor after = Cursor.decode(page.after(), SCOPE, 2);
        if (after != null) {
            // a cursor this feed issued names an event that exists and was visible (events are never deleted);
            // anything else (forged, from another database, past the end) is refused, never answered with "nothing
            // new".
            // A read replica behind the database that issued the cursor has not replayed its event yet: the
            // transaction is still at or after the replica's horizon, and the page is "nothing new yet"
            String state = after.value(0) == null || !after.value(0).matches("[0-9]{1,19}")
                    ? "unknown"
                    : dsl.fetchValue(
                            DSL.field("""
                    case when exists (select 1 from audit_event where id = {0} and transaction_id = cast(cast({1} as text) as xid8)
                                      and transaction_id < pg_snapshot_xmin(pg_current_snapshot())) then 'known'
                         when pg_is_in_recovery()
                              and cast(cast({1} as text) as xid8) >= pg_snapshot_xmin(pg_current_snapshot()) then 'ahead'
                         else 'unknown' end""", String.class, DSL.val(after.longValue(1)), DSL.val(after.value(0))));
            // ahead of this replica: the primary says whether the cursor names a real event
            boolean known = "known".equals(state) || ("ahead".equals(state) && onPrimary(after));
            if (!known) {
                throw new org.vendorwatch.platform.graphql.ApiException(
                        org.vendorwatch.platform.graphql.ErrorCode.INVALID_CURSOR,
                        "Not a cursor of this change feed: use an endCursor it returned.");
            }
        }
        var rows = dsl.resultQuery(
                        """
                select id, cast(transaction_id as text) as txid, occurred_at, operation, record_type, record_id, changed_fields, after, hash,
                       jsonb_build_array(after, before) as keys
                from audit_event
                where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                  and ({0} or (transaction_id, id) > (cast(cast({1} as text) as xid8), {2}))
                order by transaction_id, id
                limit {3}""",
                        DSL.inline(after == null),
                        DSL.val(after == null ? "0" : after.value(0)),
                        DSL.val(after == null ? 0L : after.longValue(1)),
                        DSL.val(page.first() + 1))
                .fetch(r -> new ChangeView(
                        r.get("id", Long.class),
                        r.get("txid", String.class),
                        r.get("occurred_at", OffsetDateTime.class),
                        r.get("operation", String.class),
                        r.get("record_type", String.class),
                        r.get("record_id", Long.class),
                        Sql.list(r.get("changed_fields", String[].class)),
                        r.get("after") == null ? null : r.get("after").toString(),
                        r.get("hash", String.class),
                        r.get("keys") == null ? null : r.get("keys").toString()));
        Connection<ChangeView> connection = Connection.of(
                rows, page, c -> new Cursor(SCOPE, List.of(c.transactionId(), Long.toString(c.rowId()))), () -> 0);
        if (connection.edges().isEmpty() && page.after() != null) {
            // nothing new: the page hands back the cursor it was given, so a client can always save endCursor
            Connection.PageInfo info = connection.pageInfo();
            connection = new Connection<>(
                    connection.edges(),
                    new Connection.PageInfo(false, info.hasPreviousPage(), page.after(), page.after()),
                    connection.total());
        }
        return connection;
    }
}
