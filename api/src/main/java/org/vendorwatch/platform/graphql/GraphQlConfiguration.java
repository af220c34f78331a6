package org.vendorwatch.platform.graphql;

import graphql.schema.GraphQLObjectType;
import graphql.schema.TypeResolver;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.execution.SchemaReport;

/** Scalars, the Node type resolver, and the schema-mapping report kept for tests and operators. */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    /** Read models are named {@code XxxView}; their GraphQL type is {@code Xxx}. */
    private static final TypeResolver VIEW_TYPE_RESOLVER = env -> {
        String simple = env.getObject().getClass().getSimpleName();
        String type = simple.endsWith("View") ? simple.substring(0, simple.length() - 4) : simple;
        GraphQLObjectType objectType = env.getSchema().getObjectType(type);
        if (objectType == null) {
            throw new IllegalStateException("no GraphQL type for " + simple);
        }
        return objectType;
    };

    private final AtomicReference<SchemaReport> lastReport = new AtomicReference<>();

    @Bean
    RuntimeWiringConfigurer vendorwatchWiring() {
        return wiring -> wiring.scalar(Scalars.DATE)
                .scalar(Scalars.DATE_TIME)
                .scalar(Scalars.JSON_SCALAR)
                .scalar(Scalars.SAFE_INT)
                .type("Node", b -> b.typeResolver(VIEW_TYPE_RESOLVER))
                .type("Hit", b -> b.typeResolver(VIEW_TYPE_RESOLVER));
    }

    @Bean
    GraphQlSourceBuilderCustomizer schemaInspection(
            @org.springframework.beans.factory.annotation.Value("${vendorwatch.graphql.document-cache-mb:32}")
                    int documentCacheMb) {
        // views are named XxxView after their GraphQL type Xxx: tells the inspection so, for interface implementations
        return builder -> builder.inspectSchemaMappings(
                        initializer -> initializer.classNameFunction(type -> type.getName() + "View"), lastReport::set)
                .configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(new DocumentCache(documentCacheMb)));
    }

    /** The schema-mapping inspection of the running schema: unmapped fields, arguments, types. */
    @Bean
    SchemaReportHolder schemaReportHolder() {
        return lastReport::get;
    }

    /** Gives access to the last schema-mapping report. */
    @FunctionalInterface
    public interface SchemaReportHolder {
        SchemaReport report();
    }

    static Map<String, Object> codeExtension(ErrorCode code) {
        return Map.of("code", code.name());
    }
}
