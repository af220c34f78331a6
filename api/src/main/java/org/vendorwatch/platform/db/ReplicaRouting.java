package org.vendorwatch.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The service's data source when read replicas are configured: the connections of a request that
 * may read from a replica (an anonymous read, marked with a {@link Route} by
 * {@link ReplicaConfiguration}) come from one replica that is up and no further behind the primary
 * than the configured bound, chosen at the request's first connection and kept for all of them;
 * every other connection (writes, editors' reads, background work, migrations, health) comes from
 * the primary. A replica that refuses a connection is skipped at once and the primary answers the
 * rest of the request.
 *
 * <p>How far behind a replica is, is measured against the primary's write-ahead log, not the time of
 * the last replayed transaction (which grows while nobody writes): every check notes the primary's
 * current WAL position and when it was seen; a replica's lag is the age of the oldest noted position
 * it has not replayed yet (zero when it has replayed them all). The measure is as fine as the check
 * interval.
 */
public final class ReplicaRouting extends DelegatingDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRouting.class);

    /**
     * The database one request reads from: chosen at its first connection and kept for the rest of the
     * request (every field and every streamed body of one answer come from one database).
     */
    public static final class Route {
        private volatile @Nullable Replica target;
        private volatile boolean primary;
    }

    /** Set for the duration of a request that may read from a replica; carried to the threads it uses. */
    static final ThreadLocal<Route> ROUTE = new ThreadLocal<>();

    /** The current request's route, or null (a connection taken without one comes from the primary). */
    public static @Nullable Route route() {
        return ROUTE.get();
    }

    /** Runs {@code work} on the thread it is called on with a request's route (a body streamed on another thread). */
    public static <T> T withRoute(@Nullable Route route, Callable<T> work) throws Exception {
        Route before = ROUTE.get();
        if (route == null) {
            ROUTE.remove();
        } else {
            ROUTE.set(route);
        }
        try {
            return work.call();
        } finally {
            if (before == null) {
                ROUTE.remove();
            } else {
                ROUTE.set(before);
            }
        }
    }

    /** Runs {@code work} on the primary, whatever the request's route (a check only the primary can make). */
    public static <T> T onPrimary(Callable<T> work) throws Exception {
        return withRoute(null, work);
    }

    /** One replica: its pool, and what the last check found. */
    public static final class Replica {
        final String name;
        final HikariDataSource pool;
        volatile boolean up;
        volatile double lagSeconds = Double.NaN;

        Replica(String name, HikariDataSource pool) {
            this.name = name;
            this.pool = pool;
        }

        public String name() {
            return name;
        }

        public boolean up() {
            return up;
        }

        public double lagSeconds() {
            return lagSeconds;
        }
    }

    private record Mark(long nanos, String lsn) {}

    private final List<Replica> replicas;
    private final Duration maxLag;
    private final AtomicInteger next = new AtomicInteger();
    private final Deque<Mark> marks = new ArrayDeque<>();
    private final Counter primaryReads;
    private final Counter replicaReads;
    private final Counter fallbacks;

    public ReplicaRouting(DataSource primary, List<Replica> replicas, Duration maxLag) {
        super(primary);
        MeterRegistry meters = io.micrometer.core.instrument.Metrics.globalRegistry;
        this.replicas = List.copyOf(replicas);
        this.maxLag = maxLag;
        this.primaryReads = meters.counter("vendorwatch.database.reads", "target", "primary");
        this.replicaReads = meters.counter("vendorwatch.database.reads", "target", "replica");
        this.fallbacks = meters.counter("vendorwatch.database.replica.fallbacks");
        for (Replica r : this.replicas) {
            Gauge.builder("vendorwatch.database.replica.lag", r, x -> x.lagSeconds)
                    .tag("replica", r.name)
                    .baseUnit("seconds")
                    .description("how far the replica is behind the primary's write-ahead log (NaN: not reachable)")
                    .register(meters);
            Gauge.builder("vendorwatch.database.replica.up", r, x -> x.up ? 1 : 0)
                    .tag("replica", r.name)
                    .description("1 while anonymous reads may go to this replica")
                    .register(meters);
        }
    }

    public List<Replica> replicas() {
        return replicas;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Route route = ROUTE.get();
        if (route != null && !route.primary) {
            Replica chosen = route.target;
            if (chosen == null) {
                chosen = pick();
                if (chosen == null) {
                    route.primary = true;
                } else {
                    route.target = chosen;
                }
            }
            if (chosen != null) {
                try {
                    Connection c = chosen.pool.getConnection();
                    replicaReads.increment();
                    return c;
                } catch (SQLException e) {
                    fallbacks.increment();
                    route.primary = true; // the rest of this request reads the primary
                    if (chosen.pool.getHikariPoolMXBean() != null
                            && chosen.pool.getHikariPoolMXBean().getIdleConnections() == 0
                            && chosen.pool.getHikariPoolMXBean().getActiveConnections()
                                    >= chosen.pool.getMaximumPoolSize()) {
                        LOG.debug("Replica {} has no free connection; this request reads the primary", chosen.name);
                    } else {
                        chosen.up = false; // unreachable: the next check decides when it is back
                        LOG.warn(
                                "Replica {} refused a connection; reads go elsewhere: {}", chosen.name, e.getMessage());
                    }
                }
            }
        }
        primaryReads.increment();
        return super.getConnection();
    }

    /** A replica that is up, round robin; null when none is. */
    private @Nullable Replica pick() {
        int n = replicas.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Replica r = replicas.get((start + i) % n);
            if (r.up) {
                return r;
            }
        }
        return null;
    }

    /**
     * Notes the primary's WAL position and measures every replica against the positions noted so far.
     * Called on a schedule (never from a request).
     */
    public void check() { // never overlaps itself (a fixed-delay schedule)
        long now = System.nanoTime();
        try (Connection c = super.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("select pg_current_wal_lsn()::text")) {
            rs.next();
            marks.addLast(new Mark(now, rs.getString(1)));
        } catch (SQLException e) {
            LOG.debug("cannot read the primary's WAL position: {}", e.getMessage());
        }
        long keep = now - 4 * maxLag.toNanos();
        while (marks.size() > 1 && marks.peekFirst().nanos() < keep) {
            marks.pollFirst(); // older than any lag we would still accept
        }
        for (Replica r : replicas) {
            measure(r, now);
        }
    }

    private void measure(Replica r, long now) {
        String replayed;
        try (Connection c = r.pool.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                // promoted (it is a primary now): reads there could miss writes made on the old primary
                setDown(r, "is no longer a replica (promoted?)");
                return;
            }
            replayed = rs.getString(2);
        } catch (SQLException e) {
            setDown(r, "is not reachable: " + e.getMessage());
            return;
        }
        double lag = 0;
        if (replayed == null
                || marks.isEmpty()
                || Lsn.parse(replayed) < Lsn.parse(marks.peekFirst().lsn())) {
            // behind the oldest position noted (just after start-up, or far behind): how far is unknown
            lag = Double.POSITIVE_INFINITY;
        } else {
            long at = Lsn.parse(replayed);
            for (Mark m : marks) {
                if (Lsn.parse(m.lsn()) > at) {
                    lag = (now - m.nanos()) / 1e9;
                    break;
                }
            }
        }
        r.lagSeconds = lag;
        boolean ok = lag <= maxLag.toNanos() / 1e9;
        if (ok != r.up) {
            if (ok) {
                LOG.info("Replica {} serves anonymous reads (lag {} s)", r.name, String.format("%.1f", lag));
            } else {
                LOG.warn("Replica {} is {} s behind (bound {}): reads go elsewhere", r.name, lag, maxLag);
            }
        }
        r.up = ok;
    }

    private static void setDown(Replica r, String why) {
        if (r.up) {
            LOG.warn("Replica {} {}: reads go elsewhere", r.name, why);
        }
        r.up = false;
        r.lagSeconds = Double.NaN;
    }

    /** Closes the replicas' pools (the primary's is the container's). */
    public void closeReplicas() {
        replicas.forEach(r -> r.pool.close());
    }

    /** PostgreSQL's textual WAL positions, {@code 16/B374D848}. */
    static final class Lsn {
        private Lsn() {}

        static long parse(@Nullable String lsn) {
            if (lsn == null) {
                return -1;
            }
            int slash = lsn.indexOf('/');
            return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
        }
    }
}
