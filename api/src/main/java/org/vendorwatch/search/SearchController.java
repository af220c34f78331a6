package org.vendorwatch.search;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.platform.graphql.Batches;
import org.vendorwatch.search.SearchQueries.ProductHitView;
import org.vendorwatch.search.SearchQueries.SearchHitView;
import org.vendorwatch.vendor.VendorQueries;
import org.vendorwatch.vendor.VendorView;

/** GraphQL bindings of search. */
@Controller
public class SearchController {

    private final SearchQueries search;
    private final VendorQueries vendors;

    public SearchController(SearchQueries search, VendorQueries vendors) {
        this.search = search;
        this.vendors = vendors;
    }

    @QueryMapping
    public List<SearchHitView> search(@Argument String query, @Argument @Nullable Integer first) {
        return search.search(query, first);
    }

    @QueryMapping
    public List<SearchQueries.HitView> searchAll(
            @Argument String query, @Argument @Nullable Integer first, @Argument @Nullable List<String> kinds) {
        return search.searchAll(query, first, kinds);
    }

    /** A product hit's vendors, loaded only when asked for, for all the hits at once. */
    @BatchMapping(typeName = "ProductHit")
    public Map<ProductHitView, List<VendorView>> vendors(List<ProductHitView> hits) {
        return Batches.byKey(hits, hit -> hit.product().rowId(), vendors::byProductIds);
    }
}
