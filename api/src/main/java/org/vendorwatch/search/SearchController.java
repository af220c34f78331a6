package org.vendorwatch.search;

import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.search.SearchQueries.SearchHitView;

/** GraphQL binding of vendor search. */
@Controller
public class SearchController {

    private final SearchQueries search;

    public SearchController(SearchQueries search) {
        this.search = search;
    }

    @QueryMapping
    public List<SearchHitView> search(@Argument String query, @Argument Integer first) {
        return search.search(query, first);
    }
}
