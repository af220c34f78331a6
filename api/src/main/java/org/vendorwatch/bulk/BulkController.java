package org.vendorwatch.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.vendorwatch.platform.Hashes;
import org.vendorwatch.platform.db.ReplicaRouting;
import org.vendorwatch.platform.graphql.ErrorCode;

/**
 * Bulk downloads: every dataset, whole and uncapped, streamed from the database as it is now, and the
 * files of immutable releases.
 */
@RestController
public class BulkController {

    private final BulkQueries bulk;
    private final Releases releases;

    public BulkController(BulkQueries bulk, Releases releases) {
        this.bulk = bulk;
        this.releases = releases;
    }

    /** What can be downloaded. */
    @GetMapping(path = "/bulk", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> index() {
        List<Map<String, Object>> files = new ArrayList<>();
        Exports.ALL.values().forEach(e -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", e.file());
            f.put("url", "/bulk/" + e.file());
            f.put("mediaType", e.mediaType());
            Datasets.Dataset d = Datasets.ALL.get(e.dataset());
            f.put(
                    "description",
                    d != null
                            ? d.description()
                            : e.dataset().equals("ftm")
                                    ? "FollowTheMoney entities: Company/Organization, Person and Sanction."
                                    : "One vendor per line with everything attached.");
            files.add(f);
        });
        return Map.of("files", files, "releases", "/bulk/releases", "dictionary", "/bulk/dictionary.csv");
    }

    @GetMapping("/bulk/{file:[a-z_.]+}")
    public ResponseEntity<StreamingResponseBody> export(@PathVariable String file, WebRequest request) {
        if (file.equals("dictionary.csv")) {
            byte[] dictionary = releases.dictionaryCsv();
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
                    .body(out -> out.write(dictionary));
        }
        Exports.Export export = Exports.ALL.get(file);
        if (export == null) {
            return notFound("No such bulk file: " + file + " (see /bulk).");
        }
        // validators first, the data after: a write in between makes the body newer than its tag (a
        // client downloads again), never older
        String copySql = bulk.copySql(export);
        var route = ReplicaRouting.route();
        BulkQueries.DataVersion version = bulk.dataVersion();
        String etag =
                "W/\"" + Hashes.sha256Hex(copySql + "\n" + version.snapshot()).substring(0, 24) + "\"";
        long lastModified = version.lastWrite().toEpochMilli();
        // the ETag decides: Last-Modified is the time of the newest write a transaction *started*, second-precise,
        // so it could call changed data unchanged; If-Modified-Since alone is answered with the file
        if (request.checkNotModified(etag)) {
            return null; // 304, with the validator
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"vendorwatch-" + file + "\"")
                .cacheControl(CacheControl.noCache())
                .eTag(etag)
                .lastModified(lastModified)
                .body(out -> routed(route, () -> bulk.copy(copySql, file, out)));
    }

    @GetMapping(path = "/bulk/releases", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Releases.Manifest> listReleases() {
        return releases.list();
    }

    @GetMapping("/bulk/releases/{id:[0-9a-z.-]+}/{file:[a-z_.]+}")
    public ResponseEntity<StreamingResponseBody> releaseFile(@PathVariable String id, @PathVariable String file) {
        Releases.StoredFile stored = releases.file(id, file);
        if (stored == null) {
            return notFound("No such release file: " + id + "/" + file + " (see /bulk/releases).");
        }
        String type = file.endsWith(".csv")
                ? "text/csv; charset=utf-8"
                : file.endsWith(".json") ? "application/json" : "application/x-ndjson";
        var route = ReplicaRouting.route();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .contentLength(stored.bytes())
                .eTag("\"" + stored.sha256() + "\"")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"vendorwatch-" + stored.release() + "-" + file + "\"")
                .cacheControl(
                        id.equals("latest")
                                ? CacheControl.noCache()
                                : CacheControl.maxAge(java.time.Duration.ofDays(365))
                                        .cachePublic())
                .body(out -> routed(route, () -> releases.copy(stored, out)));
    }

    /** The body is written on another thread: it reads from the database the request was routed to. */
    private static void routed(ReplicaRouting.@org.jspecify.annotations.Nullable Route route, IoWork work)
            throws IOException {
        try {
            ReplicaRouting.withRoute(route, () -> {
                work.run();
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private interface IoWork {
        void run() throws IOException;
    }

    private static ResponseEntity<StreamingResponseBody> notFound(String message) {
        byte[] body = ("{\"errors\":[{\"message\":\"" + message.replace("\"", "'") + "\",\"extensions\":{\"code\":\""
                        + ErrorCode.NOT_FOUND.name() + "\"}}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ResponseEntity.status(404)
                .contentType(MediaType.APPLICATION_JSON)
                .body(out -> out.write(body));
    }
}
