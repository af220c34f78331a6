package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import org.vendorwatch.support.Tokens;

/**
 * Every mutation the schema declares, found by walking the schema (so a new one is covered the day it
 * is added), refuses an anonymous caller, a viewer and an editor without a verified e-mail, each with
 * its code, and writes nothing. The input each call sends is a well-typed one built from the schema,
 * so the refusal cannot be a validation error in disguise.
 */
@EditingTest
class MutationAuthorizationTest extends EditingSupport {

    @Autowired
    GraphQlSource graphQlSource;

    record Caller(String name, Supplier<String> token, String code) {}

    static final List<Caller> CALLERS = List.of(
            new Caller("anonymous", () -> null, "UNAUTHORIZED"),
            new Caller("viewer", Tokens::viewer, "FORBIDDEN"),
            new Caller("unverified editor", Tokens::unverifiedEditor, "FORBIDDEN"));

    @TestFactory
    Stream<DynamicTest> everyMutationRefusesEveryoneButAVerifiedEditor() {
        GraphQLSchema schema = graphQlSource.schema();
        List<GraphQLFieldDefinition> mutations = schema.getMutationType().getFieldDefinitions();
        assertThat(mutations).as("the schema's mutations").hasSizeGreaterThanOrEqualTo(39);
        List<DynamicTest> tests = new ArrayList<>();
        for (GraphQLFieldDefinition m : mutations) {
            GraphQLInputType inputType = m.getArgument("input").getType();
            String typeName = ((GraphQLInputObjectType) ((GraphQLNonNull) inputType).getWrappedType()).getName();
            String document =
                    "mutation($input: " + typeName + "!) { " + m.getName() + "(input: $input) { __typename } }";
            Object input = sample(inputType);
            for (Caller caller : CALLERS) {
                tests.add(DynamicTest.dynamicTest(m.getName() + " as " + caller.name(), () -> {
                    String before = fingerprint();
                    Api.Response r = as(caller.token().get(), document, Map.of("input", input));
                    assertThat(r.errorCode()).as(r.body()).isEqualTo(caller.code());
                    assertThat(r.data().path(m.getName()).isNull()
                                    || r.data().path(m.getName()).isMissingNode())
                            .as(r.body())
                            .isTrue();
                    assertThat(fingerprint()).as("nothing written").isEqualTo(before);
                }));
            }
        }
        return tests.stream();
    }

    /** A value of the type with every required field filled: what a well-formed request sends. */
    static Object sample(GraphQLType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return sample(nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            return List.of(sample(list.getWrappedType()));
        }
        if (type instanceof GraphQLEnumType e) {
            return e.getValues().getFirst().getName();
        }
        if (type instanceof GraphQLScalarType s) {
            return switch (s.getName()) {
                case "Int" -> 1;
                case "Float" -> 1.0;
                case "Boolean" -> true;
                case "Date" -> "2021-11-04";
                default -> "x";
            };
        }
        GraphQLInputObjectType object = (GraphQLInputObjectType) type;
        Map<String, Object> out = new LinkedHashMap<>();
        object.getFieldDefinitions().stream()
                .filter(f -> f.getType() instanceof GraphQLNonNull)
                .forEach(f -> out.put(f.getName(), sample(f.getType())));
        return out;
    }
}
