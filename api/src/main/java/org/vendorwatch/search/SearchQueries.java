package org.vendorwatch.search;

import static org.vendorwatch.db.Tables.SANCTION_ACTION;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;
import org.vendorwatch.product.ProductQueries;
import org.vendorwatch.product.ProductQueries.ProductView;
import org.vendorwatch.sanction.SanctionQueries;
import org.vendorwatch.sanction.SanctionViews.SanctionActionView;
import org.vendorwatch.sanction.SanctionViews.SanctionAuthorityView;
import org.vendorwatch.sanction.SanctionViews.SanctionProgramView;
import org.vendorwatch.vendor.VendorQueries;
import org.vendorwatch.vendor.VendorView;

/**
 * Search over everything a reader may type, in PostgreSQL (migration 011, {@code search_hits}):
 * vendors by every name, products, people named in sanction actions and their aliases, sanction
 * programmes and authorities by code and name. The names' words form a small lexicon searched by
 * prefix, substring and trigram distance; only the shortest names holding the matching words are
 * ranked (exact, prefix, word prefix, substring or fuzzy, by similarity). One hit per record.
 */
@Component
public class SearchQueries {

    public static final int MAX_QUERY = 200;
    public static final int MAX_HITS = 50;

    /** What every hit says: the name that matched, its kind, how it matched and its score. */
    public sealed interface HitView
            permits VendorHitView, ProductHitView, PersonHitView, SanctionProgramHitView, SanctionAuthorityHitView {
        String matchedName();

        String matchedKind();

        String matchType();

        double similarity();

        double score();
    }

    /** A vendor found by {@code search} (the vendors-only search of the first API version). */
    public record SearchHitView(
            VendorView vendor,
            String matchedName,
            String matchedKind,
            String matchType,
            double similarity,
            double score) {}

    public record VendorHitView(
            VendorView vendor,
            String matchedName,
            String matchedKind,
            String matchType,
            double similarity,
            double score)
            implements HitView {}

    public record ProductHitView(
            ProductView product,
            String matchedName,
            String matchedKind,
            String matchType,
            double similarity,
            double score)
            implements HitView {}

    public record PersonHitView(
            String name,
            List<SanctionActionView> sanctionActions,
            String matchedName,
            String matchedKind,
            String matchType,
            double similarity,
            double score)
            implements HitView {}

    public record SanctionProgramHitView(
            SanctionProgramView program,
            String matchedName,
            String matchedKind,
            String matchType,
            double similarity,
            double score)
            implements HitView {}

    public record SanctionAuthorityHitView(
            SanctionAuthorityView authority,
            String matchedName,
            String matchedKind,
            String matchType,
            double similarity,
            double score)
            implements HitView {}

    /** One row of search_hits. */
    private record Raw(
            String type, String key, String name, String kind, String matchType, double similarity, double score) {}

    /** The API's kinds and the entity types of search_entry. */
    public static final Map<String, String> KINDS = Map.of(
            "VENDOR",
            "Vendor",
            "PRODUCT",
            "Product",
            "PERSON",
            "Person",
            "SANCTION_PROGRAM",
            "SanctionProgram",
            "SANCTION_AUTHORITY",
            "SanctionAuthority");

    private final DSLContext dsl;
    private final VendorQueries vendors;
    private final ProductQueries products;
    private final SanctionQueries sanctions;

    public SearchQueries(DSLContext dsl, VendorQueries vendors, ProductQueries products, SanctionQueries sanctions) {
        this.dsl = dsl;
        this.vendors = vendors;
        this.products = products;
        this.sanctions = sanctions;
    }

    private static String checkedQuery(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            throw new ApiException(
                    ErrorCode.INVALID_ARGUMENT, "query must hold 1 to " + MAX_QUERY + " characters (after trimming).");
        }
        return q;
    }

    private static int checkedFirst(Integer first) {
        int limit = first == null ? 10 : first;
        if (limit < 1 || limit > MAX_HITS) {
            throw new ApiException(
                    ErrorCode.PAGE_SIZE, "first must be between 1 and " + MAX_HITS + " (was " + limit + ").");
        }
        return limit;
    }

    private List<Raw> hits(String query, int limit, String[] types) {
        return dsl.resultQuery(
                        "select entity_type, entity_key, name, name_kind, match_type, similarity, score from search_hits({0}, {1}, {2})",
                        DSL.val(query), DSL.val(limit), DSL.val(types, String[].class))
                .fetch(r -> new Raw(
                        r.get(0, String.class),
                        r.get(1, String.class),
                        r.get(2, String.class),
                        r.get(3, String.class),
                        r.get(4, String.class),
                        round(r.get(5, Double.class)),
                        round(r.get(6, Double.class))));
    }

    /** Vendors by any of their names (the first version's search). */
    public List<SearchHitView> search(String query, Integer first) {
        List<Raw> raw = hits(checkedQuery(query), checkedFirst(first), new String[] {"Vendor"});
        Map<Long, VendorView> found = raw.isEmpty()
                ? Map.of()
                : vendors.byIds(raw.stream().map(r -> Long.parseLong(r.key())).toList());
        List<SearchHitView> out = new ArrayList<>();
        for (Raw r : raw) {
            VendorView v = found.get(Long.parseLong(r.key()));
            if (v != null) {
                out.add(new SearchHitView(v, r.name(), r.kind(), r.matchType(), r.similarity(), r.score()));
            }
        }
        return out;
    }

    /** Everything a reader may type, of the given kinds (all when null or empty), best first. */
    public List<HitView> searchAll(String query, Integer first, List<String> kinds) {
        String[] types = kinds == null || kinds.isEmpty()
                ? null
                : kinds.stream().map(KINDS::get).distinct().toArray(String[]::new);
        List<Raw> raw = hits(checkedQuery(query), checkedFirst(first), types);
        Map<String, List<String>> keys = raw.stream()
                .collect(Collectors.groupingBy(
                        Raw::type, LinkedHashMap::new, Collectors.mapping(Raw::key, Collectors.toList())));
        List<Long> vendorIds = ids(keys.get("Vendor"));
        List<Long> productIds = ids(keys.get("Product"));
        // only the kinds of record found are loaded: a search box's query usually finds one or two kinds
        Map<Long, VendorView> vendorsById = vendorIds.isEmpty() ? Map.of() : vendors.byIds(vendorIds);
        Map<Long, ProductView> productsById = productIds.isEmpty() ? Map.of() : products.byIds(productIds);
        Map<String, List<SanctionActionView>> people = people(keys.getOrDefault("Person", List.of()));
        Map<String, SanctionProgramView> programs = keys.containsKey("SanctionProgram")
                ? sanctions.programs().stream()
                        .collect(Collectors.toMap(SanctionProgramView::code, Function.identity()))
                : Map.of();
        Map<String, SanctionAuthorityView> authorities = keys.containsKey("SanctionAuthority")
                ? sanctions.authorities().stream()
                        .collect(Collectors.toMap(SanctionAuthorityView::code, Function.identity()))
                : Map.of();
        List<HitView> out = new ArrayList<>();
        for (Raw r : raw) {
            HitView hit = switch (r.type()) {
                case "Vendor" -> {
                    VendorView v = vendorsById.get(Long.parseLong(r.key()));
                    yield v == null
                            ? null
                            : new VendorHitView(v, r.name(), r.kind(), r.matchType(), r.similarity(), r.score());
                }
                case "Product" -> {
                    ProductView p = productsById.get(Long.parseLong(r.key()));
                    yield p == null
                            ? null
                            : new ProductHitView(p, r.name(), r.kind(), r.matchType(), r.similarity(), r.score());
                }
                case "Person" -> {
                    List<SanctionActionView> actions = people.getOrDefault(r.key(), List.of());
                    yield actions.isEmpty()
                            ? null
                            : new PersonHitView(
                                    actions.getFirst().personName(),
                                    actions,
                                    r.name(),
                                    r.kind(),
                                    r.matchType(),
                                    r.similarity(),
                                    r.score());
                }
                case "SanctionProgram" -> {
                    SanctionProgramView p = programs.get(r.key());
                    yield p == null
                            ? null
                            : new SanctionProgramHitView(
                                    p, r.name(), r.kind(), r.matchType(), r.similarity(), r.score());
                }
                case "SanctionAuthority" -> {
                    SanctionAuthorityView a = authorities.get(r.key());
                    yield a == null
                            ? null
                            : new SanctionAuthorityHitView(
                                    a, r.name(), r.kind(), r.matchType(), r.similarity(), r.score());
                }
                default -> null;
            };
            if (hit != null) {
                out.add(hit);
            }
        }
        return out;
    }

    /** The sanction actions naming each person (by folded name), oldest first. */
    private Map<String, List<SanctionActionView>> people(List<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        var folded = DSL.field("vw_fold({0})", String.class, SANCTION_ACTION.PERSON_NAME);
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        for (Record r : dsl.select(folded, SANCTION_ACTION.ID)
                .from(SANCTION_ACTION)
                .where(folded.in(keys))
                .orderBy(SANCTION_ACTION.ID)
                .fetch()) {
            ids.computeIfAbsent(r.get(0, String.class), k -> new ArrayList<>()).add(r.get(1, Long.class));
        }
        Map<Long, SanctionActionView> actions = sanctions.actionsByIds(
                ids.values().stream().flatMap(List::stream).toList());
        Map<String, List<SanctionActionView>> out = new LinkedHashMap<>();
        ids.forEach((k, list) -> out.put(
                k,
                list.stream()
                        .map(actions::get)
                        .filter(java.util.Objects::nonNull)
                        .toList()));
        return out;
    }

    private static List<Long> ids(List<String> keys) {
        return keys == null ? List.of() : keys.stream().map(Long::parseLong).toList();
    }

    private static double round(Double d) {
        return d == null ? 0 : Math.round(d * 1000) / 1000.0;
    }
}
