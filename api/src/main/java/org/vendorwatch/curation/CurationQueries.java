package org.vendorwatch.curation;

import static org.vendorwatch.db.Tables.SEED_CONFLICT;
import static org.vendorwatch.db.Tables.VENDOR_MERGE;
import static org.vendorwatch.db.Tables.WITHDRAWAL;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.Keyset;
import org.vendorwatch.platform.paging.PageArgs;

/** Reads of what curation leaves behind: withdrawn records, merged vendors, seed conflicts. */
@Component
public class CurationQueries {

    /** A record withdrawn as entered in error; its global id is the one it had. */
    public record WithdrawnRecordView(
            String recordType, long recordId, Long vendorId, String reason, OffsetDateTime withdrawnAt, String record) {
        public String id() {
            return GlobalId.TYPES.contains(recordType)
                    ? GlobalId.of(recordType, recordId)
                    : recordType + ":" + recordId;
        }
    }

    /** A vendor merged into another; its global id and slug resolve to the survivor. */
    public record MergedVendorView(
            long mergedId, String slug, String name, long survivorId, String reason, OffsetDateTime mergedAt) {
        public String id() {
            return GlobalId.of("Vendor", mergedId);
        }
    }

    /** A seed change not applied because an editor had changed or removed the record. */
    public record SeedConflictView(
            long rowId,
            OffsetDateTime detectedAt,
            String seedVersion,
            String tableName,
            String seedKey,
            String recordType,
            Long recordRowId,
            String kind,
            List<String> fields,
            String seedValues,
            String currentValues,
            OffsetDateTime resolvedAt,
            String resolution) {
        public String id() {
            return GlobalId.of("SeedConflict", rowId);
        }

        public String recordId() {
            return recordRowId == null
                    ? null
                    : GlobalId.TYPES.contains(recordType)
                            ? GlobalId.of(recordType, recordRowId)
                            : recordRowId.toString();
        }
    }

    private static final Keyset CONFLICTS = Keyset.descending("seedConflicts", SEED_CONFLICT.ID);

    private final DSLContext dsl;

    public CurationQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static WithdrawnRecordView withdrawn(Record r) {
        return new WithdrawnRecordView(
                r.get(WITHDRAWAL.RECORD_TYPE),
                r.get(WITHDRAWAL.RECORD_ID),
                r.get(WITHDRAWAL.VENDOR_ID),
                r.get(WITHDRAWAL.REASON),
                r.get(WITHDRAWAL.WITHDRAWN_AT),
                r.get(WITHDRAWAL.RECORD).data());
    }

    /** The withdrawn records among these ids of one type, by row id. */
    public Map<Long, WithdrawnRecordView> withdrawn(String recordType, Collection<Long> ids) {
        Map<Long, WithdrawnRecordView> out = new HashMap<>();
        dsl.selectFrom(WITHDRAWAL)
                .where(WITHDRAWAL.RECORD_TYPE.eq(recordType))
                .and(Sql.anyOf(WITHDRAWAL.RECORD_ID, ids))
                .fetch()
                .forEach(r -> out.put(r.get(WITHDRAWAL.RECORD_ID), withdrawn(r)));
        return out;
    }

    public Optional<WithdrawnRecordView> withdrawn(String recordType, long id) {
        return Optional.ofNullable(withdrawn(recordType, List.of(id)).get(id));
    }

    private static MergedVendorView merged(Record r) {
        return new MergedVendorView(
                r.get(VENDOR_MERGE.MERGED_ID),
                r.get(VENDOR_MERGE.MERGED_SLUG),
                r.get(VENDOR_MERGE.MERGED_NAME),
                r.get(VENDOR_MERGE.SURVIVOR_ID),
                r.get(VENDOR_MERGE.REASON),
                r.get(VENDOR_MERGE.MERGED_AT));
    }

    /** Merged vendors among these ids, by their old row id. */
    public Map<Long, MergedVendorView> merged(Collection<Long> ids) {
        Map<Long, MergedVendorView> out = new HashMap<>();
        dsl.selectFrom(VENDOR_MERGE)
                .where(Sql.anyOf(VENDOR_MERGE.MERGED_ID, ids))
                .fetch()
                .forEach(r -> out.put(r.get(VENDOR_MERGE.MERGED_ID), merged(r)));
        return out;
    }

    /** The vendors merged into each of these survivors. */
    public Map<Long, List<MergedVendorView>> mergedInto(Collection<Long> survivorIds) {
        Map<Long, List<MergedVendorView>> out = new HashMap<>();
        dsl.selectFrom(VENDOR_MERGE)
                .where(Sql.anyOf(VENDOR_MERGE.SURVIVOR_ID, survivorIds))
                .orderBy(VENDOR_MERGE.MERGED_AT, VENDOR_MERGE.MERGED_ID)
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(VENDOR_MERGE.SURVIVOR_ID), k -> new ArrayList<>())
                        .add(merged(r)));
        return out;
    }

    private static SeedConflictView conflict(Record r) {
        var c = SEED_CONFLICT;
        return new SeedConflictView(
                r.get(c.ID),
                r.get(c.DETECTED_AT),
                r.get(c.SEED_SHA256),
                r.get(c.TABLE_NAME),
                r.get(c.SEED_KEY),
                r.get(c.RECORD_TYPE),
                r.get(c.RECORD_ID),
                r.get(c.KIND),
                Sql.list(r.get(c.FIELDS)),
                r.get(c.SEED_VALUES) == null ? null : r.get(c.SEED_VALUES).data(),
                r.get(c.CURRENT_VALUES) == null ? null : r.get(c.CURRENT_VALUES).data(),
                r.get(c.RESOLVED_AT),
                r.get(c.RESOLUTION));
    }

    public SeedConflictView conflict(long id) {
        return dsl.selectFrom(SEED_CONFLICT)
                .where(SEED_CONFLICT.ID.eq(id))
                .fetchOptional(CurationQueries::conflict)
                .orElse(null);
    }

    /** Seed conflicts, newest first; only the open ones unless {@code open} is false. */
    public Connection<SeedConflictView> conflicts(boolean open, PageArgs page) {
        Condition where = open ? SEED_CONFLICT.RESOLVED_AT.isNull() : DSL.noCondition();
        List<SeedConflictView> rows = dsl.selectFrom(SEED_CONFLICT)
                .where(where)
                .and(CONFLICTS.after(CONFLICTS.decode(page.after())))
                .orderBy(CONFLICTS.order())
                .limit(page.first() + 1)
                .fetch(CurationQueries::conflict);
        return Connection.of(rows, page, c -> CONFLICTS.cursor(c.rowId()), () -> dsl.fetchCount(SEED_CONFLICT, where));
    }
}
