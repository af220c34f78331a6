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
import org.vendorwatch.vendor.VendorView;

/** GraphQL bindings of products. */
@Controller
public class ProductController {

    private final ProductQueries products;

    public ProductController(ProductQueries products) {
        this.products = products;
    }

    @BatchMapping(typeName = "Vendor", field = "products")
    public Map<VendorView, List<ProductView>> vendorProducts(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, products::byVendorIds);
    }

    @BatchMapping(typeName = "Product")
    public Map<ProductView, List<VendorView>> vendors(List<ProductView> list) {
        return Batches.byKey(list, ProductView::rowId, products::vendorsByProductIds);
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
}
