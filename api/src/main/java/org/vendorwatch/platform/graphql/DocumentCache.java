package org.vendorwatch.platform.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.parser.ParserOptions;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated documents, by query text and parser token limit: newsroom frontends send the
 * same few documents over and over, and parsing plus validating one costs more than answering a small
 * query. Documents with errors are not kept (graphql-java words validation errors in the client's
 * locale). The token limit is part of the key, so a document parsed under an editor's larger limit is never
 * served to an anonymous client.
 */
public class DocumentCache implements PreparsedDocumentProvider {

    private record Key(String query, int maxTokens) {}

    private final Cache<Key, PreparsedDocumentEntry> cache;

    /** Bounded by the total length of the cached query texts. */
    public DocumentCache(int megabytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(megabytes * 1024L * 1024 / 2)
                .weigher((Key k, PreparsedDocumentEntry e) -> k.query().length() + 64)
                .build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        ParserOptions options = input.getGraphQLContext().get(ParserOptions.class);
        int maxTokens = options == null ? -1 : options.getMaxTokens();
        Key key = new Key(input.getQuery(), maxTokens);
        PreparsedDocumentEntry entry = cache.getIfPresent(key);
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                cache.put(key, entry); // errors are not kept: their messages follow the client's locale
            }
        }
        return CompletableFuture.completedFuture(entry);
    }
}
