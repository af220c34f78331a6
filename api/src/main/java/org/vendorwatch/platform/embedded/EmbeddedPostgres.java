package org.vendorwatch.platform.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL 17 server run from the binaries bundled in the jar (zonky's binaries artifact), with
 * its data in a folder of our choosing that survives restarts. Used by the default run, the tests
 * and the build's jOOQ code generation, so all three talk to the same engine.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root (CI, containers), every PostgreSQL
 * command runs in a user namespace in which root appears as an ordinary user ({@code unshare}), or,
 * where those are not allowed, as {@code nobody} ({@code setpriv}). It listens on 127.0.0.1 only,
 * with no Unix socket.
 *
 * <p>Every role logs in with a password (scram-sha-256; no {@code trust} line, so another local
 * process or user gets nothing by connecting). The passwords derive from a secret generated at the
 * cluster's creation and kept in the data folder, readable by its owner only
 * ({@value #SECRET_FILE}). A cluster created before that (with trust lines) is converted on start.
 *
 * <p>Depends only on the JDK, commons-compress and xz: the build compiles it on its own.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());
    public static final String SUPERUSER = "postgres";
    /** The file in the data folder that holds the secret every role's password derives from. */
    public static final String SECRET_FILE = "vendorwatch.secret";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final List<String> runAs;
    private final Thread shutdownHook;
    private volatile boolean stopped;
    private boolean deleteDataOnStop;
    private boolean ephemeral;
    private String secret;

    private EmbeddedPostgres(Path binDir, Path dataDir, int port, List<String> runAs) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.runAs = runAs;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-shutdown");
    }

    /**
     * Starts a server on {@code dataDir}, creating the cluster if the folder holds none.
     *
     * @param port a TCP port on 127.0.0.1, or 0 for any free one
     * @param ephemeral true for throwaway clusters (tests, code generation): durability settings off,
     *                  and the data folder is deleted when the server stops
     */
    public static EmbeddedPostgres start(Path dataDir, int port, boolean ephemeral) throws IOException {
        Path installDir = Binaries.unpack();
        Path data = dataDir.toAbsolutePath().normalize();
        List<String> runAs = RunAs.prefix(data);
        RunAs.checkReachable(runAs, data);
        Integer running = ephemeral ? null : runningPort(data);
        if (running != null) {
            // another process (the service, or a release command) already runs this cluster: share it, leave it running
            EmbeddedPostgres shared = new EmbeddedPostgres(installDir.resolve("bin"), data, running, runAs);
            shared.secret = Secret.read(data);
            shared.stopped = true;
            shared.shared = true;
            LOG.log(
                    System.Logger.Level.INFO,
                    "Using the PostgreSQL already running on 127.0.0.1:{0,number,#} with data in {1}",
                    running,
                    data);
            return shared;
        }
        EmbeddedPostgres pg =
                new EmbeddedPostgres(installDir.resolve("bin"), data, port == 0 ? freePort() : port, runAs);
        pg.deleteDataOnStop = ephemeral;
        pg.ephemeral = ephemeral;
        pg.initIfNeeded();
        pg.startServer(ephemeral);
        Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        pg.requirePasswords();
        return pg;
    }

    /** The role a streaming replica of an embedded primary connects as (replication only, no data access). */
    public static final String REPLICATION_ROLE = "vendorwatch_replication";

    /**
     * Starts a hot-standby streaming replica of this (running) server in {@code replicaDir}, creating it
     * when the folder holds no cluster: a physical replication slot keeps on the primary the write-ahead
     * log the replica still needs, and the base backup is taken with PostgreSQL's low-level backup
     * functions ({@code pg_backup_start}/{@code pg_backup_stop}, what {@code pg_basebackup} does over the
     * replication protocol; the bundled binaries carry no {@code pg_basebackup}), copying the data folder
     * of this same machine. The replica then streams from the primary as role {@value #REPLICATION_ROLE}.
     * Its roles and passwords are the primary's (a physical copy), so {@link #password} works on it.
     *
     * @param port a TCP port on 127.0.0.1, or 0 for any free one
     * @param ephemeral delete the replica's folder when it stops (tests, benchmarks)
     */
    public EmbeddedPostgres startReplica(Path replicaDir, int port, boolean ephemeral) throws IOException {
        Path data = replicaDir.toAbsolutePath().normalize();
        String slot = "replica_"
                + Binaries.sha256(data.toString().getBytes(StandardCharsets.UTF_8))
                        .substring(0, 16);
        if (!holdsCluster(data)) {
            baseBackup(data, slot);
        } else {
            // the primary may listen on another port than when the replica was made (a free port each start)
            Path conf = data.resolve("postgresql.auto.conf");
            Files.writeString(
                    conf, Files.readString(conf).replaceAll("(primary_conninfo = '[^']*port=)[0-9]+", "$1" + port));
        }
        EmbeddedPostgres replica = new EmbeddedPostgres(binDir, data, port == 0 ? freePort() : port, runAs);
        replica.secret = secret;
        replica.deleteDataOnStop = ephemeral;
        replica.ephemeral = ephemeral;
        replica.slot = slot;
        replica.primary = this;
        replica.startServer(ephemeral);
        Runtime.getRuntime().addShutdownHook(replica.shutdownHook);
        return replica;
    }

    /** On a replica: its slot on the primary, dropped when the replica's folder is. */
    private String slot;

    private EmbeddedPostgres primary;

    private void baseBackup(Path target, String slot) throws IOException {
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        try (Connection c = connect("postgres", SUPERUSER);
                var st = c.createStatement()) {
            try (var rs = st.executeQuery("select 1 from pg_roles where rolname = '" + REPLICATION_ROLE + "'")) {
                st.execute((rs.next() ? "alter" : "create") + " role " + REPLICATION_ROLE
                        + " login replication nosuperuser password '" + password(REPLICATION_ROLE) + "'");
            }
            dropSlot(st, slot);
            st.execute("select pg_create_physical_replication_slot('" + slot + "', true)");
            st.execute("select pg_backup_start('vendorwatch replica', true)");
            String label;
            String spcmap;
            try {
                copyForBackup(dataDir, target);
            } finally {
                try (var rs = st.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)")) {
                    rs.next();
                    label = rs.getString(1);
                    spcmap = rs.getString(2);
                }
            }
            Files.writeString(target.resolve("backup_label"), label);
            if (spcmap != null && !spcmap.isEmpty()) {
                Files.writeString(target.resolve("tablespace_map"), spcmap);
            }
        } catch (SQLException e) {
            throw new IOException("cannot take a base backup of " + dataDir + ": " + e.getMessage(), e);
        }
        Files.writeString(target.resolve("standby.signal"), "");
        Files.writeString(
                target.resolve("postgresql.auto.conf"),
                "\nprimary_conninfo = 'host=127.0.0.1 port=" + port + " user=" + REPLICATION_ROLE + " password="
                        + password(REPLICATION_ROLE) + " application_name=" + slot + "'\n"
                        + "primary_slot_name = '" + slot + "'\n",
                java.nio.file.StandardOpenOption.APPEND);
        RunAs.handOver(runAs, target);
    }

    /** Drops a replication slot of ours if it exists and no replica streams from it. */
    private static void dropSlot(java.sql.Statement st, String slot) throws SQLException {
        st.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '" + slot
                + "' and not active");
    }

    /** What a base backup leaves out, as pg_basebackup does: the server's own run-time files and the WAL. */
    private static final Set<String> NOT_BACKED_UP = Set.of(
            "postmaster.pid",
            "postmaster.opts",
            "server.log",
            "backup_label",
            "tablespace_map",
            "standby.signal",
            "pg_internal.init");

    private static final Set<String> EMPTIED = Set.of(
            "pg_wal",
            "pg_replslot",
            "pg_stat_tmp",
            "pg_dynshmem",
            "pg_notify",
            "pg_serial",
            "pg_snapshots",
            "pg_subtrans");

    private static void copyForBackup(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(
                    Path dir, java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                Path out = to.resolve(rel.toString());
                Files.createDirectories(out);
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
                return rel.getNameCount() == 1 && EMPTIED.contains(rel.toString())
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                        : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs)
                    throws IOException {
                if (!NOT_BACKED_UP.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(
                                file,
                                to.resolve(from.relativize(file).toString()),
                                StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // a temporary file removed while we copied: the write-ahead log replays what matters
                    }
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** Whether another process started this server (this one only uses it). */
    public boolean isShared() {
        return shared;
    }

    /** Whether this server is a standby that is replaying (false for a primary). */
    public boolean isReplica() {
        return primary != null;
    }

    /** Whether {@code dataDir} holds a PostgreSQL cluster. */
    public static boolean holdsCluster(Path dataDir) {
        return Files.exists(dataDir.toAbsolutePath().normalize().resolve("PG_VERSION"));
    }

    /** The port of a server already running on this data folder (from postmaster.pid), if it answers. */
    private static Integer runningPort(Path data) {
        Path pid = data.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(pid);
            int port = Integer.parseInt(lines.get(3).strip());
            try (var socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            }
            String secret = Secret.read(data);
            try (Connection c = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    SUPERUSER,
                    secret == null ? "" : Secret.password(secret, SUPERUSER))) {
                return port;
            }
        } catch (IOException | RuntimeException | SQLException e) {
            return null; // stale pid file: start our own server
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The password of a role this class created (derived from the cluster's secret). */
    public String password(String role) {
        return Secret.password(secret, role);
    }

    /** A connection to a database as a role this class created. */
    public Connection connect(String database, String role) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), role, password(role));
    }

    /**
     * Creates a login role and a database it owns, if missing. The role is not a superuser: it owns
     * the schema and runs the migrations.
     */
    public void ensureDatabase(String database, String owner) {
        requireIdentifier(database);
        ensureRole(owner);
        try (Connection c = connect("postgres", SUPERUSER);
                var st = c.createStatement()) {
            try (var rs = st.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!rs.next()) {
                    st.execute(
                            "create database " + database + " owner " + owner + " encoding 'UTF8' template template0");
                }
            }
            st.execute("revoke all on database " + database + " from public");
            st.execute("grant connect, temporary on database " + database + " to " + owner);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a login role that owns nothing (the service's runtime role) and lets it connect to the
     * database; what it may do there, the migrations grant.
     */
    public void ensureRuntimeRole(String database, String role) {
        requireIdentifier(database);
        ensureRole(role);
        try (Connection c = connect("postgres", SUPERUSER);
                var st = c.createStatement()) {
            st.execute("grant connect on database " + database + " to " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare role " + role + ": " + e.getMessage(), e);
        }
    }

    /** Creates the login role if missing and (re)sets its password to the derived one. */
    private void ensureRole(String role) {
        requireIdentifier(role);
        try (Connection c = connect("postgres", SUPERUSER);
                var st = c.createStatement()) {
            boolean exists;
            try (var rs = st.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                exists = rs.next();
            }
            st.execute((exists ? "alter" : "create") + " role " + role
                    + " login nosuperuser nocreatedb nocreaterole password '" + password(role) + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare role " + role + ": " + e.getMessage(), e);
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain lower-case identifier: " + name);
        }
    }

    private void initIfNeeded() throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        RunAs.handOver(runAs, dataDir);
        LOG.log(System.Logger.Level.INFO, "Creating a PostgreSQL cluster in {0}", dataDir);
        secret = Secret.generate();
        // initdb reads the superuser's password from a file only the server's user can read, for a moment
        Path pwDir = Files.createTempDirectory("vendorwatch-initdb-");
        Path pwFile = pwDir.resolve("pw");
        try {
            Files.writeString(pwFile, password(SUPERUSER) + "\n");
            Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(pwDir, PosixFilePermissions.fromString("rwx------"));
            RunAs.handOver(runAs, pwDir);
            run(
                    List.of(
                            bin("initdb"),
                            "-D",
                            dataDir.toString(),
                            "-U",
                            SUPERUSER,
                            "-A",
                            "scram-sha-256",
                            "--pwfile=" + pwFile,
                            "-E",
                            "UTF8",
                            "--no-locale",
                            "--locale-provider=builtin",
                            "--builtin-locale=C.UTF-8",
                            "--no-instructions"),
                    120);
        } finally {
            Files.deleteIfExists(pwFile);
            Files.deleteIfExists(pwDir);
        }
        Secret.write(dataDir, secret);
    }

    /**
     * A cluster created before passwords (trust lines in pg_hba.conf): gets its secret and passwords,
     * then scram-sha-256 for every connection, while it still lets us in without one.
     */
    private void requirePasswords() throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        if (secret == null) {
            secret = Secret.read(dataDir);
        }
        String config = Files.readString(hba);
        boolean trusts = config.lines().anyMatch(l -> !l.strip().startsWith("#") && l.matches(".*\\btrust\\s*$"));
        if (!trusts && secret != null) {
            return;
        }
        if (secret == null) {
            secret = Secret.generate();
            Secret.write(dataDir, secret);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                var st = c.createStatement()) {
            st.execute("alter role " + SUPERUSER + " password '" + password(SUPERUSER) + "'");
            StringBuilder out = new StringBuilder();
            config.lines()
                    .forEach(l -> out.append(
                                    l.strip().startsWith("#") ? l : l.replaceAll("\\btrust\\s*$", "scram-sha-256"))
                            .append('\n'));
            Files.writeString(hba, out.toString()); // in place: the file keeps the owner the server reads it as
            st.execute("select pg_reload_conf()");
            LOG.log(
                    System.Logger.Level.INFO,
                    "PostgreSQL in {0} now asks every connection for a password (scram-sha-256)",
                    dataDir);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot set the passwords of the cluster in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void startServer(boolean ephemeral) throws IOException {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            // A server left running by a JVM that was killed, or a stale pid file: stop it first.
            runQuietly(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30"));
        }
        StringBuilder options = new StringBuilder()
                .append("-p ")
                .append(port)
                .append(" -c listen_addresses=127.0.0.1")
                .append(" -c unix_socket_directories=''")
                .append(" -c max_connections=200");
        if (ephemeral) {
            options.append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        run(
                List.of(
                        bin("pg_ctl"),
                        "start",
                        "-D",
                        dataDir.toString(),
                        "-w",
                        "-t",
                        "60",
                        "-l",
                        dataDir.resolve("server.log").toString(),
                        "-o",
                        options.toString()),
                90);
        LOG.log(
                System.Logger.Level.INFO,
                "PostgreSQL listening on 127.0.0.1:{0,number,#} with data in {1}",
                port,
                dataDir);
    }

    /**
     * Stops the server abruptly, as a crash or a network outage would (for outage drills and tests);
     * the watchdog leaves it down until {@link #resume()}.
     */
    public synchronized void suspend() {
        held = true;
        runQuietly(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "30"));
    }

    /** Starts the server again on the same port and data after {@link #suspend()}. */
    public synchronized void resume() throws IOException {
        startServer(ephemeral);
        held = false;
    }

    /** Set while an outage drill holds the server down on purpose. */
    private volatile boolean held;

    /** Set while the server is one another process started (it may stop it when it exits). */
    private volatile boolean shared;

    /**
     * Whether this process means the server to run: one it started and has not stopped, or one it
     * shares (the process that started it may exit and stop it: this one then starts it again and
     * owns it); not while an outage drill holds it down.
     */
    public boolean supervised() {
        return !held && (!stopped || shared);
    }

    /** The server's process id (postmaster.pid), if the file is there. */
    public java.util.OptionalLong serverPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** Whether the server process is alive. */
    public boolean alive() {
        java.util.OptionalLong pid = serverPid();
        return pid.isPresent()
                && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Starts the server again when it died (killed, crashed): PostgreSQL recovers from its write-ahead
     * log as after any crash. Returns true when it had to, and did.
     */
    public synchronized boolean restartIfGone() throws IOException {
        if (!supervised() || alive()) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, "PostgreSQL with data in {0} is not running: starting it again", dataDir);
        startServer(ephemeral);
        if (shared) {
            // the process that started it has gone (and stopped it): the server is this process's now
            shared = false;
            stopped = false;
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return true;
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        runQuietly(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30"));
        if (deleteDataOnStop && primary != null && primary.alive()) {
            // a throwaway replica's slot would keep the primary's write-ahead log forever
            try (Connection c = primary.connect("postgres", SUPERUSER);
                    var st = c.createStatement()) {
                dropSlot(st, slot);
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not drop slot {0}: {1}", slot, e.getMessage());
            }
        }
        if (deleteDataOnStop) {
            try {
                Binaries.deleteTree(dataDir);
            } catch (UncheckedIOException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not delete {0}", dataDir);
            }
        }
    }

    private String bin(String tool) {
        return binDir.resolve(tool).toString();
    }

    private void runQuietly(List<String> command) {
        try {
            run(command, 60);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignored: {0}", e.getMessage());
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n"
                    + new String(out, StandardCharsets.UTF_8) + tail(dataDir.resolve("server.log")));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Unpacks the bundled binaries once per machine into a shared, world-readable folder. */
    static final class Binaries {
        private Binaries() {}

        static Path unpack() throws IOException {
            String resource = "/postgres-" + os() + "-" + arch() + ".txz";
            byte[] archive;
            try (InputStream in = EmbeddedPostgres.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("No bundled PostgreSQL binaries for this platform (" + resource
                            + "). Set SPRING_DATASOURCE_URL to use an existing PostgreSQL instead.");
                }
                archive = in.readAllBytes();
            }
            Path root = Path.of(System.getProperty("java.io.tmpdir"));
            Path target = root.resolve("vendorwatch-postgres-" + sha256(archive).substring(0, 16));
            if (Files.exists(target.resolve(".complete"))) {
                return target;
            }
            Path staging = Files.createTempDirectory(root, "vendorwatch-postgres-unpack-");
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (var tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IOException("archive entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                        continue;
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                }
            }
            Files.writeString(staging.resolve(".complete"), "ok");
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException
                    | AtomicMoveNotSupportedException
                    | java.nio.file.DirectoryNotEmptyException raced) {
                deleteTree(staging); // another process unpacked the same binaries first
            }
            return target;
        }

        private static Set<PosixFilePermission> permissions(int mode) {
            // Keep the archive's execute bits; make everything readable by all (the server may run as nobody).
            boolean exec = (mode & 0111) != 0;
            return PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--");
        }

        private static String os() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.contains("linux") ? "linux" : name.contains("mac") ? "darwin" : name.replace(' ', '_');
        }

        private static String arch() {
            String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            return switch (a) {
                case "amd64", "x86_64" -> "x86_64";
                case "aarch64", "arm64" -> "arm_64";
                default -> a;
            };
        }

        private static String sha256(byte[] data) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static void deleteTree(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The cluster's secret, and the role passwords derived from it. */
    static final class Secret {
        private Secret() {}

        static String generate() {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        /** The secret of the cluster in {@code dataDir}, or null when it has none (yet). */
        static String read(Path dataDir) {
            Path file = dataDir.resolve(SECRET_FILE);
            try {
                return Files.exists(file) ? Files.readString(file).strip() : null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        /** Keeps the secret in the data folder, readable and writable by its owner only. */
        static void write(Path dataDir, String secret) throws IOException {
            Path file = dataDir.resolve(SECRET_FILE);
            Path staged = Files.createTempFile(
                    dataDir.getParent(),
                    ".vendorwatch-secret-",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(staged, secret + "\n");
            Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }

        /** A role's password: HMAC-SHA256 of its name under the secret. */
        static String password(String secret, String role) {
            if (secret == null) {
                throw new IllegalStateException("the cluster has no secret yet");
            }
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(HexFormat.of().parseHex(secret), "HmacSHA256"));
                return HexFormat.of()
                        .formatHex(mac.doFinal(role.getBytes(StandardCharsets.UTF_8)))
                        .substring(0, 40);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * PostgreSQL will not run as root. When we are root, its commands run either in a user namespace
     * where our uid 0 appears as an ordinary uid (files stay root's, any folder works), or, where the
     * kernel does not allow user namespaces, as the 'nobody' user with the data folder handed over.
     */
    static final class RunAs {
        private RunAs() {}

        private static final List<String> NAMESPACE =
                List.of("unshare", "--user", "--map-user=1000", "--map-group=1000", "--");

        static List<String> prefix(Path dataDir) throws IOException {
            if (!"0".equals(id("-u"))) {
                return List.of();
            }
            if (Files.exists(dataDir.resolve("PG_VERSION"))) {
                // an existing cluster keeps the owner it was created with
                int uid = (Integer) Files.getAttribute(dataDir, "unix:uid");
                int gid = (Integer) Files.getAttribute(dataDir, "unix:gid");
                if (uid != 0) {
                    return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
                }
                if (works(NAMESPACE)) {
                    return NAMESPACE;
                }
                throw new IllegalStateException(
                        "The cluster in " + dataDir + " belongs to root, and this machine allows no user "
                                + "namespaces to run PostgreSQL in as root. Hand the folder to an ordinary user or run as one.");
            }
            if (works(NAMESPACE)) {
                return NAMESPACE;
            }
            return List.of("setpriv", "--reuid=" + idOf("-u"), "--regid=" + idOf("-g"), "--clear-groups", "--");
        }

        private static boolean usesNobody(List<String> runAs) {
            return !runAs.isEmpty() && runAs.getFirst().equals("setpriv");
        }

        private static boolean works(List<String> prefix) {
            try {
                List<String> cmd = new ArrayList<>(prefix);
                cmd.add("true");
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static void handOver(List<String> runAs, Path dataDir) throws IOException {
            if (!usesNobody(runAs)) {
                return;
            }
            String uid = runAs.get(1).substring("--reuid=".length());
            String gid = runAs.get(2).substring("--regid=".length());
            Process p = new ProcessBuilder("chown", "-R", uid + ":" + gid, dataDir.toString())
                    .redirectErrorStream(true)
                    .start();
            waitOk(p, "chown " + dataDir);
        }

        /** As 'nobody', every folder above the data folder must let that user through. */
        static void checkReachable(List<String> runAs, Path dataDir) throws IOException {
            if (!usesNobody(runAs)) {
                return;
            }
            for (Path p = dataDir.getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException(
                            "Running as root without user namespaces, the embedded PostgreSQL runs as "
                                    + "'nobody', which cannot reach " + dataDir + " (" + p
                                    + " is closed to other users). Set "
                                    + "VENDORWATCH_DATA_DIR to a folder under /tmp or /var/tmp, or run as an ordinary user.");
                }
            }
        }

        private static String idOf(String flag) throws IOException {
            return run(List.of("id", flag, "nobody"));
        }

        private static String id(String flag) throws IOException {
            return run(List.of("id", flag));
        }

        private static String run(List<String> cmd) throws IOException {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            waitOk(p, String.join(" ", cmd));
            return out;
        }

        private static void waitOk(Process p, String what) throws IOException {
            try {
                if (p.waitFor() != 0) {
                    throw new IOException("failed: " + what);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + what, e);
            }
        }
    }
}
