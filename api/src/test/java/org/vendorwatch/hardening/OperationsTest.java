package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;

/** Probes and metrics an operator relies on. */
@IntegrationTest
class OperationsTest {

    @Autowired
    Api api;

    private String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.url(path))).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void probesAndPrometheusMetricsPerOperationAndRefusalCode() throws Exception {
        assertThat(get("/actuator/health/liveness")).contains("UP");
        assertThat(get("/actuator/health/readiness")).contains("UP");
        api.query("query NewsroomProbe { vendors(first: 1) { totalCount } }").ok();
        api.query("{ vendors(first: 0) { totalCount } }");
        String metrics = get("/actuator/prometheus");
        assertThat(metrics)
                .contains("vendorwatch_graphql_request_seconds_count{operation=\"NewsroomProbe\",outcome=\"success\"}");
        assertThat(metrics).contains("vendorwatch_refusals_total{code=\"PAGE_SIZE\"}");
    }
}
