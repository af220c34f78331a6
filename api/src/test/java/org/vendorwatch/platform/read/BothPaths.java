package org.vendorwatch.platform.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/** Runs a query field by field, then compiled, and asserts the two answers are the same bytes. */
final class BothPaths {

    private final Api api;
    private final CompiledReads compiled;

    BothPaths(Api api, CompiledReads compiled) {
        this.api = api;
        this.compiled = compiled;
    }

    /** The answer's data; fails unless both paths answer alike and the second really was compiled. */
    JsonNode same(String query, Map<String, Object> variables) {
        compiled.setEnabled(false);
        Api.Response fieldByField = api.query(query, variables);
        compiled.setEnabled(true);
        double before = compiledCount();
        Api.Response answer = api.query(query, variables);
        assertThat(compiledCount())
                .as(
                        "took the compiled path: %s -> %s",
                        query, answer.body().length() > 400 ? answer.body().substring(0, 400) : answer.body())
                .isEqualTo(before + 1);
        assertThat(answer.json())
                .as("compiled answer of %s %s", query, variables)
                .isEqualTo(fieldByField.json());
        // byte for byte, too: caches and ETags see one answer whichever path served it
        assertThat(answer.body()).as("compiled body of %s", query).isEqualTo(fieldByField.body());
        assertThat(answer.status()).isEqualTo(fieldByField.status());
        return answer.ok();
    }

    static double compiledCount() {
        var counter = Metrics.globalRegistry
                .find("vendorwatch.read.path")
                .tag("path", "compiled")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
