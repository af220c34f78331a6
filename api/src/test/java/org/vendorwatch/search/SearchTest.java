package org.vendorwatch.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class SearchTest {

    @Autowired
    Api api;

    private JsonNode search(String q, int first) {
        return api.document("search", Map.of("query", q, "first", first)).ok().path("search");
    }

    @Test
    void everyVendorIsFoundUnderEachOfItsNames() {
        List<String> misses = new ArrayList<>();
        JsonNode vendors =
                api.document("allNames", Map.of()).ok().path("vendors").path("edges");
        assertThat(vendors.size()).isEqualTo(12);
        for (JsonNode e : vendors) {
            JsonNode v = e.path("node");
            List<String> names = new ArrayList<>(v.path("names").findValuesAsString("name"));
            names.add(v.path("name").asString());
            for (String name : names) {
                JsonNode hits = search(name, 50);
                boolean found = false;
                for (JsonNode h : hits) {
                    found |= h.path("vendor")
                            .path("slug")
                            .asString()
                            .equals(v.path("slug").asString());
                }
                if (!found) {
                    misses.add(v.path("slug").asString() + " <- " + name);
                }
            }
        }
        assertThat(misses).isEmpty();
    }

    @ParameterizedTest(name = "{0} finds {1} via {2}")
    @CsvSource({
        "Grindavik Solutions Ltd., candiru, FORMER_NAME",
        "SOURGUM, candiru, INDUSTRY_CODENAME",
        "Aktsionernoe Obshchestvo Pozitiv Teknolodzhiz, positive-technologies, LISTED_NAME",
        "Computer Security Initiative Consultancy PTE. LTD., coseinc, LEGAL_NAME",
        "Sytrox, cytrox-ad, AKA",
    })
    void aFormerNameCodenameOrListedNameFindsItsVendorFirst(String query, String slug, String kindAmongNames) {
        JsonNode top = search(query, 5).path(0);
        assertThat(top.path("vendor").path("slug").asString()).isEqualTo(slug);
        assertThat(top.path("matchType").asString()).isEqualTo("EXACT");
        assertThat(top.path("score").asDouble()).isEqualTo(1.0);
        // the kind reported is one of the kinds this exact name has
        JsonNode names = api.document("vendorBySlug", Map.of("slug", slug))
                .ok()
                .path("vendor")
                .path("names");
        List<String> kinds = new ArrayList<>();
        names.forEach(n -> {
            if (n.path("name").asString().equals(query)) {
                kinds.add(n.path("kind").asString());
            }
        });
        assertThat(kinds)
                .contains(kindAmongNames)
                .contains(top.path("matchedKind").asString());
    }

    @ParameterizedTest(name = "typo {0} finds {1}")
    @CsvSource({
        "Candiry, candiru",
        "Sourgun, candiru",
        "Grindavic, candiru",
        "Intelexa, intellexa-sa",
        "Cytrix, cytrox-ad",
        "Positiv Technologies, positive-technologies",
        "NSO Grop, nso-group",
    })
    void aOneLetterTypoStillFindsTheVendor(String query, String slug) {
        JsonNode hits = search(query, 5);
        assertThat(hits.findValuesAsString("slug")).contains(slug);
        for (JsonNode h : hits) {
            if (h.path("vendor").path("slug").asString().equals(slug)) {
                assertThat(h.path("matchType").asString()).isIn("FUZZY", "PREFIX", "WORD_PREFIX", "SUBSTRING");
                assertThat(h.path("similarity").asDouble()).isGreaterThan(0);
            }
        }
    }

    @Test
    void searchIgnoresCaseAndAccents() {
        assertThat(search("zartkoruen", 3).path(0).path("vendor").path("slug").asString())
                .isEqualTo("cytrox-holdings-zrt");
        assertThat(search("ZÁRTKÖRŰEN", 3).path(0).path("vendor").path("slug").asString())
                .isEqualTo("cytrox-holdings-zrt");
        assertThat(search("sourgum", 3).path(0).path("matchType").asString()).isEqualTo("EXACT");
    }

    @Test
    void exactThenPrefixThenFuzzyAndScoresExplainTheOrder() {
        JsonNode hits = search("Intellexa", 10);
        assertThat(hits.size()).isGreaterThanOrEqualTo(3);
        double previous = Double.MAX_VALUE;
        for (JsonNode h : hits) {
            double s = h.path("score").asDouble();
            assertThat(s).isLessThanOrEqualTo(previous);
            previous = s;
        }
        assertThat(hits.path(0).path("matchType").asString()).isIn("EXACT", "PREFIX");
        JsonNode exact = search("Candiru", 5).path(0);
        JsonNode prefix = search("Candi", 5).path(0);
        JsonNode fuzzy = search("Kandiru", 5).path(0);
        assertThat(exact.path("matchType").asString()).isEqualTo("EXACT");
        assertThat(prefix.path("matchType").asString()).isEqualTo("PREFIX");
        assertThat(fuzzy.path("matchType").asString()).isEqualTo("FUZZY");
        assertThat(exact.path("score").asDouble())
                .isGreaterThan(prefix.path("score").asDouble());
        assertThat(prefix.path("score").asDouble())
                .isGreaterThan(fuzzy.path("score").asDouble());
    }

    @Test
    void oneHitPerVendorAndTheLimitHolds() {
        JsonNode hits = search("Ltd", 50);
        List<String> slugs = hits.findValuesAsString("slug");
        assertThat(slugs).doesNotHaveDuplicates();
        assertThat(search("Ltd", 2).size()).isLessThanOrEqualTo(2);
    }

    static final String ALL = """
            query($q: String!, $kinds: [SearchKind!]) { searchAll(query: $q, first: 5, kinds: $kinds) {
              __typename matchedName matchedKind matchType score
              ... on VendorHit { vendor { slug } }
              ... on ProductHit { product { slug } vendors { slug } }
              ... on PersonHit { name sanctionActions { id targetName } }
              ... on SanctionProgramHit { program { code } }
              ... on SanctionAuthorityHit { authority { code } }
            } }""";

    private JsonNode searchAll(String q, List<String> kinds) {
        Map<String, Object> vars = new java.util.HashMap<>(Map.of("q", q));
        if (kinds != null) {
            vars.put("kinds", kinds);
        }
        return api.query(ALL, vars).ok().path("searchAll");
    }

    @Test
    void productsPeopleProgrammesAndAuthoritiesAreFoundWithTypos() {
        JsonNode pegasus = searchAll("Pegasis", null).path(0);
        assertThat(pegasus.path("__typename").asString()).isEqualTo("ProductHit");
        assertThat(pegasus.path("product").path("slug").asString()).isEqualTo("pegasus");
        assertThat(pegasus.path("vendors").findValuesAsString("slug")).contains("nso-group");
        assertThat(searchAll("DevilsTonge", null).path(0).path("matchedName").asString())
                .isEqualTo("DevilsTongue");

        JsonNode dilian = searchAll("Dilain", null).path(0);
        assertThat(dilian.path("__typename").asString()).isEqualTo("PersonHit");
        assertThat(dilian.path("name").asString()).contains("Dilian");
        assertThat(dilian.path("sanctionActions").size()).isPositive();

        JsonNode entityList = searchAll("Entity Lst", null).path(0);
        assertThat(entityList.path("__typename").asString()).isEqualTo("SanctionProgramHit");
        assertThat(entityList.path("program").path("code").asString()).isEqualTo("US_ENTITY_LIST");
        assertThat(searchAll("US_SDN", null)
                        .path(0)
                        .path("program")
                        .path("code")
                        .asString())
                .isEqualTo("US_SDN");
        JsonNode ofac = searchAll("US_OFAK", List.of("SANCTION_AUTHORITY")).path(0);
        assertThat(ofac.path("authority").path("code").asString()).isEqualTo("US_OFAC");

        // kinds narrow the search; vendors keep their own search too
        assertThat(searchAll("Pegasus", List.of("VENDOR")).findValuesAsString("__typename"))
                .doesNotContain("ProductHit");
        assertThat(search("Candiru", 1).path(0).path("vendor").path("slug").asString())
                .isEqualTo("candiru");
    }

    @Test
    void aNameBeingTypedFindsItsRecordLetterByLetter() {
        assertThat(searchAll("ca", null).findValuesAsString("slug")).contains("candiru");
        assertThat(searchAll("can", null).path(0).path("vendor").path("slug").asString())
                .isEqualTo("candiru");
        assertThat(searchAll("cand", null).path(0).path("matchType").asString()).isEqualTo("PREFIX");
        assertThat(searchAll("pega", null).path(0).path("product").path("slug").asString())
                .isEqualTo("pegasus");
    }

    /**
     * Recall: every name of every seeded vendor and product, and each of up to twelve one-letter typos
     * of it (a letter dropped, replaced or swapped with the next), finds its record first (or tied first).
     */
    @Test
    void everyNameAndEveryOneLetterTypoOfItFindsItsRecordFirst() {
        record Name(String text, String type, String slug) {}
        List<Name> names = new ArrayList<>();
        for (JsonNode e : api.query(
                        "{ vendors(first: 100) { edges { node { slug name names { name } products { slug name } } } } }")
                .ok()
                .path("vendors")
                .path("edges")) {
            JsonNode v = e.path("node");
            names.add(new Name(
                    v.path("name").asString(), "VendorHit", v.path("slug").asString()));
            v.path("names")
                    .forEach(n -> names.add(new Name(
                            n.path("name").asString(),
                            "VendorHit",
                            v.path("slug").asString())));
            v.path("products")
                    .forEach(p -> names.add(new Name(
                            p.path("name").asString(),
                            "ProductHit",
                            p.path("slug").asString())));
        }
        List<String> misses = new ArrayList<>();
        int tried = 0;
        for (Name n : names.stream().distinct().toList()) {
            List<String> queries = new ArrayList<>(List.of(n.text()));
            queries.addAll(typos(n.text()));
            for (String q : queries) {
                tried++;
                JsonNode hits = searchAll(q, null);
                double top = hits.path(0).path("score").asDouble();
                boolean first = false;
                for (JsonNode h : hits) {
                    String slug = h.has("vendor")
                            ? h.path("vendor").path("slug").asString()
                            : h.path("product").path("slug").asString();
                    first |= h.path("score").asDouble() == top
                            && h.path("__typename").asString().equals(n.type())
                            && slug.equals(n.slug());
                }
                if (!first) {
                    misses.add(q + " (for " + n.text() + ", " + n.slug() + "): "
                            + hits.path(0).path("matchedName").asString());
                }
            }
        }
        assertThat(tried).isGreaterThan(400);
        assertThat(misses).as("searches that do not find their record first").isEmpty();
    }

    /** Up to twelve one-letter typos: a letter dropped, replaced, or swapped with the next (never the first or last letter). */
    static List<String> typos(String s) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (int i = 1; i < s.length() - 1; i++) {
            if (Character.isLetter(s.charAt(i))) {
                out.add(s.substring(0, i) + s.substring(i + 1));
                out.add(s.substring(0, i) + (s.charAt(i) == 'x' ? 'y' : 'x') + s.substring(i + 1));
                if (Character.isLetter(s.charAt(i + 1))) {
                    out.add(s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2));
                }
            }
        }
        out.remove(s);
        return out.stream().limit(12).toList();
    }
}
