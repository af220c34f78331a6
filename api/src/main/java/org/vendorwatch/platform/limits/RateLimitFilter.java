package org.vendorwatch.platform.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vendorwatch.platform.graphql.ErrorCode;
import org.vendorwatch.platform.graphql.HttpErrors;

/**
 * Token-bucket rate limits on /graphql (Bucket4j): per client IP for anonymous clients, per identity
 * with a higher allowance for editors. Past the limit: HTTP 429, Retry-After and code RATE_LIMITED.
 * The client IP is the connection's address, or, only when that address is a trusted proxy, the
 * right-most address in X-Forwarded-For that is not itself a trusted proxy.
 *
 * <p>With several instances on one database ({@link Instances}), each enforces its share of every
 * allowance (the allowance divided by the live instances, rounded up): a load balancer that spreads
 * a client's requests evenly gives it the configured allowance across all of them. When the number
 * of instances changes, clients start with fresh buckets of the new size.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final LimitsProperties.Rate rate;
    private final String editorAuthority;
    private final List<IpAddressMatcher> trusted;
    private final java.util.function.IntSupplier instances;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    public RateLimitFilter(LimitsProperties limits, String editorAuthority, java.util.function.IntSupplier instances) {
        this.rate = limits.rate();
        this.instances = instances;
        this.editorAuthority = editorAuthority;
        this.trusted = rate.trustedProxies() == null
                ? List.of()
                : rate.trustedProxies().stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(IpAddressMatcher::new)
                        .toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !rate.enabled() || !request.getRequestURI().startsWith("/graphql");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean editor = auth instanceof JwtAuthenticationToken jwt
                && jwt.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(editorAuthority));
        int shares = Math.max(1, instances.getAsInt());
        String key = shares + (editor ? "/editor:" + auth.getName() : "/ip:" + clientAddress(request));
        Bucket bucket = buckets.get(
                key,
                k -> editor
                        ? bucket(share(rate.editorPerSecond(), shares), share(rate.editorPerMinute(), shares))
                        : bucket(share(rate.anonymousPerSecond(), shares), share(rate.anonymousPerMinute(), shares)));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        response.setHeader("Retry-After", Long.toString(seconds));
        HttpErrors.write(response, 429, ErrorCode.RATE_LIMITED, "Too many requests; retry after " + seconds + " s.");
    }

    /** This instance's share of an allowance, rounded up (never below 1). */
    static int share(int allowance, int instances) {
        return Math.max(1, (allowance + instances - 1) / instances);
    }

    private static Bucket bucket(int perSecond, int perMinute) {
        return Bucket.builder()
                .addLimit(l -> l.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }

    /** The client's address, believing X-Forwarded-For only from trusted proxies. */
    String clientAddress(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (!isTrusted(remote)) {
            return remote;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return remote;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return remote;
    }

    private boolean isTrusted(String address) {
        try {
            return trusted.stream().anyMatch(m -> m.matches(address));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }
}
