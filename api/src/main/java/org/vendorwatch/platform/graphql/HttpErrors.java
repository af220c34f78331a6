package org.vendorwatch.platform.graphql;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors raised outside GraphQL execution (malformed JSON, a batch array, a wrong Content-Type or
 * method, an unknown path anywhere on the site) get a GraphQL-shaped JSON body with a stable
 * {@code extensions.code} and the matching HTTP status, instead of the framework's generic error
 * page. Anything unexpected is masked and logged with an id. Errors that reach the servlet
 * container's error dispatch instead are answered the same way by {@link JsonErrorController}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpErrors implements HandlerExceptionResolver {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (response.isCommitted()) {
            return null;
        }
        if (ex instanceof org.springframework.web.HttpRequestMethodNotSupportedException notSupported
                && notSupported.getSupportedHttpMethods() != null
                && !notSupported.getSupportedHttpMethods().isEmpty()) {
            response.setHeader(
                    "Allow",
                    String.join(
                            ", ",
                            notSupported.getSupportedHttpMethods().stream()
                                    .map(Object::toString)
                                    .toList()));
        }
        int status = ex instanceof ErrorResponse er
                ? er.getStatusCode().value()
                : ex instanceof org.springframework.http.converter.HttpMessageNotReadableException ? 400 : 500;
        writeError(request, response, status, ex);
        return new ModelAndView();
    }

    /** Writes the GraphQL-shaped error body for an HTTP status (logging and masking a 5xx). */
    static void writeError(HttpServletRequest request, HttpServletResponse response, int status, Exception ex) {
        ErrorCode code = switch (status) {
            case 400, 413 -> ErrorCode.MALFORMED_REQUEST;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default ->
                HttpStatusCode.valueOf(status).is4xxClientError()
                        ? ErrorCode.MALFORMED_REQUEST
                        : ErrorCode.INTERNAL_ERROR;
        };
        String message = switch (code) {
            case MALFORMED_REQUEST ->
                "The body is not a GraphQL request: send one JSON object with a \"query\" string "
                        + "(and optional \"variables\" object and \"operationName\"); arrays of operations are not accepted.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the request with Content-Type: application/json.";
            case METHOD_NOT_ALLOWED ->
                request.getRequestURI().startsWith("/graphql")
                        ? "This endpoint takes POST with a JSON body (or GET with a query string, for queries)."
                        : request.getMethod() + " is not accepted here" + allowed(response) + ".";
            case NOT_FOUND ->
                "No such path. GraphQL is served at /graphql; the page at / lists everything this service offers.";
            case NOT_ACCEPTABLE -> "This endpoint answers with application/json or application/graphql-response+json.";
            default -> null;
        };
        if (message == null) {
            String id = UUID.randomUUID().toString();
            if (ex != null) {
                LOG.error("Internal error {} on {}", id, request.getRequestURI(), ex);
            } else {
                LOG.error("Internal error {} on {}: status {}", id, request.getRequestURI(), status);
            }
            write(response, status, code, "Internal error (id " + id + ")", Map.of("errorId", id));
        } else {
            LOG.debug("Refused request to {}: {}", request.getRequestURI(), ex == null ? status : ex.toString());
            write(response, status, code, message);
        }
    }

    private static String allowed(HttpServletResponse response) {
        String allow = response.getHeader("Allow");
        return allow == null || allow.isBlank() ? "" : "; allowed: " + allow;
    }

    /** Writes a GraphQL-shaped error body with its HTTP status and counts the refusal by code. */
    public static void write(HttpServletResponse response, int status, ErrorCode code, String message) {
        write(response, status, code, message, Map.of());
    }

    private static void write(
            HttpServletResponse response, int status, ErrorCode code, String message, Map<String, Object> more) {
        io.micrometer.core.instrument.Metrics.counter("vendorwatch.refusals", "code", code.name())
                .increment();
        Map<String, Object> extensions = new java.util.LinkedHashMap<>(more);
        extensions.put("code", code.name());
        try {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(
                    response.getOutputStream(),
                    Map.of("errors", java.util.List.of(Map.of("message", message, "extensions", extensions))));
        } catch (IOException | RuntimeException writeFailed) {
            LOG.debug("could not write error response", writeFailed);
        }
    }
}
