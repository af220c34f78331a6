package org.vendorwatch.platform.limits;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.ConnectionNames;

/**
 * How many instances of the service run on this database: every instance's connections carry its
 * name ({@link ConnectionNames}), and each instance counts the distinct names among the primary's
 * sessions every {@code vendorwatch.limits.instances.interval} (default 5 s). An instance that stops
 * or dies drops its connections and stops counting at once. Nothing is written: a heartbeat row would
 * be a commit every few seconds, which would change the database's snapshot and end every kept answer
 * and bulk-download ETag that often.
 *
 * <p>The rate limits give each instance its share of a client's allowance ({@link RateLimitFilter}):
 * behind a load balancer that spreads a client's requests over N instances, the client gets the
 * configured allowance in all, not N times it (see docs/deployment.md).
 */
@Component
@ConditionalOnWebApplication
public class Instances {

    private static final Logger LOG = LoggerFactory.getLogger(Instances.class);

    private final DataSource dataSource;
    private volatile int live = 1;

    public Instances(DataSource dataSource) {
        this.dataSource = dataSource;
        io.micrometer.core.instrument.Gauge.builder("vendorwatch.instances.live", this, Instances::live)
                .description("instances of the service with connections to this database")
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    /** Instances with connections to the primary, this one included (at least 1). */
    public int live() {
        return live;
    }

    @Scheduled(fixedDelayString = "${vendorwatch.limits.instances.interval:5s}")
    public void count() {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("""
                        select count(distinct application_name) from pg_stat_activity
                        where datname = current_database() and application_name like ?""")) {
            ps.setString(1, ConnectionNames.PREFIX + "%");
            try (var rs = ps.executeQuery()) {
                rs.next();
                int now = Math.max(1, rs.getInt(1));
                if (now != live) {
                    LOG.info(
                            "{} instance(s) of the service share this database: rate limits are split {} ways",
                            now,
                            now);
                }
                live = now;
            }
        } catch (java.sql.SQLException e) {
            LOG.debug("instances not counted: {}", e.getMessage()); // the database is down: keep the last count
        }
    }
}
