package org.vendorwatch.platform.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.vendorwatch.platform.AppHome;

/**
 * {@code java -jar vendorwatch-api.jar replica [--data-dir=D] [--replica-dir=R] [--port=P]}: starts a
 * hot-standby streaming replica of the embedded PostgreSQL the service runs (data folder D, default
 * {@code VENDORWATCH_DATA_DIR} or ./data/postgres; the service must be running), with its data in R
 * (default D-replica), listening on 127.0.0.1:P (default 5433), and runs until stopped (Ctrl-C). Point
 * instances at it with {@code VENDORWATCH_REPLICAS_URLS=jdbc:postgresql://127.0.0.1:P/vendorwatch}. For
 * trying replicas out and for the benchmark; in production, replicas are your PostgreSQL's (Patroni, a
 * managed service): see docs/deployment.md. The replica's replication slot keeps on the primary the
 * write-ahead log it has not received: when you remove a replica for good, drop its slot too
 * ({@code select pg_drop_replication_slot('replica_...')}, named in {@code pg_replication_slots}).
 */
public final class ReplicaCommand {

    private ReplicaCommand() {}

    public static void run(String... args) throws IOException, InterruptedException {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("usage: replica [--data-dir=D] [--replica-dir=R] [--port=P]");
            }
            opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        String configured = System.getenv().getOrDefault("VENDORWATCH_DATA_DIR", "./data/postgres");
        Path data = AppHome.resolve(opts.getOrDefault("data-dir", configured));
        if (!EmbeddedPostgres.holdsCluster(data)) {
            throw new IllegalStateException("no Vendorwatch database in " + data + ": start the service first");
        }
        Path replicaDir = AppHome.resolve(opts.getOrDefault("replica-dir", data + "-replica"));
        int port = Integer.parseInt(opts.getOrDefault("port", "5433"));
        EmbeddedPostgres primary = EmbeddedPostgres.start(data, 0, false);
        if (!primary.isShared()) {
            primary.close();
            throw new IllegalStateException("the service is not running on " + data + ": start it first");
        }
        EmbeddedPostgres replica = primary.startReplica(replicaDir, port, false);
        System.out.println("Replica of " + data + " streaming on 127.0.0.1:" + replica.port() + " (data in "
                + replicaDir + "); stop it with Ctrl-C");
        Thread.currentThread().join();
    }
}
