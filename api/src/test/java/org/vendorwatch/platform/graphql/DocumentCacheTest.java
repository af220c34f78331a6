package org.vendorwatch.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.parser.ParserOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Parsed documents are reused per query text and token limit, never across token limits. */
class DocumentCacheTest {

    private final AtomicInteger parses = new AtomicInteger();
    private final Function<ExecutionInput, PreparsedDocumentEntry> parse = input -> {
        parses.incrementAndGet();
        return new PreparsedDocumentEntry(Document.newDocument().build());
    };

    private static ExecutionInput input(String query, int maxTokens) {
        return ExecutionInput.newExecutionInput(query)
                .graphQLContext(Map.of(
                        ParserOptions.class,
                        ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(maxTokens))))
                .build();
    }

    @Test
    void reusesPerQueryAndTokenLimit() {
        DocumentCache cache = new DocumentCache(1);
        PreparsedDocumentEntry first =
                cache.getDocumentAsync(input("{ a }", 2000), parse).join();
        assertThat(cache.getDocumentAsync(input("{ a }", 2000), parse).join()).isSameAs(first);
        assertThat(parses).hasValue(1);
        // the same text under an editor's larger limit is parsed (and limited) on its own
        assertThat(cache.getDocumentAsync(input("{ a }", 5000), parse).join()).isNotSameAs(first);
        cache.getDocumentAsync(input("{ b }", 2000), parse).join();
        assertThat(parses).hasValue(3);
    }

    @Test
    void documentsWithErrorsAreNotKept() {
        DocumentCache cache = new DocumentCache(1);
        Function<ExecutionInput, PreparsedDocumentEntry> invalid = input -> {
            parses.incrementAndGet();
            return new PreparsedDocumentEntry(
                    List.of(GraphqlErrorBuilder.newError().message("invalid").build()));
        };
        cache.getDocumentAsync(input("{ nope }", 2000), invalid).join();
        cache.getDocumentAsync(input("{ nope }", 2000), invalid).join();
        assertThat(parses).hasValue(2); // its message may depend on the client's locale
    }
}
