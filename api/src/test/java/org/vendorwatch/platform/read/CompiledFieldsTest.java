package org.vendorwatch.platform.read;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.GraphQlSource;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Drift between the two read paths cannot hide. The selection compared here is generated from the
 * schema and the slices' read models, not written by hand: every field any slice declares for the
 * compiled path is selected (nested objects, lists and connections included) for every seeded vendor,
 * and the answer must be byte for byte the data fetchers' answer. Every SDL field of a type the
 * compiled path covers is either declared or on {@link #FIELD_BY_FIELD}: a new field on neither fails
 * here, so it cannot quietly send its queries down the slow path.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=compiled_fields",
            "vendorwatch.limits.rate.enabled=false"
        })
@Import(Api.class)
class CompiledFieldsTest {

    /**
     * Fields of covered types that have no compiled form: a query selecting one runs field by field.
     * Histories, citations and the other Query roots are read by their own slices' queries; the rest
     * are listed with why.
     */
    static final Map<String, Set<String>> FIELD_BY_FIELD = Map.ofEntries(
            Map.entry(
                    "Query",
                    Set.of(
                            "allegations",
                            "changes",
                            "node",
                            "nodes",
                            "seedConflicts",
                            "recentChanges",
                            "auditTrail",
                            "jurisdictions",
                            "releases",
                            "sanctionActions",
                            "sanctionEvents",
                            "sanctionAuthorities",
                            "sanctionPrograms",
                            "search",
                            "searchAll",
                            "sources")),
            Map.entry(
                    "Vendor",
                    Set.of(
                            "foundedCitations",
                            "jurisdictions",
                            "relationships",
                            "products",
                            "sources",
                            "mergedFrom",
                            "history")),
            Map.entry("VendorName", Set.of("history", "citations")),
            Map.entry("VendorIdentifier", Set.of("history", "citations")),
            Map.entry("VendorNote", Set.of("history", "citations")),
            Map.entry("VendorStatement", Set.of("history", "citations")),
            // sources: the action's own citations, then its act's, each list in its own order
            Map.entry("SanctionAction", Set.of("history", "event", "confidenceDetails", "citations", "sources")),
            Map.entry("SanctionAuthority", Set.of("citations")),
            Map.entry("SanctionProgram", Set.of("citations")),
            Map.entry("Allegation", Set.of("history", "vendors", "confidenceDetails", "developments", "citations")),
            Map.entry("Source", Set.of("history")));

    @Autowired
    Api api;

    @Autowired
    CompiledReads compiled;

    @Autowired
    ReadModels models;

    @Autowired
    GraphQlSource graphQl;

    @AfterEach
    void compiledAgain() {
        compiled.setEnabled(true);
    }

    @Test
    void everyFieldOfACoveredTypeIsCompiledOrListed() {
        GraphQLSchema schema = graphQl.schema();
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> declared = models.fields();
        declared.forEach((type, fields) -> {
            GraphQLObjectType t = schema.getObjectType(type);
            if (t == null) {
                problems.add(type + " is declared for the compiled path but is not a type of the schema");
                return;
            }
            Set<String> sdl = new TreeSet<>(t.getFieldDefinitions().stream()
                    .map(GraphQLFieldDefinition::getName)
                    .toList());
            Set<String> listed = FIELD_BY_FIELD.getOrDefault(type, Set.of());
            for (String f : new TreeSet<>(fields)) {
                if (!sdl.contains(f)) {
                    problems.add(type + "." + f + " is declared for the compiled path but is not in the schema");
                }
                if (listed.contains(f)) {
                    problems.add(
                            type + "." + f + " is declared and also listed in FIELD_BY_FIELD: remove it from the list");
                }
            }
            for (String f : sdl) {
                if (!fields.contains(f) && !listed.contains(f)) {
                    problems.add(type + "." + f + " has no compiled form: declare it in its slice's ReadModel, "
                            + "or list it in FIELD_BY_FIELD with why");
                }
            }
            listed.stream()
                    .filter(f -> !sdl.contains(f))
                    .forEach(f -> problems.add(type + "." + f + " is listed but not in the schema"));
        });
        FIELD_BY_FIELD.keySet().stream()
                .filter(t -> !declared.containsKey(t))
                .forEach(t -> problems.add(t + " is listed but no slice declares it for the compiled path"));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyCompiledFieldOfEveryVendorAnswersAsItsDataFetcher() {
        Selections selections = new Selections(graphQl.schema(), models.fields());
        // one query per relation of Vendor: all of them at once select more fields than a document may
        List<String> queries = selections.parts("Vendor").stream()
                .map(part -> "query($slug: String!) { vendor(slug: $slug) " + part + " }")
                .toList();
        BothPaths both = new BothPaths(api, compiled);

        JsonNode all = both.same(
                "{ vendors(first: 100) { totalCount edges { cursor node " + selections.leaves("Vendor") + " } } }",
                Map.of());
        assertThat(all.path("vendors").path("totalCount").asInt())
                .isGreaterThan(10)
                .isLessThanOrEqualTo(100);
        Map<String, Integer> nonEmpty = new java.util.TreeMap<>();
        for (JsonNode edge : all.path("vendors").path("edges")) {
            for (String query : queries) {
                JsonNode v = both.same(
                                query,
                                Map.of("slug", edge.path("node").path("slug").asString()))
                        .path("vendor");
                count(v, "", nonEmpty);
            }
        }
        both.same(queries.getFirst(), Map.of("slug", "no-such-vendor"));

        // every declared field was selected; the seed gives the nested lists real rows to compare
        Set<String> expected = new TreeSet<>();
        models.fields().forEach((type, fields) -> fields.forEach(f -> expected.add(type + "." + f)));
        expected.removeAll(Set.of("Query.vendor", "Query.vendors"));
        assertThat(selections.selected()).containsAll(expected);
        for (String list : List.of(
                "names",
                "identifiers",
                "notes",
                "statements",
                "sanctionActions.edges",
                "allegations.edges",
                "allegations.edges.node.sources",
                "names.sources")) {
            assertThat(nonEmpty.getOrDefault(list, 0))
                    .as("vendors with a non-empty %s", list)
                    .isPositive();
        }
    }

    /** Counts, per path of list fields, the vendors in which that list has rows. */
    private static void count(JsonNode node, String path, Map<String, Integer> out) {
        if (node.isArray()) {
            if (!node.isEmpty()) {
                out.merge(path, 1, Integer::sum);
            }
            Set<String> seen = new java.util.HashSet<>();
            for (JsonNode item : node) {
                collect(item, path, seen);
            }
            seen.forEach(p -> out.merge(p, 1, Integer::sum));
        } else if (node.isObject()) {
            node.properties()
                    .forEach(e -> count(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        }
    }

    /** Non-empty lists nested under one list item (counted once per vendor). */
    private static void collect(JsonNode node, String path, Set<String> seen) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String p = path + "." + e.getKey();
                if (e.getValue().isArray() && !e.getValue().isEmpty()) {
                    seen.add(p);
                    e.getValue().forEach(item -> collect(item, p, seen));
                } else {
                    collect(e.getValue(), p, seen);
                }
            });
        }
    }

    /**
     * Writes the selection of every declared field of a type, recursively. A type already on the path
     * gets its leaves only (a vendor's sanction action's vendor), so the selection is finite; every
     * to-one object is also selected once with its first field alone, the form the compiler answers
     * without a join.
     */
    static final class Selections {

        private final GraphQLSchema schema;
        private final Map<String, Set<String>> declared;
        private final Set<String> selected = new TreeSet<>();

        Selections(GraphQLSchema schema, Map<String, Set<String>> declared) {
            this.schema = schema;
            this.declared = declared;
        }

        Set<String> selected() {
            return selected;
        }

        String leaves(String type) {
            return select(type, null, null);
        }

        /** The type's leaves with each of its relations in turn, in full. */
        List<String> parts(String type) {
            return schema.getObjectType(type).getFieldDefinitions().stream()
                    .filter(f -> declared.getOrDefault(type, Set.of()).contains(f.getName()))
                    .filter(f -> GraphQLTypeUtil.unwrapAll(f.getType()) instanceof GraphQLObjectType)
                    .map(f -> select(type, Set.of(), f.getName()))
                    .toList();
        }

        private String select(String type, Set<String> path) {
            return select(type, path, null);
        }

        /** path null: leaves only; only: of the relations, this one alone (null: all). */
        private String select(String type, Set<String> path, String only) {
            GraphQLObjectType t = schema.getObjectType(type);
            StringBuilder out = new StringBuilder("{ __typename");
            for (GraphQLFieldDefinition f : t.getFieldDefinitions()) {
                if (!declared.getOrDefault(type, Set.of()).contains(f.getName())) {
                    continue;
                }
                GraphQLNamedType target = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(f.getType());
                if (!(target instanceof GraphQLObjectType)) {
                    out.append(' ').append(f.getName());
                    selected.add(type + "." + f.getName());
                    continue;
                }
                if (path == null || only != null && !only.equals(f.getName())) {
                    continue;
                }
                Set<String> inner = new LinkedHashSet<>(path);
                inner.add(type);
                if (target.getName().endsWith("Connection")) {
                    GraphQLObjectType edge = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(((GraphQLObjectType) target)
                            .getFieldDefinition("edges")
                            .getType());
                    String node = ((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(
                                    edge.getFieldDefinition("node").getType()))
                            .getName();
                    out.append(' ')
                            .append(f.getName())
                            .append("(first: 100) { __typename totalCount")
                            .append(" pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }")
                            .append(" edges { __typename cursor node ")
                            .append(select(node, path.contains(node) ? null : inner))
                            .append(" } }");
                } else {
                    String name = target.getName();
                    out.append(' ')
                            .append(f.getName())
                            .append(' ')
                            .append(select(name, path.contains(name) ? null : inner));
                    if (!GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(f.getType()))) {
                        out.append(" key_")
                                .append(f.getName())
                                .append(": ")
                                .append(f.getName())
                                .append(" { ")
                                .append(key(name))
                                .append(" }");
                    }
                }
                selected.add(type + "." + f.getName());
            }
            return out.append(" }").toString();
        }

        /** The field a to-one object is joined by: its code where it has one, else its first leaf. */
        private String key(String type) {
            if (declared.getOrDefault(type, Set.of()).contains("code")) {
                return "code";
            }
            return schema.getObjectType(type).getFieldDefinitions().stream()
                    .filter(f -> declared.getOrDefault(type, Set.of()).contains(f.getName()))
                    .filter(f -> !(GraphQLTypeUtil.unwrapAll(f.getType()) instanceof GraphQLObjectType))
                    .map(GraphQLFieldDefinition::getName)
                    .findFirst()
                    .orElseThrow();
        }
    }
}
