package org.vendorwatch.product;

import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.platform.graphql.Batches;
import org.vendorwatch.product.ProductQueries.ProductView;
import org.vendorwatch.source.CitationView;
import org.vendorwatch.source.SourceQueries;
import org.vendorwatch.source.SourceView;

/** GraphQL bindings of products (their vendors are the vendor slice's: VendorLinksController). */
@Controller
public class ProductController {

    private final ProductQueries products;

    public ProductController(ProductQueries products) {
        this.products = products;
    }

    @BatchMapping(typeName = "Product")
    public Map<ProductView, List<CitationView>> citations(List<ProductView> list) {
        return Batches.byKey(list, ProductView::rowId, products::citationsByProductIds);
    }

    @BatchMapping(typeName = "Product")
    public Map<ProductView, List<SourceView>> sources(List<ProductView> list) {
        Map<ProductView, List<SourceView>> out = new java.util.LinkedHashMap<>();
        citations(list).forEach((p, cs) -> out.put(p, SourceQueries.distinctSources(cs)));
        return out;
    }

    @BatchMapping(typeName = "Product")
    public Map<ProductView, List<ProductQueries.ProductAttributionView>> attributions(List<ProductView> list) {
        return Batches.byKey(list, ProductView::rowId, products::attributionsByProductIds);
    }

    @BatchMapping(typeName = "ProductAttribution")
    public Map<ProductQueries.ProductAttributionView, ProductView> product(
            List<ProductQueries.ProductAttributionView> list) {
        Map<Long, ProductView> found = products.byIds(list.stream()
                .map(ProductQueries.ProductAttributionView::productId)
                .distinct()
                .toList());
        Map<ProductQueries.ProductAttributionView, ProductView> out = new java.util.LinkedHashMap<>();
        list.forEach(a -> out.put(a, found.get(a.productId())));
        return out;
    }

    @BatchMapping(typeName = "ProductAttribution", field = "citations")
    public Map<ProductQueries.ProductAttributionView, List<CitationView>> attributionCitations(
            List<ProductQueries.ProductAttributionView> list) {
        return Batches.byKey(list, ProductQueries.ProductAttributionView::rowId, products::citationsByAttributionIds);
    }

    @BatchMapping(typeName = "ProductAttribution", field = "sources")
    public Map<ProductQueries.ProductAttributionView, List<SourceView>> attributionSources(
            List<ProductQueries.ProductAttributionView> list) {
        Map<ProductQueries.ProductAttributionView, List<SourceView>> out = new java.util.LinkedHashMap<>();
        attributionCitations(list).forEach((a, cs) -> out.put(a, SourceQueries.distinctSources(cs)));
        return out;
    }
}
