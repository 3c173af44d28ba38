package io.consentflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's series the alerts of k8s/base/monitoring read are on /actuator/prometheus, under the names the rules
 * use (the deployment module checks the rules against the meter names in the code; this checks the exposition).
 */
@GatewayTest
class ObservabilityTests {

    @Autowired
    WebTestClient web;

    @Test
    void theAlertsSeriesAreExposed() {
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains("resilience4j_circuitbreaker_state{", "name=\"cloud-api\"", "state=\"open\"")
                        .contains("resilience4j_ratelimiter_available_permissions{")
                        .contains("consentflow_gateway_view_lag{", "topic=\"consent-state\"")
                        .contains("consentflow_gateway_stop_to_gate_seconds_bucket{")
                        .contains("consentflow_gateway_send_blocked_total{",
                                "consentflow_gateway_send_outcome_total{"));
    }
}
