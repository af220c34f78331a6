package org.vendorwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * One id, one type: every id the API hands out (collected from every kind of object the seed has)
 * belongs to a single {@code __typename}, and {@code nodes} answers it with that type, or with null
 * for the types the schema documents as not being nodes. Relay's store keys records by id alone.
 */
@IntegrationTest
class GlobalIdTest {

    static final Set<String> NOT_NODES = Set.of(
            "VendorName",
            "VendorIdentifier",
            "VendorJurisdiction",
            "VendorRelationship",
            "VendorNote",
            "ProductAttribution",
            "AllegationDevelopment",
            "SanctionAuthority",
            "SanctionProgram",
            "AuditEvent",
            "Change",
            "SeedConflict");

    static final String EVERYTHING = """
            {
              vendors(first: 20) { edges { node { __typename id
                names { __typename id } identifiers { __typename id } jurisdictions { __typename id }
                relationships { __typename id } products { __typename id attributions { __typename id } }
                statements { __typename id } notes { __typename id } sources { __typename id }
                sanctionActions(first: 20) { edges { node { __typename id event { __typename id }
                  authority { __typename id } program { __typename id } } } }
                allegations(first: 10) { edges { node { __typename id developments { __typename id } } } }
                history(first: 5) { edges { node { __typename id } } }
              } } }
              recentChanges(first: 20) { edges { node { __typename id } } }
              changes(first: 20) { edges { node { __typename id } } }
              seedConflicts(first: 5) { edges { node { __typename id } } }
            }""";

    @Autowired
    Api api;

    private static void collect(JsonNode node, Map<String, Set<String>> types) {
        if (node.isObject()) {
            if (node.has("id") && node.has("__typename")) {
                types.computeIfAbsent(node.path("id").asString(), k -> new HashSet<>())
                        .add(node.path("__typename").asString());
            }
            node.forEach(child -> collect(child, types));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, types));
        }
    }

    @Test
    void everyIdBelongsToOneTypeAndNodeAnswersItWithThatType() {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        collect(api.query(EVERYTHING).ok(), types);
        Set<String> seen = new HashSet<>();
        types.values().forEach(seen::addAll);
        assertThat(seen)
                .as("the seed shows every kind of object")
                .contains(
                        "Vendor",
                        "VendorName",
                        "VendorJurisdiction",
                        "VendorRelationship",
                        "Product",
                        "ProductAttribution",
                        "VendorStatement",
                        "VendorNote",
                        "Source",
                        "SanctionAction",
                        "SanctionEvent",
                        "SanctionAuthority",
                        "SanctionProgram",
                        "Allegation",
                        "AllegationDevelopment",
                        "AuditEvent",
                        "Change");
        types.forEach((id, t) -> assertThat(t).as("types of id " + id).hasSize(1));

        List<String> ids = new ArrayList<>(types.keySet());
        Map<String, String> answered = new HashMap<>();
        for (int i = 0; i < ids.size(); i += 100) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + 100));
            JsonNode nodes = api.query(
                            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", Map.of("ids", batch))
                    .ok()
                    .path("nodes");
            for (int j = 0; j < batch.size(); j++) {
                answered.put(
                        batch.get(j),
                        nodes.path(j).isNull()
                                ? null
                                : nodes.path(j).path("__typename").asString());
            }
        }
        types.forEach((id, t) -> {
            String type = t.iterator().next();
            if (NOT_NODES.contains(type)) {
                assertThat(answered.get(id))
                        .as(type + " " + id + " is documented as not a node")
                        .isNull();
            } else {
                assertThat(answered.get(id)).as(type + " " + id).isEqualTo(type);
            }
        });
    }
}
