package org.vendorwatch.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each limit on a small schema: a document at the limit runs, one past it is refused with the limit's code. */
class QueryLimitsTest {

    private static final String SDL = """
            type Query { node(first: Int, ids: [ID!]): Node }
            type Node { id: ID! child(first: Int): Node }
            """;

    private static final LimitsProperties LIMITS = new LimitsProperties(
            50,
            4,
            2,
            2,
            10,
            2000,
            5000,
            65536,
            3,
            Duration.ofSeconds(10),
            Duration.ofSeconds(9),
            20,
            Duration.ofSeconds(60),
            new LimitsProperties.Rate(false, 50, 1000, 200, 5000, List.of()));

    private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator()
                    .makeExecutableSchema(
                            new SchemaParser().parse(SDL),
                            RuntimeWiring.newRuntimeWiring().build()))
            .instrumentation(new QueryLimits(LIMITS))
            .build();

    private String code(String query, Map<String, Object> variables) {
        ExecutionResult r = graphQl.execute(
                ExecutionInput.newExecutionInput(query).variables(variables).build());
        return r.getErrors().isEmpty()
                ? null
                : String.valueOf(r.getErrors().getFirst().getExtensions().get("code"));
    }

    private String code(String query) {
        return code(query, Map.of());
    }

    @Test
    void depth() {
        assertThat(code("{ node { child { child { id } } } }")).isNull(); // 4 levels
        assertThat(code("{ node { child { child { child { id } } } } }")).isEqualTo("QUERY_TOO_DEEP");
    }

    @Test
    void aliasesFieldsAndDirectives() {
        assertThat(code("{ a: node { id } b: node { id } }")).isNull();
        assertThat(code("{ a: node { id } b: node { id } c: node { id } }")).isEqualTo("TOO_MANY_ALIASES");
        assertThat(code("{ node { id id id id id id id id id } }")).isNull(); // 10 fields
        assertThat(code("{ node { id id id id id id id id id id } }")).isEqualTo("TOO_MANY_FIELDS");
        assertThat(code("{ node { id @include(if: true) child @skip(if: false) { id } } }"))
                .isNull();
        assertThat(code("{ node { id @include(if: true) child @skip(if: false) { id @include(if: true) } } }"))
                .isEqualTo("TOO_MANY_DIRECTIVES");
    }

    @Test
    void inputListsInTheDocumentAndInVariables() {
        assertThat(code("{ node(ids: [\"1\", \"2\", \"3\"]) { id } }")).isNull();
        assertThat(code("{ node(ids: [\"1\", \"2\", \"3\", \"4\"]) { id } }")).isEqualTo("INPUT_LIST_TOO_LONG");
        String q = "query($ids: [ID!]) { node(ids: $ids) { id } }";
        assertThat(code(q, Map.of("ids", List.of("1", "2", "3")))).isNull();
        assertThat(code(q, Map.of("ids", List.of("1", "2", "3", "4")))).isEqualTo("INPUT_LIST_TOO_LONG");
    }

    @Test
    void estimatedNodesMultiplyPageSizes() {
        // node (1) + child (1) + the id of each of its 48 children (48) = 50, the limit; first: 49 makes 51
        assertThat(code("{ node { child(first: 48) { id } } }")).isNull();
        assertThat(code("{ node { child(first: 49) { id } } }")).isEqualTo("QUERY_TOO_LARGE");
    }
}
