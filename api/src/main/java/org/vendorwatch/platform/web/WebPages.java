package org.vendorwatch.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The pages a person opens in a browser, all served from the jar (src/main/web, and GraphiQL's and
 * React's files fetched from npm at build time): the landing page at {@code /}, GraphiQL at
 * {@code /graphiql}, the documentation at {@code /docs/}. A Content-Security-Policy lets these pages
 * load nothing from any other host, so they work offline and leak no reader to a CDN.
 */
@Configuration(proxyBeanMethods = false)
public class WebPages implements WebMvcConfigurer {

    /** Only this service's own files; GraphiQL sets inline styles and fonts as data: URLs. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                    + "form-action 'none'; frame-ancestors 'none'";

    private final boolean graphiql;

    public WebPages(@Value("${vendorwatch.graphiql.enabled:true}") boolean graphiql) {
        this.graphiql = graphiql;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        if (graphiql) {
            registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
        }
    }

    @Bean
    OncePerRequestFilter pageSecurityHeaders() {
        boolean graphiqlOn = graphiql;
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI();
                return path.startsWith("/graphql") || path.startsWith("/bulk") || path.startsWith("/actuator");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!graphiqlOn && request.getRequestURI().startsWith("/graphiql")) {
                    response.sendError(404);
                    return;
                }
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "no-referrer");
                chain.doFilter(request, response);
            }
        };
    }
}
