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
 * <p>Depends only on the JDK, commons-compress and xz: the build compiles it on its own.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());
    public static final String SUPERUSER = "postgres";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final List<String> runAs;
    private final Thread shutdownHook;
    private volatile boolean stopped;
    private boolean deleteDataOnStop;
    private boolean ephemeral;

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
            shared.stopped = true;
            LOG.log(System.Logger.Level.INFO, "Using the PostgreSQL already running on 127.0.0.1:{0,number,#} with data in {1}", running, data);
            return shared;
        }
        EmbeddedPostgres pg = new EmbeddedPostgres(installDir.resolve("bin"), data,
                port == 0 ? freePort() : port, runAs);
        pg.deleteDataOnStop = ephemeral;
        pg.ephemeral = ephemeral;
        pg.initIfNeeded();
        pg.startServer(ephemeral);
        Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        return pg;
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
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "")) {
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

    /**
     * Creates a login role and a database it owns, if missing. The role is not a superuser, so the
     * application's rights can be narrowed by the schema (e.g. an append-only audit table).
     */
    public void ensureDatabase(String database, String owner) {
        requireIdentifier(database);
        requireIdentifier(owner);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             var st = c.createStatement()) {
            try (var rs = st.executeQuery("select 1 from pg_roles where rolname = '" + owner + "'")) {
                if (!rs.next()) {
                    st.execute("create role " + owner + " login");
                }
            }
            try (var rs = st.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!rs.next()) {
                    st.execute("create database " + database + " owner " + owner + " encoding 'UTF8' template template0");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + database + ": " + e.getMessage(), e);
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
        run(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                "--no-locale", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-instructions"), 120);
    }

    private void startServer(boolean ephemeral) throws IOException {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            // A server left running by a JVM that was killed, or a stale pid file: stop it first.
            runQuietly(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30"));
        }
        StringBuilder options = new StringBuilder()
                .append("-p ").append(port)
                .append(" -c listen_addresses=127.0.0.1")
                .append(" -c unix_socket_directories=''")
                .append(" -c max_connections=200");
        if (ephemeral) {
            options.append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        run(List.of(bin("pg_ctl"), "start", "-D", dataDir.toString(), "-w", "-t", "60",
                "-l", dataDir.resolve("server.log").toString(), "-o", options.toString()), 90);
        LOG.log(System.Logger.Level.INFO, "PostgreSQL listening on 127.0.0.1:{0,number,#} with data in {1}", port, dataDir);
    }

    /** Stops the server abruptly, as a crash or a network outage would (for outage drills and tests). */
    public synchronized void suspend() {
        runQuietly(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "30"));
    }

    /** Starts the server again on the same port and data after {@link #suspend()}. */
    public synchronized void resume() throws IOException {
        startServer(ephemeral);
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
        private Binaries() {
        }

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
            try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(
                    new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
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
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException
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
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
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

    /**
     * PostgreSQL will not run as root. When we are root, its commands run either in a user namespace
     * where our uid 0 appears as an ordinary uid (files stay root's, any folder works), or, where the
     * kernel does not allow user namespaces, as the 'nobody' user with the data folder handed over.
     */
    static final class RunAs {
        private RunAs() {
        }

        private static final List<String> NAMESPACE = List.of("unshare", "--user", "--map-user=1000", "--map-group=1000", "--");

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
                throw new IllegalStateException("The cluster in " + dataDir + " belongs to root, and this machine allows no user "
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
                    .redirectErrorStream(true).start();
            waitOk(p, "chown " + dataDir);
        }

        /** As 'nobody', every folder above the data folder must let that user through. */
        static void checkReachable(List<String> runAs, Path dataDir) throws IOException {
            if (!usesNobody(runAs)) {
                return;
            }
            for (Path p = dataDir.getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("Running as root without user namespaces, the embedded PostgreSQL runs as "
                            + "'nobody', which cannot reach " + dataDir + " (" + p + " is closed to other users). Set "
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
