package org.vendorwatch.platform.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Persisted queries, as Apollo Client, urql and Relay speak them: a request may carry
 * {@code extensions.persistedQuery = {version: 1, sha256Hash}} instead of (or with) its document. A
 * hash the server knows runs its document; an unknown hash answers {@code PersistedQueryNotFound},
 * and the client sends the document once with its hash, which is checked and remembered (automatic
 * persisted queries). Over GET the whole request fits in a short URL, so a CDN caches it.
 *
 * <p>Trusted documents: with {@code vendorwatch.persisted-queries.trusted-only=true} anonymous callers
 * may run only the documents of the manifest ({@code vendorwatch.persisted-queries.manifest}, Apollo's
 * persisted-query manifest format, as {@code generate-persisted-query-manifest} writes it), by hash;
 * signed-in callers may send any document.
 */
@Component
public class PersistedQueries {

    private static final Logger LOG = LoggerFactory.getLogger(PersistedQueries.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The outcome for one request: the document to run, or a refusal (status, code, message). */
    public record Resolved(String query, int status, String code, String message) {
        static Resolved run(String query) {
            return new Resolved(query, 0, null, null);
        }

        static Resolved refuse(int status, String code, String message) {
            return new Resolved(null, status, code, message);
        }

        public boolean refused() {
            return code != null;
        }
    }

    private final Map<String, String> trusted;
    private final boolean trustedOnly;
    private final Cache<String, String> automatic;

    public PersistedQueries(
            @Value("${vendorwatch.persisted-queries.manifest:}") String manifest,
            @Value("${vendorwatch.persisted-queries.trusted-only:false}") boolean trustedOnly,
            @Value("${vendorwatch.persisted-queries.cache-mb:16}") int cacheMb) {
        this.trusted = manifest == null || manifest.isBlank() ? Map.of() : load(manifest);
        this.trustedOnly = trustedOnly;
        this.automatic = Caffeine.newBuilder()
                .maximumWeight(cacheMb * 1024L * 1024 / 2)
                .weigher((String k, String v) -> v.length() + 64)
                .build();
        if (trustedOnly && trusted.isEmpty()) {
            LOG.warn(
                    "Persisted queries: trusted-only is on but the manifest holds no documents: anonymous callers can run nothing");
        }
    }

    /** Reads an Apollo persisted-query manifest: {operations: [{id, body}]}; each id must be the body's SHA-256. */
    private static Map<String, String> load(String location) {
        Resource r = new DefaultResourceLoader().getResource(location);
        try (InputStream in = r.getInputStream()) {
            JsonNode root = JSON.readTree(in);
            Map<String, String> out = new HashMap<>();
            for (JsonNode op : root.path("operations")) {
                String id = op.path("id").asString();
                String body = op.path("body").asString();
                if (!sha256(body).equals(id)) {
                    throw new IllegalStateException(
                            "persisted-query manifest " + location + ": id " + id + " is not the SHA-256 of its body");
                }
                out.put(id, body);
            }
            LOG.info("Persisted queries: {} trusted documents from {}", out.size(), location);
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the persisted-query manifest " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * The document a request runs. {@code query} may be null; {@code extensions} is the request's
     * extensions object (or null); {@code signedIn} whether it carries a bearer token.
     */
    public Resolved resolve(String query, JsonNode extensions, boolean signedIn) {
        JsonNode pq = extensions == null ? null : extensions.get("persistedQuery");
        if (pq == null || pq.isNull()) {
            if (query == null) {
                return Resolved.refuse(
                        400,
                        ErrorCode.MALFORMED_REQUEST.name(),
                        "The request has no query: send \"query\" (or a persisted query's hash in extensions.persistedQuery).");
            }
            if (trustedOnly && !signedIn) {
                return Resolved.refuse(
                        403,
                        ErrorCode.PERSISTED_QUERY_REQUIRED.name(),
                        "This endpoint runs only registered documents for anonymous callers: send the document's hash "
                                + "(extensions.persistedQuery.sha256Hash).");
            }
            return Resolved.run(query);
        }
        if (!pq.isObject()
                || pq.path("version").asInt(0) != 1
                || !pq.path("sha256Hash").isString()
                || !pq.path("sha256Hash").asString().matches("[0-9a-f]{64}")) {
            return Resolved.refuse(
                    400,
                    ErrorCode.MALFORMED_REQUEST.name(),
                    "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 lowercase hex digits>\"}.");
        }
        String hash = pq.path("sha256Hash").asString();
        String known = trusted.get(hash);
        if (known == null && !trustedOnly) {
            known = automatic.getIfPresent(hash);
        }
        if (query == null) {
            return known != null
                    ? Resolved.run(known)
                    : Resolved.refuse(200, ErrorCode.PERSISTED_QUERY_NOT_FOUND.name(), "PersistedQueryNotFound");
        }
        if (!sha256(query).equals(hash)) {
            return Resolved.refuse(
                    400, ErrorCode.PERSISTED_QUERY_HASH_MISMATCH.name(), "provided sha does not match query");
        }
        if (trustedOnly && !signedIn && known == null) {
            return Resolved.refuse(
                    403,
                    ErrorCode.PERSISTED_QUERY_REQUIRED.name(),
                    "This endpoint runs only registered documents for anonymous callers; this one is not registered.");
        }
        if (known == null) {
            automatic.put(hash, query);
        }
        return Resolved.run(query);
    }

    static String sha256(String text) {
        return org.vendorwatch.platform.Hashes.sha256Hex(text);
    }
}
