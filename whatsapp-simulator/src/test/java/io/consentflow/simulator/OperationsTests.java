package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a platform team relies on: probes, metrics, and the phone UI being served. */
class OperationsTests extends SimulatorTestSupport {

    @Test
    void livenessAndReadinessAreUp() {
        Response readiness = get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void prometheusExposesSendAndWebhookMetrics() {
        cloudApi("messages", CloudApiSendTests.template(freshNumber(), "hello_world", "en_US", java.util.List.of()));
        Response metrics = get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("simulator_sends_total");
    }

    @Test
    void openApiDocsDescribeTheControlApi() {
        Response docs = get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/sim/v1/phones")).isTrue();
    }

    @Test
    void phoneUiIsServedAtRoot() {
        Response ui = get("/");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.contentType()).startsWith("text/html");
        assertThat(ui.body()).contains("Simulated phones").contains("/app.js");
        assertThat(get("/app.js").status()).isEqualTo(200);
    }
}
