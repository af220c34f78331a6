package org.vendorwatch.platform.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the embedded PostgreSQL running: when its process dies (killed, crashed, out of memory), the
 * service starts it again on the same data and port, and the connection pool reconnects. If it cannot
 * (three attempts in a row fail), liveness turns DOWN so that a supervisor restarts the whole service,
 * rather than answering liveness UP and readiness DOWN forever. A server another process runs (shared
 * data folder) is that process's to restart; an outage drill ({@link EmbeddedPostgres#suspend()}) is
 * left alone.
 * <p>Declared by {@link EmbeddedDatabaseConfiguration}; off with {@code vendorwatch.database.watchdog=false}.
 */
public class EmbeddedWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWatchdog.class);
    static final int ATTEMPTS = 3;

    private final EmbeddedPostgres pg;
    private final ApplicationEventPublisher events;
    private int failures;

    public EmbeddedWatchdog(EmbeddedPostgres pg, ApplicationEventPublisher events) {
        this.pg = pg;
        this.events = events;
    }

    @Scheduled(
            fixedDelayString = "${vendorwatch.database.watchdog-interval:2s}",
            initialDelayString = "${vendorwatch.database.watchdog-interval:2s}")
    public synchronized void check() {
        try {
            if (pg.restartIfGone()) {
                LOG.warn("The embedded PostgreSQL had stopped; it runs again (data in {})", pg.dataDir());
            }
            if (failures > 0 && pg.alive()) {
                failures = 0;
                AvailabilityChangeEvent.publish(events, this, LivenessState.CORRECT);
            }
        } catch (java.io.IOException | RuntimeException e) {
            failures++;
            LOG.error(
                    "Cannot start the embedded PostgreSQL again (attempt {} of {}): {}",
                    failures,
                    ATTEMPTS,
                    e.getMessage());
            if (failures >= ATTEMPTS) {
                AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
            }
        }
    }
}
