package org.vendorwatch.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ResultPath;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** How failures outside the client's control are told: with a code, and for a write, what to check. */
class ErrorHandlingTest {

    private final ErrorHandling.Resolver resolver = new ErrorHandling.Resolver();

    private static DataFetchingEnvironment env(OperationDefinition.Operation operation) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .operationDefinition(OperationDefinition.newOperationDefinition()
                        .operation(operation)
                        .build())
                .mergedField(graphql.execution.MergedField.newMergedField(
                                graphql.language.Field.newField("vendor").build())
                        .build())
                .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo()
                        .type(Scalars.GraphQLString)
                        .path(ResultPath.rootPath())
                        .build())
                .build();
    }

    private GraphQLError resolve(Throwable ex, OperationDefinition.Operation operation) {
        return resolver.resolveToSingleError(ex, env(operation));
    }

    @Test
    void aFailedAnswerToAWriteTellsTheEditorToCheckHistoryBeforeRetrying() {
        GraphQLError write = resolve(
                new IllegalStateException("the answer failed after the commit"),
                OperationDefinition.Operation.MUTATION);
        assertThat(write.getExtensions()).containsEntry("code", "INTERNAL_ERROR");
        assertThat(write.getMessage())
                .startsWith("Internal error (id ")
                .contains("may have been saved")
                .contains("history")
                .doesNotContain("after the commit");
        GraphQLError read = resolve(new IllegalStateException("x"), OperationDefinition.Operation.QUERY);
        assertThat(read.getMessage()).doesNotContain("history");
    }

    @Test
    void aPoolWithNoConnectionToGiveIsUnavailableNotAnInternalError() {
        // what Hikari throws when its wait for a connection times out, e.g. while the database restarts
        var exhausted = new DataAccessResourceFailureException(
                "pool",
                new SQLTransientConnectionException(
                        "vendorwatch - Connection is not available, request timed out after 5000ms."));
        GraphQLError read = resolve(exhausted, OperationDefinition.Operation.QUERY);
        assertThat(read.getExtensions()).containsEntry("code", "UNAVAILABLE");
        GraphQLError write = resolve(exhausted, OperationDefinition.Operation.MUTATION);
        assertThat(write.getExtensions()).containsEntry("code", "UNAVAILABLE");
        assertThat(write.getMessage()).contains("check the record's history");
    }
}
