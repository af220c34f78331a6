package org.vendorwatch.platform.graphql;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.vendorwatch.platform.limits.LimitsProperties;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP GET (queries only), so a newsroom's CDN can cache answers: anonymous, error-free
 * answers get {@code Cache-Control: public, max-age=...} and a strong ETag (a matching If-None-Match
 * gets 304, see {@link CachingConfiguration}); answers to signed-in clients are never cached;
 * mutations over GET are refused with 405. The request runs through the same interceptors, limits and
 * error handling as POST.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class GetRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebGraphQlHandler handler;
    private final LimitsProperties limits;
    private final PersistedQueries persisted;

    public GetRequests(WebGraphQlHandler handler, LimitsProperties limits, PersistedQueries persisted) {
        this.handler = handler;
        this.limits = limits;
        this.persisted = persisted;
    }

    /** Ahead of Spring Boot's own GET route for /graphql, which only answers 405. */
    @org.springframework.context.annotation.Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
            graphQlGetRoute() {
        return org.springframework.web.servlet.function.RouterFunctions.route(
                org.springframework.web.servlet.function.RequestPredicates.GET("/graphql"), request -> {
                    ResponseEntity<Object> answer = get(
                            request.param("query").orElse(null),
                            request.param("variables").orElse(null),
                            request.param("operationName").orElse(null),
                            request.param("extensions").orElse(null),
                            request.servletRequest());
                    return org.springframework.web.servlet.function.ServerResponse.status(answer.getStatusCode())
                            .headers(h -> h.addAll(answer.getHeaders()))
                            .body(answer.getBody());
                });
    }

    ResponseEntity<Object> get(
            String query, String variables, String operationName, String extensions, HttpServletRequest request) {
        MediaType type = negotiate(request.getHeader(HttpHeaders.ACCEPT));
        if (type == null) {
            return error(
                    406,
                    ErrorCode.NOT_ACCEPTABLE,
                    MediaType.APPLICATION_JSON,
                    "This endpoint answers with application/graphql-response+json or application/json.");
        }
        Map<String, Object> body = new HashMap<>();
        tools.jackson.databind.JsonNode ext = null;
        if (extensions != null && !extensions.isBlank()) {
            try {
                ext = JSON.readTree(extensions);
            } catch (RuntimeException e) {
                ext = null;
            }
            if (ext == null || !ext.isObject()) {
                return error(400, ErrorCode.MALFORMED_REQUEST, type, "extensions must be a JSON object.");
            }
            body.put("extensions", JSON.convertValue(ext, new TypeReference<Map<String, Object>>() {}));
        }
        if (query == null && ext == null) {
            return error(
                    400,
                    ErrorCode.MALFORMED_REQUEST,
                    type,
                    "GET /graphql needs a query: /graphql?query={...} (with optional "
                            + "variables and operationName), or a persisted query's hash in extensions. Mutations go by POST.");
        }
        PersistedQueries.Resolved resolved =
                persisted.resolve(query, ext, request.getHeader(HttpHeaders.AUTHORIZATION) != null);
        if (resolved.refused()) {
            return error(
                    resolved.status() == 200 ? 200 : resolved.status(),
                    ErrorCode.valueOf(resolved.code()),
                    type,
                    resolved.message());
        }
        query = resolved.query();
        body.put("query", query);
        if (operationName != null && !operationName.isBlank()) {
            body.put("operationName", operationName);
        }
        if (variables != null && !variables.isBlank()) {
            try {
                body.put("variables", JSON.readValue(variables, new TypeReference<Map<String, Object>>() {}));
            } catch (RuntimeException e) {
                return error(400, ErrorCode.MALFORMED_REQUEST, type, "variables must be a JSON object.");
            }
        }
        if (isMutation(query, operationName)) {
            return error(405, ErrorCode.METHOD_NOT_ALLOWED, type, "Mutations are not accepted over GET; use POST.");
        }
        HttpHeaders headers = new HttpHeaders();
        request.getHeaderNames()
                .asIterator()
                .forEachRemaining(h -> headers.addAll(h, java.util.Collections.list(request.getHeaders(h))));
        WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(
                URI.create(request.getRequestURL().toString()),
                headers,
                new LinkedMultiValueMap<>(),
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()),
                Map.of(),
                body,
                UUID.randomUUID().toString(),
                Locale.getDefault());
        WebGraphQlResponse response = handler.handleRequest(graphQlRequest).block();
        Map<String, Object> result = response.toMap();
        boolean cacheable = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && response.getErrors().isEmpty();
        // a request error (the document does not parse or validate: nothing ran, no "data") is a 400 in the
        // GraphQL response media type; with application/json it stays 200, as the spec has it
        int status = GraphQlRequestFilter.GRAPHQL_RESPONSE.equals(type.toString()) && !result.containsKey("data")
                ? 400
                : 200;
        return ResponseEntity.status(status)
                .contentType(type)
                .cacheControl(
                        cacheable ? CacheControl.maxAge(limits.cacheMaxAge()).cachePublic() : CacheControl.noStore())
                .header(HttpHeaders.VARY, "Accept, Authorization, Origin")
                .body(result);
    }

    /** The response media type for an Accept header (null: none acceptable); graphql-response+json first, as the spec asks. */
    static MediaType negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> wanted;
        try {
            wanted = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_JSON;
        }
        org.springframework.util.MimeTypeUtils.sortBySpecificity(wanted);
        wanted.sort(
                java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        MediaType graphql = MediaType.parseMediaType(GraphQlRequestFilter.GRAPHQL_RESPONSE);
        for (MediaType m : wanted) {
            if (m.getQualityValue() == 0) {
                continue;
            }
            if (m.includes(graphql) && !m.isWildcardType()) {
                return graphql;
            }
            if (m.includes(MediaType.APPLICATION_JSON)) {
                return MediaType.APPLICATION_JSON;
            }
        }
        return null;
    }

    private boolean isMutation(String query, String operationName) {
        try {
            Document document = Parser.parse(ParserEnvironment.newParserEnvironment()
                    .document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()
                            .transform(o -> o.maxTokens(limits.maxTokensAnonymous())))
                    .build());
            return document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(o -> operationName == null || operationName.isBlank() || operationName.equals(o.getName()))
                    .anyMatch(o -> o.getOperation() != OperationDefinition.Operation.QUERY);
        } catch (InvalidSyntaxException e) {
            return false; // the handler reports the syntax error with its code
        }
    }

    private static ResponseEntity<Object> error(int status, ErrorCode code, MediaType type, String message) {
        io.micrometer.core.instrument.Metrics.counter("vendorwatch.refusals", "code", code.name())
                .increment();
        return ResponseEntity.status(status)
                .contentType(type)
                .cacheControl(CacheControl.noStore())
                .body(Map.of(
                        "errors",
                        java.util.List.of(Map.of("message", message, "extensions", Map.of("code", code.name())))));
    }
}
