package org.vendorwatch.platform.limits;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every limit of the public endpoint, in one place (defaults as documented in docs/operations.md; each
 * can be set as vendorwatch.limits.* or VENDORWATCH_LIMITS_*).
 *
 * @param maxNodes nodes a request may ask for: the sum over fields of the product of the page sizes above them
 * @param maxDepth field nesting depth, counting connection edges/node levels
 * @param maxAliases aliases per document
 * @param maxDirectives directives per document
 * @param maxFields field selections per document (in fragments counted once), so repeating a field is refused cheaply
 * @param maxTokensAnonymous parser tokens per document for anonymous clients
 * @param maxTokensEditor parser tokens per document for editors
 * @param maxBodyBytes HTTP request body size
 * @param maxInputList items in any list argument or list variable
 * @param timeout wall-clock limit of a request's execution
 * @param statementTimeout limit of a single SQL statement (a little below {@code timeout})
 * @param maxErrors errors returned in one response (the rest are summarised)
 * @param cacheMaxAge max-age of cacheable GET responses
 * @param rate per-client rate limits
 */
@ConfigurationProperties("vendorwatch.limits")
public record LimitsProperties(
        @DefaultValue("25000") int maxNodes,
        @DefaultValue("12") int maxDepth,
        @DefaultValue("15") int maxAliases,
        @DefaultValue("50") int maxDirectives,
        @DefaultValue("300") int maxFields,
        @DefaultValue("2000") int maxTokensAnonymous,
        @DefaultValue("5000") int maxTokensEditor,
        @DefaultValue("65536") int maxBodyBytes,
        @DefaultValue("100") int maxInputList,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("9s") Duration statementTimeout,
        @DefaultValue("20") int maxErrors,
        @DefaultValue("60s") Duration cacheMaxAge,
        @DefaultValue Rate rate) {

    /**
     * Token buckets per client: anonymous clients by IP, editors by identity.
     *
     * @param enabled whether requests are rate limited at all
     * @param anonymousPerSecond sustained rate (and burst) per second for an anonymous client IP
     * @param anonymousPerMinute cap per minute for an anonymous client IP
     * @param editorPerSecond per second for an authenticated editor
     * @param editorPerMinute per minute for an authenticated editor
     * @param trustedProxies addresses of reverse proxies whose X-Forwarded-For is believed
     */
    public record Rate(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") int anonymousPerSecond,
            @DefaultValue("1000") int anonymousPerMinute,
            @DefaultValue("200") int editorPerSecond,
            @DefaultValue("5000") int editorPerMinute,
            @DefaultValue List<String> trustedProxies) {}
}
