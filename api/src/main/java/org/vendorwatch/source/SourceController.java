package org.vendorwatch.source;

import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.PageArgs;

/** GraphQL bindings of sources. */
@Controller
public class SourceController {

    private final SourceQueries sources;

    public SourceController(SourceQueries sources) {
        this.sources = sources;
    }

    @QueryMapping
    public Connection<SourceView> sources(
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            @Argument SourceQueries.@Nullable Filter filter) {
        return sources.page(filter, PageArgs.of(first, after));
    }
}
