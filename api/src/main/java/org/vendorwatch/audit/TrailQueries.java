package org.vendorwatch.audit;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.GlobalId;

/** The audit trail's hash chain: sealing it, and its head for the public to pin. */
@Component
public class TrailQueries {

    /** The last sealed event: its position in the chain, id, hash and time. */
    public record TrailHead(long sealSeq, long eventRowId, String hash, OffsetDateTime occurredAt) {
        public String eventId() {
            return GlobalId.of("AuditEvent", eventRowId);
        }
    }

    /** The chain's state: sealed and not yet sealed events, and the head (null before the first seal). */
    public record TrailState(long sealedEvents, long unsealedEvents, TrailHead head) {}

    private final DSLContext dsl;

    public TrailQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Seals the events of ended transactions into the chain (the database's audit_seal()); returns how many. */
    public long seal() {
        Long n = dsl.select(DSL.field("audit_seal()", Long.class)).fetchOne(0, Long.class);
        return n == null ? 0 : n;
    }

    public TrailState state() {
        TrailHead head = dsl.resultQuery(
                        "select seal_seq, id, hash, occurred_at from audit_event where seal_seq is not null "
                                + "order by seal_seq desc limit 1")
                .fetchOne(r -> new TrailHead(
                        r.get(0, Long.class),
                        r.get(1, Long.class),
                        r.get(2, String.class),
                        r.get(3, OffsetDateTime.class)));
        long unsealed = dsl.fetchCount(dsl.selectOne().from("audit_event").where("seal_seq is null"));
        return new TrailState(head == null ? 0 : head.sealSeq(), unsealed, head);
    }
}
