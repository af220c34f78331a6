package org.vendorwatch.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class VendorQueryTest {

    @Autowired
    Api api;

    @Test
    void vendorBySlugCarriesTheSourcedRecordOfTheNov2021EntityListing() {
        JsonNode nso =
                api.document("vendorBySlug", Map.of("slug", "nso-group")).ok().path("vendor");
        assertThat(nso.path("name").asString()).isEqualTo("NSO Group");
        assertThat(nso.path("isSanctioned").asBoolean()).isTrue();
        assertThat(nso.path("names").findValuesAsString("name")).contains("NSO Group Technologies Ltd.", "NSO Group");

        JsonNode action = nso.path("sanctionActions").path("edges").path(0).path("node");
        assertThat(action.path("authority").path("code").asString()).isEqualTo("US_BIS");
        assertThat(action.path("program").path("code").asString()).isEqualTo("US_ENTITY_LIST");
        // announced, published and effective dates are kept apart (the effective date is 4 Nov, not 3 Nov)
        assertThat(action.path("announcedOn").asString()).isEqualTo("2021-11-03");
        assertThat(action.path("publishedOn").asString()).isEqualTo("2021-11-04");
        assertThat(action.path("effectiveOn").asString()).isEqualTo("2021-11-04");
        assertThat(action.path("citation").asString()).isEqualTo("86 FR 60759");
        assertThat(action.path("documentNumber").asString()).isEqualTo("2021-24123");
        assertThat(action.path("licensePolicy").asString()).isEqualTo("Presumption of denial");
        assertThat(action.path("listedName").asString()).isEqualTo("NSO Group");
        assertThat(action.path("reason").asString()).contains("spyware");
        // uncertainty stays visible: the FR page comes from secondary sources only
        assertThat(action.path("confidenceDetails").toString())
                .contains("citation_page")
                .contains("MEDIUM");
        assertThat(action.path("sources").size()).isGreaterThan(0);
        for (JsonNode s : action.path("sources")) {
            assertThat(s.path("title").asString()).isNotBlank();
            assertThat(s.path("kind").asString()).isNotBlank();
        }
        assertThat(action.path("event").path("targets").size()).isEqualTo(4);

        // every name, tie, statement and allegation carries sources
        for (JsonNode n : nso.path("names")) {
            assertThat(n.path("sources").size()).as(n.toString()).isGreaterThan(0);
        }
        for (JsonNode j : nso.path("jurisdictions")) {
            assertThat(j.path("sources").size()).as(j.toString()).isGreaterThan(0);
        }
        JsonNode dismayed = null;
        for (JsonNode s : nso.path("statements")) {
            if (s.path("quote").asString("").contains("dismayed")) {
                dismayed = s;
            }
        }
        assertThat(dismayed).as("NSO's 'dismayed' statement").isNotNull();
        assertThat(dismayed.path("statedOn").asString()).isEqualTo("2021-11-03");
        assertThat(nso.path("allegations").path("totalCount").asInt()).isGreaterThanOrEqualTo(5);
        for (JsonNode e : nso.path("allegations").path("edges")) {
            assertThat(e.path("node").path("sources").size()).isGreaterThan(0);
        }
        assertThat(nso.path("sources").size()).isGreaterThan(10);
    }

    @Test
    void candiruKeepsFoundingYearNamesAndCodename() {
        JsonNode c =
                api.document("vendorBySlug", Map.of("slug", "candiru")).ok().path("vendor");
        assertThat(c.path("foundedYear").asInt()).isEqualTo(2014);
        assertThat(c.path("foundedCitations").path(0).path("aspect").asString()).isEqualTo("founded");
        Map<String, List<String>> kinds = new HashMap<>();
        for (JsonNode n : c.path("names")) {
            kinds.computeIfAbsent(n.path("name").asString(), k -> new ArrayList<>())
                    .add(n.path("kind").asString());
        }
        assertThat(kinds.get("SOURGUM")).containsExactly("INDUSTRY_CODENAME");
        assertThat(kinds.get("Grindavik Solutions Ltd.")).contains("AKA", "FORMER_NAME");
        assertThat(kinds.get("Candiru")).contains("LISTED_NAME");
        JsonNode former = null;
        for (JsonNode n : c.path("names")) {
            if (n.path("kind").asString().equals("FORMER_NAME")
                    && n.path("name").asString().equals("Candiru Ltd.")) {
                former = n;
            }
        }
        assertThat(former.path("validFrom").asString()).isEqualTo("2014-01-01");
        assertThat(former.path("validFromPrecision").asString()).isEqualTo("YEAR");
        assertThat(former.path("confidence").asString()).isEqualTo("LOW");
    }

    @Test
    void unknownSlugIsNullNotAnError() {
        var r = api.document("vendorBySlug", Map.of("slug", "no-such-vendor"));
        assertThat(r.ok().path("vendor").isNull()).isTrue();
    }

    @Test
    void pagingVisitsEveryVendorOnceAcrossPageBoundaries() {
        for (String direction : List.of("ASC", "DESC")) {
            List<String> seen = new ArrayList<>();
            String after = null;
            int total = -1;
            int pages = 0;
            do {
                Map<String, Object> vars = new HashMap<>();
                vars.put("first", 5);
                vars.put("after", after);
                vars.put("orderBy", Map.of("field", "NAME", "direction", direction));
                JsonNode page = api.document("vendorsPage", vars).ok().path("vendors");
                total = page.path("totalCount").asInt();
                page.path("edges")
                        .forEach(e -> seen.add(e.path("node").path("slug").asString()));
                assertThat(page.path("pageInfo").path("hasPreviousPage").asBoolean())
                        .isEqualTo(after != null);
                after = page.path("pageInfo").path("hasNextPage").asBoolean()
                        ? page.path("pageInfo").path("endCursor").asString()
                        : null;
                pages++;
            } while (after != null && pages < 20);
            assertThat(seen).doesNotHaveDuplicates().hasSize(total);
            assertThat(total).isEqualTo(12);
            List<String> sorted = new ArrayList<>(seen);
            sorted.sort(null);
            if (direction.equals("DESC")) {
                sorted = sorted.reversed();
            }
            assertThat(seen).as("sorted by name " + direction).isEqualTo(sorted);
        }
    }

    @Test
    void filtersByJurisdictionSanctionsAndText() {
        assertThat(slugs(Map.of("jurisdictions", List.of("il"), "jurisdictionRoles", List.of("LISTED_ADDRESS"))))
                .containsExactlyInAnyOrder("candiru", "nso-group");
        assertThat(slugs(Map.of("jurisdictions", List.of("MK")))).containsExactly("cytrox-ad");
        assertThat(slugs(Map.of("sanctionAuthorities", List.of("US_OFAC"))))
                .contains("positive-technologies", "intellexa-sa", "aliada-group-inc")
                .doesNotContain("nso-group");
        assertThat(slugs(Map.of("sanctionPrograms", List.of("US_ENTITY_LIST"))))
                .contains("nso-group", "candiru", "coseinc", "positive-technologies", "cytrox-ad");
        assertThat(slugs(Map.of("sanctioned", false)))
                .contains("q-cyber-technologies-ltd", "intellexa-consortium")
                .doesNotContain("nso-group");
        assertThat(slugs(Map.of("sanctioned", true))).contains("nso-group").doesNotContain("q-cyber-technologies-ltd");
        assertThat(slugs(Map.of("text", "saito tech"))).containsExactly("candiru");
        assertThat(slugs(Map.of("text", "ZÁRTKÖRŰEN"))).containsExactly("cytrox-holdings-zrt");
        assertThat(slugs(Map.of("text", "100%_"))).isEmpty();
        assertThat(slugs(Map.of("kinds", List.of("CONSORTIUM")))).containsExactly("intellexa-consortium");
    }

    @Test
    void jurisdictionsListAllIsoCountriesWithCounts() {
        JsonNode all = api.query("{ jurisdictions { code alpha3 name vendorCount } }")
                .ok()
                .path("jurisdictions");
        assertThat(all.size()).isEqualTo(249);
        JsonNode used = api.query("{ jurisdictions(withVendorsOnly: true) { code vendorCount } }")
                .ok()
                .path("jurisdictions");
        Map<String, Integer> counts = new HashMap<>();
        used.forEach(
                j -> counts.put(j.path("code").asString(), j.path("vendorCount").asInt()));
        assertThat(counts).containsEntry("IL", 2).containsEntry("GR", 1).containsEntry("IE", 2);
    }

    @Test
    void listsOfSanctionsAllegationsAndSourcesPageNewestFirst() {
        JsonNode actions = api.query(
                        "{ sanctionActions(first: 100) { totalCount edges { node { targetKind targetName effectiveOn publishedOn announcedOn isActive liftedOn } } } }")
                .ok()
                .path("sanctionActions");
        assertThat(actions.path("totalCount").asInt()).isEqualTo(26);
        JsonNode hamou = null;
        for (JsonNode e : actions.path("edges")) {
            if (e.path("node").path("targetName").asString().contains("Hamou")
                    && !e.path("node").path("liftedOn").isNull()) {
                hamou = e.path("node");
            }
        }
        assertThat(hamou).as("Hamou's designation, lifted on 30 Dec 2025").isNotNull();
        assertThat(hamou.path("targetKind").asString()).isEqualTo("PERSON");
        assertThat(hamou.path("liftedOn").asString()).isEqualTo("2025-12-30");
        assertThat(hamou.path("isActive").asBoolean()).isFalse();

        JsonNode persons = api.query(
                        "{ sanctionActions(first: 100, filter: {targetKind: PERSON, authorities: [\"US_OFAC\"]}) { totalCount } }")
                .ok();
        assertThat(persons.path("sanctionActions").path("totalCount").asInt()).isGreaterThanOrEqualTo(7);

        JsonNode events = api.query(
                        "{ sanctionEvents(first: 100) { totalCount edges { node { actionType summary targets { targetName } } } } }")
                .ok();
        assertThat(events.path("sanctionEvents").path("totalCount").asInt()).isEqualTo(12);

        JsonNode allegations = api.query(
                        "{ allegations(first: 3, filter: {vendorSlug: \"nso-group\"}) { totalCount edges { node { firstReportedOn } } pageInfo { hasNextPage endCursor } } }")
                .ok()
                .path("allegations");
        List<String> dates = allegations.path("edges").findValuesAsString("firstReportedOn");
        assertThat(dates).isSortedAccordingTo((a, b) -> b.compareTo(a));
        String cursor = allegations.path("pageInfo").path("endCursor").asString();
        JsonNode next = api.query(
                        "query($a: String) { allegations(first: 100, after: $a, filter: {vendorSlug: \"nso-group\"}) { edges { node { firstReportedOn } } } }",
                        Map.of("a", cursor))
                .ok()
                .path("allegations");
        assertThat(next.path("edges").size() + 3)
                .isEqualTo(allegations.path("totalCount").asInt());

        JsonNode sources = api.query(
                        "{ sources(first: 100, filter: {kinds: [GOVERNMENT]}) { totalCount edges { node { publisher kind publishedOn } } } }")
                .ok()
                .path("sources");
        assertThat(sources.path("totalCount").asInt()).isGreaterThan(5);
        sources.path("edges")
                .forEach(e -> assertThat(e.path("node").path("kind").asString()).isEqualTo("GOVERNMENT"));
    }

    @Test
    void nodeFetchesEveryTypeByItsGlobalId() {
        JsonNode nso =
                api.document("vendorBySlug", Map.of("slug", "nso-group")).ok().path("vendor");
        List<String> ids = List.of(
                nso.path("id").asString(),
                nso.path("sanctionActions")
                        .path("edges")
                        .path(0)
                        .path("node")
                        .path("id")
                        .asString(),
                nso.path("sanctionActions")
                        .path("edges")
                        .path(0)
                        .path("node")
                        .path("event")
                        .path("id")
                        .asString(),
                nso.path("allegations")
                        .path("edges")
                        .path(0)
                        .path("node")
                        .path("id")
                        .asString(),
                nso.path("statements").path(0).path("id").asString(),
                nso.path("sources").path(0).path("id").asString());
        JsonNode nodes = api.query("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", Map.of("ids", ids))
                .ok()
                .path("nodes");
        assertThat(nodes.findValuesAsString("__typename"))
                .containsExactly(
                        "Vendor", "SanctionAction", "SanctionEvent", "Allegation", "VendorStatement", "Source");
        assertThat(nodes.findValuesAsString("id")).isEqualTo(ids);
        JsonNode one = api.query(
                        "query($id: ID!) { node(id: $id) { ... on Vendor { slug } } }", Map.of("id", ids.getFirst()))
                .ok();
        assertThat(one.path("node").path("slug").asString()).isEqualTo("nso-group");
    }

    private List<String> slugs(Map<String, Object> filter) {
        JsonNode page = api.document("vendorsPage", Map.of("first", 100, "filter", filter))
                .ok()
                .path("vendors");
        List<String> out = new ArrayList<>();
        page.path("edges").forEach(e -> out.add(e.path("node").path("slug").asString()));
        assertThat(page.path("totalCount").asInt()).isEqualTo(out.size());
        return out;
    }
}
