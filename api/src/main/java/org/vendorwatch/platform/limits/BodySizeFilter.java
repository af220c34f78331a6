package org.vendorwatch.platform.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vendorwatch.platform.graphql.ErrorCode;
import org.vendorwatch.platform.graphql.HttpErrors;

/** Refuses request bodies over the limit with HTTP 413, whether or not they declare their length. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeFilter extends OncePerRequestFilter {

    private final LimitsProperties limits;

    public BodySizeFilter(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/graphql");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            tooLarge(request, response);
            return;
        }
        Limited limited = new Limited(request, limits.maxBodyBytes());
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (limited.exceeded && !response.isCommitted()) {
                response.reset();
                tooLarge(request, response);
                return;
            }
            throw e;
        }
        if (limited.exceeded && !response.isCommitted()) {
            response.reset();
            tooLarge(request, response);
        }
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) {
        HttpErrors.write(
                response,
                413,
                ErrorCode.REQUEST_TOO_LARGE,
                "The request body is larger than " + limits.maxBodyBytes() + " bytes.");
    }

    /** Counts bytes read and fails the read past the limit. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        boolean exceeded;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > max) {
                        exceeded = true;
                        throw new IOException("request body over the limit");
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = in.read(buf, off, len);
                    if (n > 0 && (read += n) > max) {
                        exceeded = true;
                        throw new IOException("request body over the limit");
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
