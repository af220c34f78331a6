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
        JsonNode vendors = api.document("allNames", Map.of()).ok().path("vendors").path("edges");
        assertThat(vendors.size()).isEqualTo(12);
        for (JsonNode e : vendors) {
            JsonNode v = e.path("node");
            List<String> names = new ArrayList<>(v.path("names").findValuesAsString("name"));
            names.add(v.path("name").asString());
            for (String name : names) {
                JsonNode hits = search(name, 50);
                boolean found = false;
                for (JsonNode h : hits) {
                    found |= h.path("vendor").path("slug").asString().equals(v.path("slug").asString());
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
        JsonNode names = api.document("vendorBySlug", Map.of("slug", slug)).ok().path("vendor").path("names");
        List<String> kinds = new ArrayList<>();
        names.forEach(n -> {
            if (n.path("name").asString().equals(query)) {
                kinds.add(n.path("kind").asString());
            }
        });
        assertThat(kinds).contains(kindAmongNames).contains(top.path("matchedKind").asString());
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
        assertThat(search("zartkoruen", 3).path(0).path("vendor").path("slug").asString()).isEqualTo("cytrox-holdings-zrt");
        assertThat(search("ZÁRTKÖRŰEN", 3).path(0).path("vendor").path("slug").asString()).isEqualTo("cytrox-holdings-zrt");
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
        assertThat(exact.path("score").asDouble()).isGreaterThan(prefix.path("score").asDouble());
        assertThat(prefix.path("score").asDouble()).isGreaterThan(fuzzy.path("score").asDouble());
    }

    @Test
    void oneHitPerVendorAndTheLimitHolds() {
        JsonNode hits = search("Ltd", 50);
        List<String> slugs = hits.findValuesAsString("slug");
        assertThat(slugs).doesNotHaveDuplicates();
        assertThat(search("Ltd", 2).size()).isLessThanOrEqualTo(2);
    }
}
