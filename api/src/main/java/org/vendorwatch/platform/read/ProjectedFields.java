package org.vendorwatch.platform.read;

import graphql.schema.DataFetcher;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * The field-by-field path's data fetchers of projected fields: each reads its value from the view's
 * {@link Projected#projected()} map, filled by the same SQL the compiled path writes into its JSON.
 */
@Component
class ProjectedFields implements RuntimeWiringConfigurer {

    private final ReadModels models;

    ProjectedFields(ReadModels models) {
        this.models = models;
    }

    @Override
    public void configure(graphql.schema.idl.RuntimeWiring.Builder wiring) {
        models.projectedFields()
                .forEach((type, fields) -> wiring.type(type, t -> {
                    for (String field : fields) {
                        DataFetcher<Object> fetcher =
                                env -> ((Projected) env.getSource()).projected().get(field);
                        t.dataFetcher(field, fetcher);
                    }
                    return t;
                }));
    }
}
