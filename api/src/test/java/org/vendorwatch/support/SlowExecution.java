package org.vendorwatch.support;

import graphql.execution.instrumentation.ExecutionStrategyInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Makes every execution slow, as a slow database would: it holds the execution's own thread for 1 s
 * once the operation is known and before any field runs. Tests pair it with a limit far below 1 s,
 * so their outcome does not depend on how fast the machine is.
 */
@TestConfiguration
public class SlowExecution {

    @Bean
    Instrumentation slowExecution() {
        return new Instrumentation() {
            @Override
            public ExecutionStrategyInstrumentationContext beginExecutionStrategy(
                    InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        };
    }
}
