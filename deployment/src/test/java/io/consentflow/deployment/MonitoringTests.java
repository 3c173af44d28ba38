package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prometheus scrapes every service (ServiceMonitors), the alert rules and the Grafana dashboard read only series the
 * services publish (checked against the meter names in the code, {@link MetricNames}), and the alerts the platform
 * team needs exist: overdue erasures, dead letters, consent-view lag, the Cloud API breaker, audit verification,
 * STOP-to-gate latency and send failures by code.
 */
class MonitoringTests {

    private static final Set<String> REQUIRED_ALERTS = Set.of("ConsentFlowErasureOverdue", "ConsentFlowDeadLetters",
            "ConsentFlowConsentViewLag", "ConsentFlowCloudApiCircuitOpen", "ConsentFlowAuditVerificationFailed",
            "ConsentFlowStopToGateSlow", "ConsentFlowSendFailures");
    private static final List<String> DASHBOARD_SUBJECTS = List.of("Sends", "Blocks by reason", "STOPs", "Opt-ins",
            "Erasures");

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everyServiceIsScrapedOnItsMetricsEndpoint(String variant) {
        Manifests manifests = Manifests.of(variant);
        SoftAssertions softly = new SoftAssertions();
        for (ServiceContract contract : ServiceContract.SERVICES) {
            Service service = manifests.ofType(Service.class).stream()
                    .filter(s -> s.getMetadata().getName().equals(contract.name())).findFirst().orElseThrow();
            List<GenericKubernetesResource> monitors = manifests.ofKind("ServiceMonitor").stream()
                    .filter(monitor -> selects(map(spec(monitor).get("selector")).get("matchLabels"),
                            service.getMetadata().getLabels())).toList();
            softly.assertThat(monitors).as("%s: ServiceMonitors of %s", variant, contract.name()).hasSize(1);
            for (GenericKubernetesResource monitor : monitors) {
                Set<String> ports = new TreeSet<>();
                service.getSpec().getPorts().forEach(port -> ports.add(port.getName()));
                for (Object endpoint : (List<?>) spec(monitor).get("endpoints")) {
                    softly.assertThat(ports).as("%s %s scrapes a port of the Service", variant, contract.name())
                            .contains((String) map(endpoint).get("port"));
                    softly.assertThat(map(endpoint).get("path")).isEqualTo("/actuator/prometheus");
                }
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void theAlertRulesCoverWhatMustNotGoUnnoticedAndReadOnlyPublishedSeries(String variant) {
        Map<String, String> alerts = alerts(Manifests.of(variant));
        assertThat(alerts.keySet()).as(variant).containsAll(REQUIRED_ALERTS);
        Set<String> published = MetricNames.published();
        SoftAssertions softly = new SoftAssertions();
        alerts.forEach((alert, expression) -> {
            Set<String> read = MetricNames.readBy(expression);
            softly.assertThat(read).as("%s reads a metric", alert).isNotEmpty();
            softly.assertThat(published).as("%s reads only published series: %s", alert, read).containsAll(read);
            checkLabelValues(softly, alert, expression);
        });
        softly.assertAll();
    }

    @Test
    void theDashboardShowsSendsBlocksStopsOptInsAndErasuresFromPublishedSeries() {
        ConfigMap dashboard = Manifests.of("prod").configMap("consentflow-grafana-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        Map<String, Object> json = map(Repo.newYaml().load(dashboard.getData().get("consentflow-dashboard.json")));
        List<String> titles = new ArrayList<>();
        Set<String> published = MetricNames.published();
        SoftAssertions softly = new SoftAssertions();
        for (Object panel : (List<?>) json.get("panels")) {
            String title = (String) map(panel).get("title");
            titles.add(title);
            for (Object target : (List<?>) map(panel).get("targets")) {
                String expression = (String) map(target).get("expr");
                Set<String> read = MetricNames.readBy(expression);
                softly.assertThat(read).as("panel %s", title).isNotEmpty();
                softly.assertThat(published).as("panel %s reads only published series: %s", title, read)
                        .containsAll(read);
                checkLabelValues(softly, title, expression);
            }
        }
        softly.assertAll();
        for (String subject : DASHBOARD_SUBJECTS) {
            assertThat(titles).as("a panel for %s", subject).anyMatch(title -> title.startsWith(subject));
        }
    }

    /** The check itself can fail: a misspelt or invented series is reported, functions and labels are not. */
    @Test
    void theMetricCheckSeesMisspeltSeriesAndIgnoresFunctionsAndLabels() {
        String expression = "histogram_quantile(0.99, sum by (le, topic) (rate(consentflow_gateway_stop_to_gate_"
                + "seconds_bucket{topic=\"x\"}[5m]))) > 5 and on (pod) consentflow_gateway_send_outcomes_total";
        assertThat(MetricNames.readBy(expression)).containsExactlyInAnyOrder(
                "consentflow_gateway_stop_to_gate_seconds_bucket", "consentflow_gateway_send_outcomes_total");
        assertThat(MetricNames.published()).contains("consentflow_gateway_stop_to_gate_seconds_bucket",
                        "consentflow_gateway_send_outcome_total", "consentflow_retention_overdue",
                        "resilience4j_circuitbreaker_state")
                .doesNotContain("consentflow_gateway_send_outcomes_total");
        assertThat(MetricNames.labelValues("x{type=~\"OptInRequested|OptInConfirmed\",topic=\"a\"}", "type"))
                .containsExactly("OptInConfirmed", "OptInRequested");
    }

    /** Event types and topics named in label matchers exist: a renamed event would silently match nothing. */
    private static void checkLabelValues(SoftAssertions softly, String where, String expression) {
        for (String type : MetricNames.labelValues(expression, "type")) {
            softly.assertThatCode(() -> Class.forName("io.consentflow.events." + type))
                    .as("%s: event type %s", where, type).doesNotThrowAnyException();
        }
        for (String topic : MetricNames.labelValues(expression, "topic")) {
            String source = topic.endsWith(Topics.DLT_SUFFIX)
                    ? topic.substring(0, topic.length() - Topics.DLT_SUFFIX.length()) : topic;
            softly.assertThat(Topics.byName(source)).as("%s: topic %s", where, topic).isPresent();
        }
    }

    private static Map<String, String> alerts(Manifests manifests) {
        Map<String, String> alerts = new TreeMap<>();
        for (GenericKubernetesResource rule : manifests.ofKind("PrometheusRule")) {
            for (Object group : (List<?>) spec(rule).get("groups")) {
                for (Object item : (List<?>) map(group).get("rules")) {
                    Map<String, Object> alert = map(item);
                    String name = (String) alert.get("alert");
                    assertThat(name).as("every rule is an alert").isNotNull();
                    assertThat(map(alert.get("labels")).get("severity")).as(name).isIn("warning", "critical");
                    assertThat(map(alert.get("annotations"))).as(name).containsKeys("summary", "description");
                    assertThat(alerts.put(name, (String) alert.get("expr"))).as("%s defined once", name).isNull();
                }
            }
        }
        return alerts;
    }

    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return map(resource.getAdditionalProperties().get("spec"));
    }

    private static boolean selects(Object matchLabels, Map<String, String> labels) {
        return labels != null && map(matchLabels).entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
