package org.vendorwatch.platform.graphql;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Some refusals on /graphql (wrong Content-Type, wrong method) are answered by the framework with a
 * status and no body. This gives them the same GraphQL-shaped error body as every other error. A
 * method /graphql does not take at all (PUT, DELETE, ...) would otherwise fall through to the static
 * resources and read as "not found"; it is answered 405 with the methods it does take.
 */
@Component
public class HttpErrorBodyFilter extends OncePerRequestFilter {

    private static final java.util.Set<String> GRAPHQL_METHODS = java.util.Set.of("GET", "POST", "HEAD", "OPTIONS");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/graphql");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().equals("/graphql") && !GRAPHQL_METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", "GET, POST");
            HttpErrors.writeError(request, response, 405, null);
            return;
        }
        BodyTracking tracked = new BodyTracking(response);
        chain.doFilter(request, tracked);
        if (tracked.getStatus() >= 400 && !tracked.bodyWritten && !response.isCommitted()) {
            HttpErrors.writeError(request, response, tracked.getStatus(), null);
        }
    }

    private static final class BodyTracking extends HttpServletResponseWrapper {
        boolean bodyWritten;

        BodyTracking(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyWritten = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyWritten = true;
            return super.getWriter();
        }

        @Override
        public void sendError(int sc) {
            setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) {
            setStatus(sc);
        }
    }
}
