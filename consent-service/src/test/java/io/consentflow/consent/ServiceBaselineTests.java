package io.consentflow.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.StaffTokens;
import io.consentflow.testsupport.TestInfrastructure;
import io.consentflow.testsupport.WithTestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The foundation every service must keep: probes, metrics, API docs, topics from the catalog, staff security. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
class ServiceBaselineTests {

    @Autowired
    WebTestClient web;

    @Test
    void reportsLivenessReadinessAndPrometheusMetrics() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    @Test
    void publishesOpenApiDocs() {
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"openapi\""));
    }

    @Test
    void createsTheTopicsItOwnsWithCatalogLayout() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            for (var topic : List.of(Topics.CONSENT_EVENTS, Topics.CONSENT_STATE, Topics.WHATSAPP_INBOUND.deadLetter())) {
                var description = admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name());
                assertThat(description.partitions()).hasSize(topic.partitions());
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                topic.configs().forEach((key, value) -> assertThat(config.get(key).value())
                        .as(topic.name() + " " + key).isEqualTo(value));
            }
        }
    }

    @Test
    void staffEndpointsNeedATokenWithTheRightRole() {
        String export = "/api/v1/subjects/+4915112345678/export";
        web.get().uri(export).exchange().expectStatus().isUnauthorized();
        web.get().uri(export).headers(h -> h.setBearerAuth(StaffTokens.forRole("MARKETING")))
                .exchange().expectStatus().isForbidden();
        web.get().uri(export).headers(h -> h.setBearerAuth(
                        StaffTokens.sign("another-secret-that-is-long-enough-0123456789", StaffTokens.LOCAL_ISSUER,
                                List.of("DPO"), Duration.ofMinutes(5))))
                .exchange().expectStatus().isUnauthorized();
        web.get().uri(export).headers(h -> h.setBearerAuth(
                        StaffTokens.sign(StaffTokens.LOCAL_SECRET, StaffTokens.LOCAL_ISSUER, List.of("DPO"),
                                Duration.ofMinutes(-5))))
                .exchange().expectStatus().isUnauthorized();
        web.get().uri(export).headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO")))
                .exchange().expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
    }

    @Test
    void anUndeclaredPathIsDeniedEvenWithAToken() {
        web.get().uri("/api/v1/not-declared").headers(h -> h.setBearerAuth(StaffTokens.forRole("ADMIN")))
                .exchange().expectStatus().isForbidden();
    }
}
