package org.vendorwatch.audit;

import static org.vendorwatch.db.Tables.AUDIT_EVENT;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.Cursor;
import org.vendorwatch.platform.paging.Keyset;
import org.vendorwatch.platform.paging.NestedPages;
import org.vendorwatch.platform.paging.PageArgs;

/** Reads of the audit trail: a record's history and the public change log. */
@Component
public class AuditQueries {

    /** Who wrote. */
    public record AuditActorView(String subject, String username) {}

    /** An audit event. {@code before}/{@code after} are JSON text. */
    public record AuditEventView(
            long rowId,
            OffsetDateTime occurredAt,
            AuditActorView actor,
            String mutation,
            String operation,
            String recordType,
            long recordRowId,
            String reason,
            List<String> changedFields,
            String before,
            String after,
            Long sealSeq,
            String hash) {
        public String id() {
            return GlobalId.of("AuditEvent", rowId);
        }

        public String recordId() {
            return GlobalId.TYPES.contains(recordType)
                    ? GlobalId.of(recordType, recordRowId)
                    : Long.toString(recordRowId);
        }
    }

    private static final String SCOPE = "history";
    private static final Keyset NEWEST_FIRST = Keyset.descending(SCOPE, AUDIT_EVENT.ID);
    private static final List<SelectField<?>> COLUMNS = List.of(
            AUDIT_EVENT.ID,
            AUDIT_EVENT.OCCURRED_AT,
            AUDIT_EVENT.ACTOR_SUBJECT,
            AUDIT_EVENT.ACTOR_USERNAME,
            AUDIT_EVENT.MUTATION,
            AUDIT_EVENT.OPERATION,
            AUDIT_EVENT.RECORD_TYPE,
            AUDIT_EVENT.RECORD_ID,
            AUDIT_EVENT.REASON,
            AUDIT_EVENT.CHANGED_FIELDS,
            AUDIT_EVENT.BEFORE,
            AUDIT_EVENT.AFTER,
            AUDIT_EVENT.SEAL_SEQ,
            AUDIT_EVENT.HASH);

    private final DSLContext dsl;
    private volatile javax.crypto.spec.SecretKeySpec pseudonymKey;

    public AuditQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The public name of a writer: for an editor, {@code editor-} and 12 hex digits of HMAC-SHA256 of
     * their subject under the database's own key (audit_pseudonym_key, never published), so it is the
     * same on every event and cannot be recomputed without the key; the seed and direct database writes
     * keep their names.
     */
    public String pseudonym(String subject) {
        if ("seed".equals(subject) || subject.startsWith("database:")) {
            return subject;
        }
        javax.crypto.spec.SecretKeySpec key = pseudonymKey;
        if (key == null) {
            String hex = dsl.select(DSL.field("key", String.class))
                    .from(DSL.table("audit_pseudonym_key"))
                    .fetchSingle(0, String.class);
            key = new javax.crypto.spec.SecretKeySpec(
                    hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "HmacSHA256");
            pseudonymKey = key;
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "editor-"
                    + java.util.HexFormat.of()
                            .formatHex(mac.doFinal(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .substring(0, 12);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static AuditEventView toView(Record r) {
        var before = r.get(AUDIT_EVENT.BEFORE);
        var after = r.get(AUDIT_EVENT.AFTER);
        return new AuditEventView(
                r.get(AUDIT_EVENT.ID),
                r.get(AUDIT_EVENT.OCCURRED_AT),
                new AuditActorView(r.get(AUDIT_EVENT.ACTOR_SUBJECT), r.get(AUDIT_EVENT.ACTOR_USERNAME)),
                r.get(AUDIT_EVENT.MUTATION),
                r.get(AUDIT_EVENT.OPERATION),
                r.get(AUDIT_EVENT.RECORD_TYPE),
                r.get(AUDIT_EVENT.RECORD_ID),
                r.get(AUDIT_EVENT.REASON),
                Sql.list(r.get(AUDIT_EVENT.CHANGED_FIELDS)),
                before == null ? null : before.data(),
                after == null ? null : after.data(),
                r.get(AUDIT_EVENT.SEAL_SEQ),
                r.get(AUDIT_EVENT.HASH));
    }

    private static Cursor cursor(AuditEventView e) {
        return NEWEST_FIRST.cursor(e.rowId());
    }

    public Connection<AuditEventView> recent(PageArgs page) {
        List<AuditEventView> rows = dsl.select(COLUMNS)
                .from(AUDIT_EVENT)
                .where(NEWEST_FIRST.after(NEWEST_FIRST.decode(page.after())))
                .orderBy(NEWEST_FIRST.order())
                .limit(page.first() + 1)
                .fetch(AuditQueries::toView);
        return Connection.of(rows, page, AuditQueries::cursor, () -> dsl.fetchCount(AUDIT_EVENT));
    }

    /**
     * The history of many records of one type, newest first, in one statement. For "Vendor" it is
     * everything written about the vendor (its own row and the records attached to it); for
     * "Product", the product and its attributions.
     */
    public Map<Long, Connection<AuditEventView>> history(String recordType, Collection<Long> ids, PageArgs page) {
        Field<Long> parent;
        Condition where;
        switch (recordType) {
            case "Vendor" -> {
                parent = AUDIT_EVENT.VENDOR_ID;
                where = DSL.noCondition();
            }
            case "Product" -> {
                // the product's own row and its attributions to vendors (product_vendor rows)
                parent = DSL.field(
                        "case when {0} = 'ProductVendor' then (coalesce({1}, {2}) ->> 'product_id')::bigint else {3} end",
                        Long.class,
                        AUDIT_EVENT.RECORD_TYPE,
                        AUDIT_EVENT.AFTER,
                        AUDIT_EVENT.BEFORE,
                        AUDIT_EVENT.RECORD_ID);
                where = AUDIT_EVENT.RECORD_TYPE.in("Product", "ProductVendor");
            }
            default -> {
                parent = AUDIT_EVENT.RECORD_ID;
                where = AUDIT_EVENT.RECORD_TYPE.eq(recordType);
            }
        }
        return NestedPages.load(
                dsl,
                new NestedPages.Spec<>(
                        AUDIT_EVENT, parent, COLUMNS, where, NEWEST_FIRST, AuditQueries::toView, AuditQueries::cursor),
                ids,
                page);
    }
}
