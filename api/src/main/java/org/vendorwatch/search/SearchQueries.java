package org.vendorwatch.search;

import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_NAME;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;
import org.vendorwatch.vendor.VendorQueries;
import org.vendorwatch.vendor.VendorView;

/**
 * Name search over every vendor's canonical name and all other names, with pg_trgm: candidates come
 * from the trigram GIN indexes (similarity, word similarity, or a LIKE prefix/substring), then are
 * ranked by how they match (exact, prefix, word prefix, fuzzy) and similarity. One hit per vendor.
 */
@Component
public class SearchQueries {

    public static final int MAX_QUERY = 200;
    public static final int MAX_HITS = 50;

    /** A search hit: the vendor, the name that matched and why it scored as it did. */
    public record SearchHitView(VendorView vendor, String matchedName, String matchedKind, String matchType,
                                double similarity, double score) {
    }

    private final DSLContext dsl;

    public SearchQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<SearchHitView> search(String query, Integer first) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "query must hold 1 to " + MAX_QUERY + " characters (after trimming).");
        }
        int limit = first == null ? 10 : first;
        if (limit < 1 || limit > MAX_HITS) {
            throw new ApiException(ErrorCode.PAGE_SIZE, "first must be between 1 and " + MAX_HITS + " (was " + limit + ").");
        }
        Field<String> folded = Sql.fold(DSL.val(q));
        String escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        Field<String> prefix = Sql.fold(DSL.val(escaped)).concat(DSL.inline("%"));
        Field<String> word = DSL.inline("% ").concat(Sql.fold(DSL.val(escaped))).concat(DSL.inline("%"));

        // candidate names: canonical names and every other name, each found through a trigram index
        var n = DSL.name("n");
        Field<Long> vendorId = DSL.field(DSL.name("n", "vendor_id"), Long.class);
        Field<String> name = DSL.field(DSL.name("n", "name"), String.class);
        Field<String> kind = DSL.field(DSL.name("n", "kind"), String.class);
        Field<String> f = DSL.field(DSL.name("n", "folded"), String.class);
        Field<Boolean> weak = DSL.field(DSL.name("n", "weak"), Boolean.class);
        var candidates = DSL.select(VENDOR.ID.as("vendor_id"), VENDOR.NAME.as("name"), DSL.inline("CANONICAL").as("kind"),
                        VENDOR.SORT_NAME.as("folded"), DSL.inline(false).as("weak"))
                .from(VENDOR).where(matches(VENDOR.SORT_NAME, folded, prefix))
                .unionAll(DSL.select(VENDOR_NAME.VENDOR_ID, VENDOR_NAME.NAME, VENDOR_NAME.KIND, VENDOR_NAME.FOLDED, VENDOR_NAME.WEAK)
                        .from(VENDOR_NAME).where(matches(VENDOR_NAME.FOLDED, folded, prefix)))
                .asTable(n);

        Field<Double> sim = DSL.field("similarity({0}, {1})", SQLDataType.DOUBLE, f, folded);
        Field<Double> wordSim = DSL.field("word_similarity({0}, {1})", SQLDataType.DOUBLE, folded, f);
        Field<String> matchType = DSL.when(f.eq(folded), DSL.inline("EXACT"))
                .when(f.like(prefix, '\\'), DSL.inline("PREFIX"))
                .when(DSL.inline(" ").concat(f).like(word, '\\'), DSL.inline("WORD_PREFIX"))
                .when(f.like(DSL.inline("%").concat(prefix), '\\'), DSL.inline("SUBSTRING"))
                .otherwise(DSL.inline("FUZZY"));
        Field<Double> base = DSL.when(f.eq(folded), DSL.inline(1.0))
                .when(f.like(prefix, '\\'), DSL.inline(0.75).plus(sim.times(0.2)))
                .when(DSL.inline(" ").concat(f).like(word, '\\'), DSL.inline(0.5).plus(sim.times(0.2)))
                .otherwise(DSL.greatest(sim, wordSim).times(0.5));
        Field<Double> score = base.times(DSL.when(weak, DSL.inline(0.8)).otherwise(DSL.inline(1.0))).as("score");

        var scored = DSL.select(vendorId.as("vendor_id"), name.as("name"), kind.as("kind"), matchType.as("match_type"),
                        sim.as("sim"), score)
                .from(candidates).asTable("s");
        Field<Long> sVendor = DSL.field(DSL.name("s", "vendor_id"), Long.class);
        Field<String> sName = DSL.field(DSL.name("s", "name"), String.class);
        Field<String> sKind = DSL.field(DSL.name("s", "kind"), String.class);
        Field<String> sType = DSL.field(DSL.name("s", "match_type"), String.class);
        Field<Double> sSim = DSL.field(DSL.name("s", "sim"), Double.class);
        Field<Double> sScore = DSL.field(DSL.name("s", "score"), Double.class);
        // best name per vendor
        var best = DSL.select(sVendor.as("vendor_id"), sName.as("hit_name"), sKind.as("hit_kind"), sType.as("match_type"),
                        sSim.as("sim"), sScore.as("score"))
                .distinctOn(sVendor).from(scored)
                .orderBy(sVendor, sScore.desc(), DSL.when(sKind.eq("CANONICAL"), 0).otherwise(1), DSL.length(sName))
                .asTable("b");
        Field<Long> bVendor = DSL.field(DSL.name("b", "vendor_id"), Long.class);
        Field<Double> bScore = DSL.field(DSL.name("b", "score"), Double.class);
        List<SelectField<?>> fields = new ArrayList<>(VendorQueries.COLUMNS);
        fields.addAll(List.of(DSL.field(DSL.name("b", "hit_name"), String.class), DSL.field(DSL.name("b", "hit_kind"), String.class),
                DSL.field(DSL.name("b", "match_type"), String.class), DSL.field(DSL.name("b", "sim"), Double.class), bScore));
        return dsl.select(fields).from(best).join(VENDOR).on(VENDOR.ID.eq(bVendor))
                .orderBy(bScore.desc(), VENDOR.SORT_NAME, VENDOR.ID)
                .limit(limit)
                .fetch(r -> new SearchHitView(VendorQueries.toView(r), r.get("hit_name", String.class), r.get("hit_kind", String.class),
                        r.get("match_type", String.class), round(r.get("sim", Double.class)), round(r.get("score", Double.class))));
    }

    /** Index-backed candidate test: trigram similarity, word similarity, or containment. */
    private static org.jooq.Condition matches(Field<String> column, Field<String> folded, Field<String> prefix) {
        return DSL.condition("{0} % {1}", column, folded)
                .or(DSL.condition("{0} <% {1}", folded, column))
                .or(column.like(DSL.inline("%").concat(prefix), '\\'));
    }

    private static double round(Double d) {
        return d == null ? 0 : Math.round(d * 1000) / 1000.0;
    }
}
