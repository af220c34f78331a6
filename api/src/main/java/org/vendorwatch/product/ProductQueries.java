package org.vendorwatch.product;

import static org.vendorwatch.db.Tables.PRODUCT;
import static org.vendorwatch.db.Tables.PRODUCT_VENDOR;
import static org.vendorwatch.db.Tables.VENDOR;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.vendorwatch.platform.db.Sql;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.source.CitationView;
import org.vendorwatch.source.ClaimKind;
import org.vendorwatch.source.SourceQueries;
import org.vendorwatch.vendor.VendorQueries;
import org.vendorwatch.vendor.VendorView;

/** Reads of products and their attribution to vendors. */
@Component
public class ProductQueries {

    /** A product. */
    public record ProductView(long rowId, String slug, String name, String kind, String description) {
        public String id() {
            return GlobalId.of("Product", rowId);
        }
    }

    private static final List<SelectField<?>> COLUMNS = List.of(PRODUCT.ID, PRODUCT.SLUG, PRODUCT.NAME, PRODUCT.KIND, PRODUCT.DESCRIPTION);

    private final DSLContext dsl;
    private final SourceQueries sources;

    public ProductQueries(DSLContext dsl, SourceQueries sources) {
        this.dsl = dsl;
        this.sources = sources;
    }

    private static ProductView toView(Record r) {
        return new ProductView(r.get(PRODUCT.ID), r.get(PRODUCT.SLUG), r.get(PRODUCT.NAME), r.get(PRODUCT.KIND), r.get(PRODUCT.DESCRIPTION));
    }

    public Map<Long, ProductView> byIds(Collection<Long> ids) {
        Map<Long, ProductView> out = new HashMap<>();
        dsl.select(COLUMNS).from(PRODUCT).where(Sql.anyOf(PRODUCT.ID, ids)).fetch().forEach(r -> out.put(r.get(PRODUCT.ID), toView(r)));
        return out;
    }

    public Map<Long, List<ProductView>> byVendorIds(Collection<Long> vendorIds) {
        List<SelectField<?>> fields = new ArrayList<>(COLUMNS);
        fields.add(PRODUCT_VENDOR.VENDOR_ID);
        Map<Long, List<ProductView>> out = new HashMap<>();
        dsl.select(fields).from(PRODUCT).join(PRODUCT_VENDOR).on(PRODUCT_VENDOR.PRODUCT_ID.eq(PRODUCT.ID))
                .where(Sql.anyOf(PRODUCT_VENDOR.VENDOR_ID, vendorIds)).orderBy(PRODUCT.NAME, PRODUCT.ID).fetch()
                .forEach(r -> out.computeIfAbsent(r.get(PRODUCT_VENDOR.VENDOR_ID), k -> new ArrayList<>()).add(toView(r)));
        return out;
    }

    public Map<Long, List<VendorView>> vendorsByProductIds(Collection<Long> productIds) {
        List<SelectField<?>> fields = new ArrayList<>(VendorQueries.COLUMNS);
        fields.add(PRODUCT_VENDOR.PRODUCT_ID);
        Map<Long, List<VendorView>> out = new HashMap<>();
        dsl.select(fields).from(VENDOR).join(PRODUCT_VENDOR).on(PRODUCT_VENDOR.VENDOR_ID.eq(VENDOR.ID))
                .where(Sql.anyOf(PRODUCT_VENDOR.PRODUCT_ID, productIds)).orderBy(VENDOR.SORT_NAME, VENDOR.ID).fetch()
                .forEach(r -> out.computeIfAbsent(r.get(PRODUCT_VENDOR.PRODUCT_ID), k -> new ArrayList<>()).add(VendorQueries.toView(r)));
        return out;
    }

    /** The citations attributing each product to its vendors. */
    public Map<Long, List<CitationView>> citationsByProductIds(Collection<Long> productIds) {
        Map<Long, Long> productOfLink = new HashMap<>();
        dsl.select(PRODUCT_VENDOR.ID, PRODUCT_VENDOR.PRODUCT_ID).from(PRODUCT_VENDOR).where(Sql.anyOf(PRODUCT_VENDOR.PRODUCT_ID, productIds))
                .fetch().forEach(r -> productOfLink.put(r.value1(), r.value2()));
        Map<Long, List<CitationView>> out = new HashMap<>();
        sources.citations(ClaimKind.PRODUCT_VENDOR, productOfLink.keySet())
                .forEach((link, cs) -> out.computeIfAbsent(productOfLink.get(link), k -> new ArrayList<>()).addAll(cs));
        return out;
    }
}
