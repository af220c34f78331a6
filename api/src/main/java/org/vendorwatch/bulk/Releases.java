package org.vendorwatch.bulk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    public static final String LICENCE = "CC-BY-4.0";

    /**
     * @param dir where releases are kept (env VENDORWATCH_RELEASES_DIR)
     */
    @ConfigurationProperties("vendorwatch.releases")
    public record Properties(@DefaultValue("./data/releases") String dir) {
    }

    /** A file of a release. */
    public record FileEntry(String name, String sha256, long bytes, String url) {
    }

    /** A release's manifest.json. */
    public record Manifest(String release, String createdAt, String schemaVersion, String licence, String howToCite,
                           Map<String, Long> rowCounts, List<FileEntry> files, TrailQueries.TrailState auditTrail) {
    }

    private final BulkQueries bulk;
    private final TrailQueries trail;
    private final Path root;

    public Releases(BulkQueries bulk, TrailQueries trail, Properties props) {
        this.bulk = bulk;
        this.trail = trail;
        this.root = Path.of(props.dir()).toAbsolutePath().normalize();
    }

    /** Writes a new release and returns its manifest. */
    public Manifest create() throws IOException {
        Files.createDirectories(root);
        String id = nextId();
        Path staging = Files.createTempDirectory(root, ".staging-");
        try {
            trail.seal(); // so the manifest's chain head covers every write committed before the snapshot
            Manifest manifest = bulk.inSnapshot((copier, connection) -> write(id, staging, copier, connection));
            Path target = root.resolve(id);
            Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> files = Files.list(target)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    f.toFile().setWritable(false, false);
                }
            }
            LOG.info("Release {} written to {}: {}", id, target, manifest.rowCounts());
            return manifest;
        } finally {
            if (Files.exists(staging)) {
                try (Stream<Path> s = Files.walk(staging)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private Manifest write(String id, Path dir, BulkQueries.Copier copier, Connection connection) throws IOException, SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        List<FileEntry> files = new ArrayList<>();
        for (Exports.Export e : Exports.ALL.values()) {
            Path file = dir.resolve(e.file());
            MessageDigest sha = sha256();
            long lines;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                lines = copier.copy(e.copySql(), id + "/" + e.file(), out);
            }
            if (e.file().endsWith(".jsonl")) {
                rows.put(e.dataset(), lines); // one JSON document per line: lines are rows
            }
            files.add(new FileEntry(e.file(), HexFormat.of().formatHex(sha.digest()), Files.size(file), url(id, e.file())));
        }
        byte[] dictionary = dictionaryCsv(BulkQueries.dictionary(connection));
        Files.write(dir.resolve("dictionary.csv"), dictionary);
        files.add(new FileEntry("dictionary.csv", HexFormat.of().formatHex(sha256().digest(dictionary)), dictionary.length, url(id, "dictionary.csv")));
        Manifest manifest = new Manifest(id, OffsetDateTime.now(ZoneOffset.UTC).toString(), BulkQueries.schemaVersion(connection), LICENCE,
                "Vendorwatch contributors. Vendorwatch: a sourced dataset of the commercial surveillance industry, release " + id
                        + " (" + LICENCE + "). Cite the release id and the SHA-256 of the files you used.",
                rows, files, BulkQueries.trailState(connection));
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
            return dirs.filter(d -> Files.exists(d.resolve("manifest.json")))
                    .map(d -> JSON.readValue(d.resolve("manifest.json").toFile(), Manifest.class))
                    .sorted(Comparator.comparing(Manifest::createdAt).reversed())
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
            return dictionaryCsv(BulkQueries.dictionary(c));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the data dictionary", e);
        }
    }

    private static byte[] dictionaryCsv(List<String[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder sb = new StringBuilder("dataset,column,description\r\n");
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('"').append(r[i].replace("\"", "\"\"")).append('"');
            }
            sb.append("\r\n");
        }
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
