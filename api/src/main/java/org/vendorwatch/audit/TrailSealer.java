package org.vendorwatch.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals the audit events of ended transactions into the hash chain every few seconds
 * ({@code vendorwatch.audit.seal-interval}, default 5 s), by calling the database's
 * {@code audit_seal()} (migration 008). Several instances may run it: the function takes a lock.
 */
@Component
@ConditionalOnProperty(name = "vendorwatch.audit.sealing", havingValue = "true", matchIfMissing = true)
public class TrailSealer {

    private static final Logger LOG = LoggerFactory.getLogger(TrailSealer.class);

    private final TrailQueries trail;

    public TrailSealer(TrailQueries trail) {
        this.trail = trail;
    }

    /** Seals what can be sealed now; returns how many events. */
    public long seal() {
        return trail.seal();
    }

    @Scheduled(
            fixedDelayString = "${vendorwatch.audit.seal-interval:5s}",
            initialDelayString = "${vendorwatch.audit.seal-interval:5s}")
    void sealPeriodically() {
        try {
            long n = seal();
            if (n > 0) {
                LOG.debug("Sealed {} audit events", n);
            }
        } catch (RuntimeException e) {
            // the database is away: the events wait, sealed at the next run that reaches it
            LOG.warn(
                    "Could not seal the audit trail now ({}); will retry",
                    e.getClass().getSimpleName());
        }
    }
}
