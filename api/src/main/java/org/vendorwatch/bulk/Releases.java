package org.vendorwatch.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.vendorwatch.audit.TrailQueries;
import org.vendorwatch.platform.AppHome;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Citable, immutable releases: every bulk file from one consistent snapshot, a data dictionary and a
 * manifest (release id, time, schema version, row counts, SHA-256 and size of every file, licence,
 * how to cite), written to a new folder that is never changed again.
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
     * @param dir where releases are kept (env VENDORWATCH_RELEASES_DIR)
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
    private final Path root;

    public Releases(BulkQueries bulk, TrailQueries trail, Properties props) {
        this.bulk = bulk;
        this.trail = trail;
        this.root = AppHome.resolve(props.dir());
    }

    /** What a release run did: wrote a new release, or found that the newest one already holds this data. */
    public record Outcome(Manifest manifest, boolean created) {}

    /**
     * Writes a new release and returns its manifest; when the data equals the newest release's
     * (every file's SHA-256), writes nothing and returns that release. One release run at a time per
     * folder (a file lock), so ids are never taken twice.
     */
    public Outcome create() throws IOException {
        Files.createDirectories(root);
        try (FileChannel lockFile =
                        FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            return createLocked();
        }
    }

    private Outcome createLocked() throws IOException {
        String id = nextId();
        Path staging = Files.createTempDirectory(root, ".staging-");
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
            Path target = root.resolve(id);
            if (Files.exists(target)) {
                throw new IOException("release " + id + " exists already");
            }
            Files.setPosixFilePermissions(
                    staging, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> files = Files.list(target)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    f.toFile().setWritable(false, false);
                }
            }
            LOG.info("Release {} written to {}: {}", id, target, manifest.rowCounts());
            return new Outcome(manifest, true);
        } finally {
            if (Files.exists(staging)) {
                staging.toFile().setWritable(true, false);
                try (Stream<Path> s = Files.walk(staging)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
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
    private String nextId() {
        String base = LocalDate.now(ZoneOffset.UTC).toString();
        String id = base;
        for (int n = 2; Files.exists(root.resolve(id)); n++) {
            id = base + "." + n;
        }
        return id;
    }

    /** Every release, newest first. */
    public List<Manifest> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            // a release run's staging folder (.staging-...) is not a release
            return dirs.filter(d ->
                            !d.getFileName().toString().startsWith(".") && Files.exists(d.resolve("manifest.json")))
                    .map(d -> JSON.readValue(d.resolve("manifest.json").toFile(), Manifest.class))
                    .sorted(Comparator.comparing((Manifest m) -> OffsetDateTime.parse(m.createdAt()))
                            .reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of a release ("latest" is the newest), or null. */
    public Path file(String id, String name) {
        String release = id;
        if (id.equals("latest")) {
            List<Manifest> all = list();
            if (all.isEmpty()) {
                return null;
            }
            release = all.getFirst().release();
        }
        Path dir = root.resolve(release).normalize();
        Path file = dir.resolve(name).normalize();
        if (!dir.startsWith(root) || !file.startsWith(dir) || !Files.isRegularFile(file) || name.startsWith(".")) {
            return null;
        }
        return file;
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
