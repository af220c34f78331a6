package org.vendorwatch.platform.graphql;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A POST to /graphql is checked before GraphQL sees it: each parameter must have its type (query and
 * operationName strings, variables and extensions objects), or it is refused with 400 as the GraphQL
 * over HTTP spec recommends (a number where the query belongs is a broken request, not a document
 * that fails to parse); and a persisted query's hash is turned into its document
 * ({@link PersistedQueries}). After the body size limit (it reads the body that filter bounds).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class GraphQlRequestFilter extends OncePerRequestFilter {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The media type of GraphQL responses in the GraphQL over HTTP spec. */
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    private final PersistedQueries persisted;

    public GraphQlRequestFilter(PersistedQueries persisted) {
        this.persisted = persisted;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/graphql".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException notJson) {
            chain.doFilter(new Body(request, body), response); // the handler answers malformed JSON with its 400
            return;
        }
        if (json == null || !json.isObject()) {
            chain.doFilter(new Body(request, body), response);
            return;
        }
        String wrong = wrongType(json);
        if (wrong != null) {
            write(request, response, 400, ErrorCode.MALFORMED_REQUEST.name(), wrong);
            return;
        }
        String query = json.path("query").isString() ? json.path("query").asString() : null;
        PersistedQueries.Resolved resolved =
                persisted.resolve(query, json.get("extensions"), request.getHeader(HttpHeaders.AUTHORIZATION) != null);
        if (resolved.refused()) {
            write(
                    request,
                    response,
                    resolved.status() == 200 && accepts(request, GRAPHQL_RESPONSE) ? 200 : resolved.status(),
                    resolved.code(),
                    resolved.message());
            return;
        }
        if (query == null) {
            ((ObjectNode) json).put("query", resolved.query());
            body = JSON.writeValueAsBytes(json);
        }
        chain.doFilter(new Body(request, body), response);
    }

    /** Why a parameter has the wrong type, or null. */
    static String wrongType(JsonNode request) {
        for (String name : List.of("query", "operationName")) {
            JsonNode v = request.get(name);
            if (v != null && !v.isNull() && !v.isString()) {
                return "\"" + name + "\" must be a string.";
            }
        }
        for (String name : List.of("variables", "extensions")) {
            JsonNode v = request.get(name);
            if (v != null && !v.isNull() && !v.isObject()) {
                return "\"" + name + "\" must be a JSON object.";
            }
        }
        return null;
    }

    /** Whether the request's Accept header names this media type. */
    static boolean accepts(HttpServletRequest request, String mediaType) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(mediaType);
    }

    /** A GraphQL-shaped error, in the media type the client asked for. */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String message)
            throws IOException {
        io.micrometer.core.instrument.Metrics.counter("vendorwatch.refusals", "code", code)
                .increment();
        response.setStatus(status);
        response.setContentType(
                (accepts(request, GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : "application/json") + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getOutputStream()
                .write(JSON.writeValueAsBytes(
                        Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code))))));
    }

    /** The request with its body read once and served again. */
    private static final class Body extends HttpServletRequestWrapper {
        private final byte[] bytes;

        Body(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
