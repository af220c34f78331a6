package org.vendorwatch.vendor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.jurisdiction.JurisdictionQueries;
import org.vendorwatch.jurisdiction.JurisdictionQueries.VendorJurisdictionView;
import org.vendorwatch.platform.graphql.Batches;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.paging.ParentPage;
import org.vendorwatch.product.ProductQueries;
import org.vendorwatch.product.ProductQueries.ProductAttributionView;
import org.vendorwatch.product.ProductQueries.ProductView;
import org.vendorwatch.sanction.SanctionViews.SanctionActionView;

/**
 * The fields that join vendors to their sanction actions, products and jurisdictions, both ways. They
 * live in the vendor slice so that the sanction, product and jurisdiction slices never depend on it:
 * the slices form no cycle (ArchitectureTest).
 */
@Controller
public class VendorLinksController {

    private final VendorQueries vendors;
    private final ProductQueries products;
    private final JurisdictionQueries jurisdictions;

    public VendorLinksController(VendorQueries vendors, ProductQueries products, JurisdictionQueries jurisdictions) {
        this.vendors = vendors;
        this.products = products;
        this.jurisdictions = jurisdictions;
    }

    /** Pages of actions, one statement for all vendors of a response (loader of the sanction slice). */
    @SchemaMapping(typeName = "Vendor", field = "sanctionActions")
    public CompletableFuture<Connection<SanctionActionView>> sanctionActions(
            VendorView vendor,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<Void>, Connection<SanctionActionView>> vendorSanctionActions) {
        return vendorSanctionActions.load(new ParentPage<>(vendor.rowId(), PageArgs.of(first, after), null));
    }

    @SchemaMapping(typeName = "SanctionAction", field = "vendor")
    public CompletableFuture<VendorView> actionVendor(SanctionActionView a, DataLoader<Long, VendorView> vendorById) {
        return a.vendorId() == null ? CompletableFuture.completedFuture(null) : vendorById.load(a.vendorId());
    }

    @SchemaMapping(typeName = "SanctionAction", field = "affiliatedVendor")
    public CompletableFuture<VendorView> actionAffiliatedVendor(
            SanctionActionView a, DataLoader<Long, VendorView> vendorById) {
        return a.affiliatedVendorId() == null
                ? CompletableFuture.completedFuture(null)
                : vendorById.load(a.affiliatedVendorId());
    }

    @BatchMapping(typeName = "Vendor", field = "products")
    public Map<VendorView, List<ProductView>> products(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, products::byVendorIds);
    }

    @BatchMapping(typeName = "Product", field = "vendors")
    public Map<ProductView, List<VendorView>> productVendors(List<ProductView> list) {
        return Batches.byKey(list, ProductView::rowId, vendors::byProductIds);
    }

    @BatchMapping(typeName = "ProductAttribution", field = "vendor")
    public Map<ProductAttributionView, VendorView> attributionVendor(List<ProductAttributionView> list) {
        Map<Long, VendorView> found = vendors.byIds(
                list.stream().map(ProductAttributionView::vendorId).distinct().toList());
        Map<ProductAttributionView, VendorView> out = new LinkedHashMap<>();
        list.forEach(a -> out.put(a, found.get(a.vendorId())));
        return out;
    }

    @BatchMapping(typeName = "Vendor", field = "jurisdictions")
    public Map<VendorView, List<VendorJurisdictionView>> jurisdictions(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, jurisdictions::byVendorIds);
    }
}
