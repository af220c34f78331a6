package org.vendorwatch.platform.limits;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many instances of the service run on this database: each notes itself in {@code service_instance}
 * every {@code vendorwatch.limits.instances.heartbeat} (default 5 s, on the primary) and counts the
 * instances seen within three heartbeats. The rate limits give each instance its share of a client's
 * allowance ({@link RateLimitFilter}): behind a load balancer that spreads a client's requests over N
 * instances, the client gets the configured allowance in all, not N times it, at the cost of one small
 * write per instance per heartbeat instead of one per request (see docs/deployment.md).
 */
@Component
@ConditionalOnWebApplication
public class Instances {

    private static final Logger LOG = LoggerFactory.getLogger(Instances.class);

    private final DataSource dataSource;
    private final Duration heartbeat;
    private final UUID id = UUID.randomUUID();
    private final OffsetDateTime started = OffsetDateTime.now();
    private final String hostName;
    private final Environment env;
    private volatile int live = 1;

    public Instances(
            DataSource dataSource,
            Environment env,
            @Value("${vendorwatch.limits.instances.heartbeat:5s}") Duration heartbeat) {
        this.dataSource = dataSource;
        this.heartbeat = heartbeat;
        this.env = env;
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            name = "unknown";
        }
        this.hostName = name;
        io.micrometer.core.instrument.Gauge.builder("vendorwatch.instances.live", this, Instances::live)
                .description("instances of the service seen on this database in the last three heartbeats")
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    /** Instances seen within three heartbeats, this one included (at least 1). */
    public int live() {
        return live;
    }

    @Scheduled(fixedDelayString = "${vendorwatch.limits.instances.heartbeat:5s}")
    public void beat() {
        long window = heartbeat.toMillis() * 3;
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("""
                        with me as (
                          insert into service_instance (id, host, started_at, seen_at) values (?, ?, ?, now())
                          on conflict (id) do update set seen_at = now(), host = excluded.host
                        ), gone as (
                          delete from service_instance where seen_at < now() - interval '1 hour'
                        )
                        select count(*) from service_instance
                        where id <> ? and seen_at > now() - ? * interval '1 millisecond'""")) {
            ps.setObject(1, id);
            // the port is known once the web server runs (after this bean is made)
            ps.setString(2, hostName + ":" + env.getProperty("local.server.port", "?"));
            ps.setObject(3, started);
            ps.setObject(4, id);
            ps.setLong(5, window);
            try (var rs = ps.executeQuery()) {
                rs.next();
                int now = 1 + rs.getInt(1);
                if (now != live) {
                    LOG.info(
                            "{} instance(s) of the service share this database: rate limits are split {} ways",
                            now,
                            now);
                }
                live = now;
            }
        } catch (java.sql.SQLException e) {
            LOG.debug("heartbeat not recorded: {}", e.getMessage()); // the database is down: keep the last count
        }
    }

    @PreDestroy
    public void leave() {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("delete from service_instance where id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            LOG.debug("could not remove this instance's heartbeat: {}", e.getMessage());
        }
    }
}
