package org.vendorwatch.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vendorwatch.audit.TrailQueries;
import org.vendorwatch.platform.AppHome;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Citable, immutable releases: every bulk file from one consistent snapshot, a data dictionary and a
 * manifest (release id, time, schema version, row counts, SHA-256 and size of every file, licence,
 * how to cite), stored in the database (tables release, release_file, release_chunk) in one
 * transaction and never changed again: every instance of the service serves the same releases.
 */
@Component
public class Releases {

    private static final Logger LOG = LoggerFactory.getLogger(Releases.class);
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** The data's licence (SPDX id; LICENSE-DATA in the repository). */
    public static final String LICENCE = "CC-BY-4.0";
    /** The title to cite, the same as CITATION.cff's. */
    public static final String TITLE =
            "Vendorwatch: a sourced dataset of the commercial surveillance and spyware industry";

    /**
     * @param dir where earlier versions kept releases (env VENDORWATCH_RELEASES_DIR): imported into the
     *            database at start-up
     */
    @ConfigurationProperties("vendorwatch.releases")
    public record Properties(
            @DefaultValue("./data/releases") String dir) {}

    /** A file of a release. */
    public record FileEntry(String name, String sha256, long bytes, String url) {
        /** {@code ReleaseFile.size}: the same number, as an integer scalar. */
        public long size() {
            return bytes;
        }
    }

    /** A release's manifest.json. */
    public record Manifest(
            String release,
            String createdAt,
            String schemaVersion,
            String licence,
            String howToCite,
            Map<String, Long> rowCounts,
            List<FileEntry> files,
            TrailQueries.TrailState auditTrail) {}

    private final BulkQueries bulk;
    private final TrailQueries trail;
    private final javax.sql.DataSource dataSource;
    /** Where releases were kept before they moved into the database (imported once, never changed). */
    private final Path legacyRoot;

    public Releases(BulkQueries bulk, TrailQueries trail, javax.sql.DataSource dataSource, Properties props) {
        this.bulk = bulk;
        this.trail = trail;
        this.dataSource = dataSource;
        this.legacyRoot = AppHome.resolve(props.dir());
    }

    /** What a release run did: wrote a new release, or found that the newest one already holds this data. */
    public record Outcome(Manifest manifest, boolean created) {}

    /** Every file is stored in chunks of this many bytes (release_chunk). */
    static final int CHUNK = 1 << 20;

    /**
     * Writes a new release and returns its manifest; when the data equals the newest release's
     * (every file's SHA-256), writes nothing and returns that release. One release run at a time across
     * every instance (a PostgreSQL advisory lock), so ids are never taken twice.
     */
    public Outcome create() throws IOException {
        try (Connection lock = dataSource.getConnection()) {
            try (var st = lock.createStatement()) {
                st.execute("select pg_advisory_lock(hashtext('vendorwatch.release'))");
            }
            try {
                return createLocked();
            } finally {
                try (var st = lock.createStatement()) {
                    st.execute("select pg_advisory_unlock(hashtext('vendorwatch.release'))");
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot write a release: " + e.getMessage(), e);
        }
    }

    private Outcome createLocked() throws IOException, SQLException {
        String id = nextId();
        Path staging = Files.createTempDirectory("vendorwatch-release-");
        try {
            trail.seal(); // so the manifest's chain head covers every write committed before the snapshot
            Manifest manifest = bulk.inSnapshot((copier, connection) -> write(id, staging, copier, connection));
            List<Manifest> existing = list();
            if (!existing.isEmpty() && sameData(existing.getFirst(), manifest)) {
                LOG.info(
                        "Release {} already holds this data: no new release",
                        existing.getFirst().release());
                return new Outcome(existing.getFirst(), false);
            }
            store(manifest, staging);
            LOG.info("Release {} written: {}", id, manifest.rowCounts());
            return new Outcome(manifest, true);
        } finally {
            try (Stream<Path> s = Files.walk(staging)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Imports a release folder under the same lock as {@link #create()}, unless its id is taken meanwhile. */
    private void importLocked(Manifest m, Path dir) throws IOException, SQLException {
        try (Connection lock = dataSource.getConnection()) {
            try (var st = lock.createStatement()) {
                st.execute("select pg_advisory_lock(hashtext('vendorwatch.release'))");
            }
            try {
                if (list().stream().noneMatch(r -> r.release().equals(m.release()))) {
                    store(m, dir);
                }
            } finally {
                try (var st = lock.createStatement()) {
                    st.execute("select pg_advisory_unlock(hashtext('vendorwatch.release'))");
                }
            }
        }
    }

    /** Stores a release whose files (manifest.json included) are in {@code dir}, in one transaction. */
    private void store(Manifest manifest, Path dir) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (var ps = c.prepareStatement(
                        "insert into release (id, created_at, manifest) values (?, ?::timestamptz, ?::jsonb)")) {
                    ps.setString(1, manifest.release());
                    ps.setString(2, manifest.createdAt());
                    ps.setString(3, Files.readString(dir.resolve("manifest.json")));
                    ps.executeUpdate();
                }
                List<FileEntry> files = new ArrayList<>(manifest.files());
                Path manifestFile = dir.resolve("manifest.json");
                files.add(new FileEntry(
                        "manifest.json",
                        HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(manifestFile))),
                        Files.size(manifestFile),
                        url(manifest.release(), "manifest.json")));
                for (FileEntry f : files) {
                    storeFile(c, manifest.release(), f, dir.resolve(f.name()));
                }
                c.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void storeFile(Connection c, String release, FileEntry f, Path file)
            throws IOException, SQLException {
        try (var ps =
                c.prepareStatement("insert into release_file (release_id, name, sha256, bytes) values (?, ?, ?, ?)")) {
            ps.setString(1, release);
            ps.setString(2, f.name());
            ps.setString(3, f.sha256());
            ps.setLong(4, f.bytes());
            ps.executeUpdate();
        }
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file);
                var ps = c.prepareStatement(
                        "insert into release_chunk (release_id, name, seq, data) values (?, ?, ?, ?)")) {
            byte[] buf = new byte[CHUNK];
            int seq = 0;
            int n;
            while ((n = in.readNBytes(buf, 0, CHUNK)) > 0) {
                sha.update(buf, 0, n);
                ps.setString(1, release);
                ps.setString(2, f.name());
                ps.setInt(3, seq++);
                ps.setBytes(4, n == CHUNK ? buf : java.util.Arrays.copyOf(buf, n));
                ps.executeUpdate();
            }
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(f.sha256())) {
            throw new IOException("release " + release + ": " + f.name() + " does not match its SHA-256");
        }
    }

    /** Same files with the same checksums (the manifest itself differs by its time and chain head). */
    private static boolean sameData(Manifest a, Manifest b) {
        Map<String, String> sa = new LinkedHashMap<>();
        Map<String, String> sb = new LinkedHashMap<>();
        a.files().forEach(f -> sa.put(f.name(), f.sha256()));
        b.files().forEach(f -> sb.put(f.name(), f.sha256()));
        return sa.equals(sb) && a.schemaVersion().equals(b.schemaVersion());
    }

    private Manifest write(String id, Path dir, BulkQueries.Copier copier, Connection connection)
            throws IOException, SQLException {
        String schemaVersion = BulkQueries.schemaVersion(connection);
        if (schemaVersion.equals("unknown")) {
            throw new IOException("this database holds no Vendorwatch schema: start the service on it once first");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        List<FileEntry> files = new ArrayList<>();
        for (Exports.Export e : Exports.ALL.values()) {
            Path file = dir.resolve(e.file());
            MessageDigest sha = sha256();
            long lines;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                lines = copier.copy(bulk.copySql(e), id + "/" + e.file(), out);
            }
            if (e.file().endsWith(".jsonl")) {
                rows.put(e.dataset(), lines); // one JSON document per line: lines are rows
            }
            files.add(new FileEntry(
                    e.file(), HexFormat.of().formatHex(sha.digest()), Files.size(file), url(id, e.file())));
        }
        byte[] dictionary = Dictionary.csv(Dictionary.rows(connection, bulk));
        Files.write(dir.resolve("dictionary.csv"), dictionary);
        files.add(new FileEntry(
                "dictionary.csv",
                HexFormat.of().formatHex(sha256().digest(dictionary)),
                dictionary.length,
                url(id, "dictionary.csv")));
        Manifest manifest = new Manifest(
                id,
                OffsetDateTime.now(ZoneOffset.UTC).toString(),
                schemaVersion,
                LICENCE,
                "Vendorwatch contributors. " + TITLE + ", release " + id + " (" + LICENCE
                        + "). Cite the release id and the SHA-256 of the files you used.",
                rows,
                files,
                BulkQueries.trailState(connection));
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        return manifest;
    }

    private static String url(String id, String file) {
        return "/bulk/releases/" + id + "/" + file;
    }

    /** The release id: today's date, with .2, .3 ... when a release of that day exists. */
    private String nextId() throws SQLException {
        String base = LocalDate.now(ZoneOffset.UTC).toString();
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select id from release where id = ? or id like ?")) {
            ps.setString(1, base);
            ps.setString(2, base + ".%");
            Set<String> taken = new HashSet<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1));
                }
            }
            String id = base;
            for (int n = 2; taken.contains(id); n++) {
                id = base + "." + n;
            }
            return id;
        }
    }

    /** Every release, newest first. */
    public List<Manifest> list() {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("select manifest::text from release order by created_at desc, id desc")) {
            List<Manifest> all = new ArrayList<>();
            while (rs.next()) {
                all.add(JSON.readValue(rs.getString(1), Manifest.class));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the releases: " + e.getMessage(), e);
        }
    }

    /** A stored file of a release. */
    public record StoredFile(String release, String name, String sha256, long bytes) {}

    /** A file of a release ("latest" is the newest), or null. */
    public @Nullable StoredFile file(String id, String name) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("""
                        select f.release_id, f.name, f.sha256, f.bytes from release_file f
                        where f.name = ? and f.release_id = case when ? = 'latest'
                          then (select id from release order by created_at desc, id desc limit 1) else ? end""")) {
            ps.setString(1, name);
            ps.setString(2, id);
            ps.setString(3, id);
            try (var rs = ps.executeQuery()) {
                return rs.next()
                        ? new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))
                        : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read release " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams a stored file chunk by chunk: each chunk in its own short query, the connection given back
     * before the chunk is written to a (possibly slow) client, one chunk in memory at a time. A file that
     * comes out shorter than its size (a replica that has not replayed the release yet) fails the
     * download rather than ending it early.
     */
    public void copy(StoredFile file, OutputStream out) throws IOException {
        long written = 0;
        for (int seq = 0; written < file.bytes(); seq++) {
            byte[] chunk;
            try (Connection c = dataSource.getConnection();
                    var ps = c.prepareStatement(
                            "select data from release_chunk where release_id = ? and name = ? and seq = ?")) {
                ps.setString(1, file.release());
                ps.setString(2, file.name());
                ps.setInt(3, seq);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IOException(file.release() + "/" + file.name() + " ends after " + written + " of "
                                + file.bytes() + " bytes");
                    }
                    chunk = rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IOException("cannot read " + file.release() + "/" + file.name() + ": " + e.getMessage(), e);
            }
            out.write(chunk);
            written += chunk.length;
        }
    }

    /**
     * Releases that earlier versions wrote to {@code vendorwatch.releases.dir} move into the database at
     * start-up: each folder whose files match its manifest's SHA-256 and whose id the database lacks. The
     * folders are left as they are.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void importFolders() {
        if (!Files.isDirectory(legacyRoot)) {
            return;
        }
        Set<String> stored;
        try {
            stored = new HashSet<>(list().stream().map(Manifest::release).toList());
        } catch (RuntimeException e) {
            LOG.error("Release folders not imported now (the database did not answer): {}", e.getMessage());
            return;
        }
        try (Stream<Path> dirs = Files.list(legacyRoot)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (d.getFileName().toString().startsWith(".") || !Files.exists(d.resolve("manifest.json"))) {
                    continue; // a staging folder, or not a release
                }
                try {
                    Manifest m = JSON.readValue(d.resolve("manifest.json").toFile(), Manifest.class);
                    if (stored.contains(m.release())) {
                        continue;
                    }
                    importLocked(m, d);
                    LOG.info("Release {} moved from {} into the database", m.release(), d);
                } catch (IOException | SQLException | RuntimeException e) {
                    LOG.error("Release folder {} not imported: {}", d, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("Cannot read the release folder {}: {}", legacyRoot, e.getMessage());
        }
    }

    /** The data dictionary of the current schema as CSV. */
    public byte[] dictionaryCsv() {
        try (Connection c = bulk.connection()) {
            return Dictionary.csv(Dictionary.rows(c, bulk));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the data dictionary", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
