package org.vendorwatch.platform.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.parser.ParserOptions;

/**
 * Parsed and validated documents, by query text and parser token limit: newsroom frontends send the
 * same few documents over and over, and parsing plus validating one costs more than answering a small
 * query. Entries with errors are kept too (a repeated bad document is refused without re-parsing).
 * The token limit is part of the key, so a document parsed under an editor's larger limit is never
 * served to an anonymous client.
 */
public class DocumentCache implements PreparsedDocumentProvider {

    private record Key(String query, int maxTokens) {
    }

    private final Cache<Key, PreparsedDocumentEntry> cache;

    public DocumentCache(int maximumSize) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        ParserOptions options = input.getGraphQLContext().get(ParserOptions.class);
        int maxTokens = options == null ? -1 : options.getMaxTokens();
        return CompletableFuture.completedFuture(cache.get(new Key(input.getQuery(), maxTokens), k -> parseAndValidate.apply(input)));
    }
}
