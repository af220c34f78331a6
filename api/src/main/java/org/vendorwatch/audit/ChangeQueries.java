package org.vendorwatch.audit;

import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.JSONB;
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
    public record ChangeView(long rowId, String transactionId, OffsetDateTime occurredAt, String operation, String recordType,
                             long recordRowId, List<String> changedFields, String values, String hash) {
        public String id() {
            return GlobalId.of("Change", rowId); // not the AuditEvent's id: one id, one type (Relay caches by id)
        }

        public String recordId() {
            return Long.toString(recordRowId);
        }

        public String globalId() {
            return GlobalId.TYPES.contains(recordType) && !recordType.equals("AuditEvent") ? GlobalId.of(recordType, recordRowId) : null;
        }
    }

    private final DSLContext dsl;

    public ChangeQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Connection<ChangeView> changes(PageArgs page) {
        Cursor after = Cursor.decode(page.after(), SCOPE, 2);
        var rows = dsl.resultQuery("""
                select id, cast(transaction_id as text) as txid, occurred_at, operation, record_type, record_id, changed_fields, after, hash
                from audit_event
                where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                  and ({0} or (transaction_id, id) > (cast(cast({1} as text) as xid8), {2}))
                order by transaction_id, id
                limit {3}""",
                        DSL.inline(after == null), DSL.val(after == null ? "0" : after.value(0)),
                        DSL.val(after == null ? 0L : after.longValue(1)), DSL.val(page.first() + 1))
                .fetch(r -> new ChangeView(r.get("id", Long.class), r.get("txid", String.class),
                        r.get("occurred_at", OffsetDateTime.class), r.get("operation", String.class),
                        r.get("record_type", String.class), r.get("record_id", Long.class),
                        Sql.list(r.get("changed_fields", String[].class)),
                        r.get("after") == null ? null : r.get("after").toString(), r.get("hash", String.class)));
        return Connection.of(rows, page, c -> new Cursor(SCOPE, List.of(c.transactionId(), Long.toString(c.rowId()))), () -> 0);
    }
}
