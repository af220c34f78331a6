package org.vendorwatch.platform.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads are anonymous; a request that carries a bearer token must carry a valid one (signature from
 * the issuer's key set, expiry, issuer, audience), or it gets 401 even for a read. Keycloak realm roles
 * ({@code realm_access.roles}) become authorities {@code ROLE_<role>}; whether a caller may write is
 * decided per mutation by {@link EditorGuard}. With no issuer configured there is no token to accept:
 * any bearer token gets 401 and every mutation is refused as read-only.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity
public class SecurityConfiguration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            AuthProperties props,
            org.vendorwatch.platform.limits.LimitsProperties limits,
            org.springframework.beans.factory.ObjectProvider<org.vendorwatch.platform.limits.Instances> instances)
            throws Exception {
        // looked up once, at the first request (not a bean lookup per request)
        java.util.function.Supplier<java.util.function.IntSupplier> counter =
                org.springframework.util.function.SingletonSupplier.of(() -> {
                    org.vendorwatch.platform.limits.Instances i = instances.getIfAvailable();
                    return i == null ? () -> 1 : i::live;
                });
        java.util.function.IntSupplier live = () -> counter.get().getAsInt();
        http.csrf(c -> c.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable());
        if (props.enabled()) {
            http.oauth2ResourceServer(
                    o -> o.jwt(j -> j.decoder(jwtDecoder(props)).jwtAuthenticationConverter(keycloakRoles()))
                            .authenticationEntryPoint(unauthorized()));
            // after the token is checked, so editors are counted by identity with their own allowance
            http.addFilterAfter(
                    new org.vendorwatch.platform.limits.RateLimitFilter(limits, "ROLE_" + props.editorRole(), live),
                    org.springframework.security.oauth2.server.resource.web.authentication
                            .BearerTokenAuthenticationFilter.class);
        } else {
            http.addFilterBefore(
                    new OncePerRequestFilter() {
                        @Override
                        protected void doFilterInternal(
                                HttpServletRequest request,
                                HttpServletResponse response,
                                jakarta.servlet.FilterChain chain)
                                throws IOException, jakarta.servlet.ServletException {
                            String header = request.getHeader("Authorization");
                            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                                writeUnauthorized(response, "This instance is read-only and accepts no tokens.");
                                return;
                            }
                            chain.doFilter(request, response);
                        }
                    },
                    org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class);
            http.addFilterAfter(
                    new org.vendorwatch.platform.limits.RateLimitFilter(limits, "ROLE_" + props.editorRole(), live),
                    org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    /** Keys are fetched lazily, so the service starts even while the identity provider is down. */
    static JwtDecoder jwtDecoder(AuthProperties props) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = props.jwkSetUri() != null
                            && !props.jwkSetUri().isBlank()
                    ? NimbusJwtDecoder.withJwkSetUri(props.jwkSetUri()).build()
                    : NimbusJwtDecoder.withIssuerLocation(props.issuerUri()).build();
            OAuth2TokenValidator<Jwt> audience =
                    jwt -> jwt.getAudience() != null && jwt.getAudience().contains(props.audience())
                            ? OAuth2TokenValidatorResult.success()
                            : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                                    "invalid_token", "The token is not for this API (audience).", null));
            // expiry and not-before with at most the configured skew (10 s), not Spring's default minute
            // (Spring's default validators otherwise: type, certificate thumbprint)
            decoder.setJwtValidator(
                    org.springframework.security.oauth2.jwt.JwtValidators.createDefaultWithValidators(List.of(
                            new org.springframework.security.oauth2.jwt.JwtTimestampValidator(props.clockSkew()),
                            new org.springframework.security.oauth2.jwt.JwtIssuerValidator(props.issuerUri()),
                            audience)));
            return decoder;
        });
    }

    static JwtAuthenticationConverter keycloakRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> out = new ArrayList<>();
            Object realm = jwt.getClaims().get("realm_access");
            if (realm instanceof Map<?, ?> m && m.get("roles") instanceof Collection<?> roles) {
                roles.forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
            }
            return out;
        });
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    static AuthenticationEntryPoint unauthorized() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            String why = e.getMessage() == null ? "" : e.getMessage();
            writeUnauthorized(
                    response,
                    why.contains("expired")
                            ? "The bearer token has expired: get a new one (sign in again) and retry."
                            : "The bearer token is invalid, expired, or not issued for this API.");
        };
    }

    static void writeUnauthorized(HttpServletResponse response, String message) {
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        org.vendorwatch.platform.graphql.HttpErrors.write(
                response, 401, org.vendorwatch.platform.graphql.ErrorCode.INVALID_TOKEN, message);
    }
}
