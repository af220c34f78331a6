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
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.source.CitationView;
import org.vendorwatch.source.ClaimKind;
import org.vendorwatch.source.SourceQueries;

/** Reads of products and their attribution to vendors. */
@Component
public class ProductQueries {

    /** A product. */
    public record ProductView(long rowId, String slug, String name, String kind, String description, int revision) {
        public String id() {
            return GlobalId.of("Product", rowId);
        }
    }

    /** The claim that a vendor makes a product. */
    public record ProductAttributionView(long rowId, long productId, long vendorId, String confidence, int revision) {
        public String id() {
            return GlobalId.of("ProductVendor", rowId);
        }
    }

    private static final List<SelectField<?>> COLUMNS =
            List.of(PRODUCT.ID, PRODUCT.SLUG, PRODUCT.NAME, PRODUCT.KIND, PRODUCT.DESCRIPTION, PRODUCT.REVISION);

    private final DSLContext dsl;
    private final SourceQueries sources;

    public ProductQueries(DSLContext dsl, SourceQueries sources) {
        this.dsl = dsl;
        this.sources = sources;
    }

    private static ProductView toView(Record r) {
        return new ProductView(
                r.get(PRODUCT.ID),
                r.get(PRODUCT.SLUG),
                r.get(PRODUCT.NAME),
                r.get(PRODUCT.KIND),
                r.get(PRODUCT.DESCRIPTION),
                r.get(PRODUCT.REVISION));
    }

    private static ProductAttributionView attribution(Record r) {
        return new ProductAttributionView(
                r.get(PRODUCT_VENDOR.ID),
                r.get(PRODUCT_VENDOR.PRODUCT_ID),
                r.get(PRODUCT_VENDOR.VENDOR_ID),
                r.get(PRODUCT_VENDOR.CONFIDENCE),
                r.get(PRODUCT_VENDOR.REVISION));
    }

    /** Each product's attributions to vendors, by vendor name. */
    public Map<Long, List<ProductAttributionView>> attributionsByProductIds(Collection<Long> productIds) {
        Map<Long, List<ProductAttributionView>> out = new HashMap<>();
        dsl.select(
                        PRODUCT_VENDOR.ID,
                        PRODUCT_VENDOR.PRODUCT_ID,
                        PRODUCT_VENDOR.VENDOR_ID,
                        PRODUCT_VENDOR.CONFIDENCE,
                        PRODUCT_VENDOR.REVISION)
                .from(PRODUCT_VENDOR)
                .join(VENDOR)
                .on(VENDOR.ID.eq(PRODUCT_VENDOR.VENDOR_ID))
                .where(Sql.anyOf(PRODUCT_VENDOR.PRODUCT_ID, productIds))
                .orderBy(VENDOR.SORT_NAME, PRODUCT_VENDOR.ID)
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(PRODUCT_VENDOR.PRODUCT_ID), k -> new ArrayList<>())
                        .add(attribution(r)));
        return out;
    }

    /** One attribution, or null. */
    public ProductAttributionView attribution(long id) {
        return dsl.select(
                        PRODUCT_VENDOR.ID,
                        PRODUCT_VENDOR.PRODUCT_ID,
                        PRODUCT_VENDOR.VENDOR_ID,
                        PRODUCT_VENDOR.CONFIDENCE,
                        PRODUCT_VENDOR.REVISION)
                .from(PRODUCT_VENDOR)
                .where(PRODUCT_VENDOR.ID.eq(id))
                .fetchOptional()
                .map(ProductQueries::attribution)
                .orElse(null);
    }

    /** The citations of attributions, by attribution id. */
    public Map<Long, List<CitationView>> citationsByAttributionIds(Collection<Long> ids) {
        return sources.citations(ClaimKind.PRODUCT_VENDOR, ids);
    }

    public Map<Long, ProductView> byIds(Collection<Long> ids) {
        Map<Long, ProductView> out = new HashMap<>();
        dsl.select(COLUMNS)
                .from(PRODUCT)
                .where(Sql.anyOf(PRODUCT.ID, ids))
                .fetch()
                .forEach(r -> out.put(r.get(PRODUCT.ID), toView(r)));
        return out;
    }

    public Map<Long, List<ProductView>> byVendorIds(Collection<Long> vendorIds) {
        List<SelectField<?>> fields = new ArrayList<>(COLUMNS);
        fields.add(PRODUCT_VENDOR.VENDOR_ID);
        Map<Long, List<ProductView>> out = new HashMap<>();
        dsl.select(fields)
                .from(PRODUCT)
                .join(PRODUCT_VENDOR)
                .on(PRODUCT_VENDOR.PRODUCT_ID.eq(PRODUCT.ID))
                .where(Sql.anyOf(PRODUCT_VENDOR.VENDOR_ID, vendorIds))
                .orderBy(PRODUCT.NAME, PRODUCT.ID)
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(PRODUCT_VENDOR.VENDOR_ID), k -> new ArrayList<>())
                        .add(toView(r)));
        return out;
    }

    /** The citations attributing each product to its vendors. */
    public Map<Long, List<CitationView>> citationsByProductIds(Collection<Long> productIds) {
        Map<Long, Long> productOfLink = new HashMap<>();
        dsl.select(PRODUCT_VENDOR.ID, PRODUCT_VENDOR.PRODUCT_ID)
                .from(PRODUCT_VENDOR)
                .where(Sql.anyOf(PRODUCT_VENDOR.PRODUCT_ID, productIds))
                .fetch()
                .forEach(r -> productOfLink.put(r.value1(), r.value2()));
        Map<Long, List<CitationView>> out = new HashMap<>();
        sources.citations(ClaimKind.PRODUCT_VENDOR, productOfLink.keySet())
                .forEach((link, cs) -> out.computeIfAbsent(productOfLink.get(link), k -> new ArrayList<>())
                        .addAll(cs));
        return out;
    }
}
