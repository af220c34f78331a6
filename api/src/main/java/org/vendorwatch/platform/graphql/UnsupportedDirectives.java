package org.vendorwatch.platform.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLNamedType;
import graphql.schema.idl.SchemaPrinter;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Directives graphql-java puts in every schema although this API does not implement them: {@code @defer}
 * (incremental delivery) and {@code @experimental_disableErrorPropagation}. They are not advertised,
 * neither in introspection nor in the SDL at {@code /graphql/schema}, and a document that uses them is
 * refused ({@code QueryLimits}) rather than silently answered in one piece.
 */
@Configuration(proxyBeanMethods = false)
public class UnsupportedDirectives {

    /** Directive names the schema holds but the API does not implement. */
    public static final Set<String> NAMES = Set.of("defer", "stream", "experimental_disableErrorPropagation");

    /** Leaves them out of {@code __schema { directives }}. */
    @Bean
    SimplePerformantInstrumentation hideUnsupportedDirectives() {
        return new SimplePerformantInstrumentation() {
            @Override
            public DataFetcher<?> instrumentDataFetcher(
                    DataFetcher<?> dataFetcher,
                    InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                var env = parameters.getEnvironment();
                if (!"directives".equals(env.getField().getName())
                        || !(env.getParentType() instanceof GraphQLNamedType parent)
                        || !"__Schema".equals(parent.getName())) {
                    return dataFetcher;
                }
                return e -> {
                    Object all = dataFetcher.get(e);
                    return all instanceof List<?> list
                            ? list.stream()
                                    .filter(d -> !(d instanceof GraphQLDirective directive
                                            && NAMES.contains(directive.getName())))
                                    .toList()
                            : all;
                };
            }
        };
    }

    /** The SDL as a file, without them (instead of Spring Boot's printer, which prints every directive). */
    @Bean
    RouterFunction<ServerResponse> schemaFile(GraphQlSource source) {
        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
                .includeDirectives(name -> !NAMES.contains(name))
                .includeDirectiveDefinition(name -> !NAMES.contains(name)));
        return RouterFunctions.route(
                RequestPredicates.GET("/graphql/schema"),
                request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_PLAIN)
                        .header("Cache-Control", "public, max-age=300")
                        .body(printer.print(source.schema())));
    }
}
