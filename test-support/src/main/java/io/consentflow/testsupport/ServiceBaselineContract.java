package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The foundation every service keeps: probes, metrics, API docs, its topics created from the catalog, and staff
 * endpoints that answer 401 without a token, 401 with a forged or expired one, 403 with the wrong role. A service's
 * test extends it with {@code @SpringBootTest(webEnvironment = RANDOM_PORT) @AutoConfigureWebTestClient
 * @WithTestInfrastructure} and names its own topics and one staff endpoint.
 */
public abstract class ServiceBaselineContract {

    @Autowired
    protected WebTestClient web;

    /** Topics this service must have created, with the catalog's partitions and configs. */
    protected abstract List<TopicSpec> createdTopics();

    /** A GET staff endpoint of this service. */
    protected abstract String staffEndpoint();

    /** A role that may call {@link #staffEndpoint()}, and one that may not. */
    protected abstract String allowedRole();

    protected abstract String forbiddenRole();

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
    void createsItsTopicsWithTheCatalogLayout() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            for (TopicSpec topic : createdTopics()) {
                var description = admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name());
                assertThat(description.partitions()).as(topic.name()).hasSize(topic.partitions());
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                topic.configs().forEach((key, value) -> assertThat(config.get(key).value())
                        .as(topic.name() + " " + key).isEqualTo(value));
            }
        }
    }

    @Test
    void staffEndpointNeedsAValidTokenWithTheRightRole() {
        web.get().uri(staffEndpoint()).exchange().expectStatus().isUnauthorized();
        web.get().uri(staffEndpoint()).headers(h -> h.setBearerAuth(StaffTokens.forRole(forbiddenRole())))
                .exchange().expectStatus().isForbidden();
        String forged = StaffTokens.sign("another-secret-that-is-long-enough-0123456789", StaffTokens.LOCAL_ISSUER,
                List.of(allowedRole()), Duration.ofMinutes(5));
        web.get().uri(staffEndpoint()).headers(h -> h.setBearerAuth(forged)).exchange().expectStatus().isUnauthorized();
        String expired = StaffTokens.sign(StaffTokens.LOCAL_SECRET, StaffTokens.LOCAL_ISSUER, List.of(allowedRole()),
                Duration.ofMinutes(-5));
        web.get().uri(staffEndpoint()).headers(h -> h.setBearerAuth(expired)).exchange().expectStatus().isUnauthorized();
        web.get().uri(staffEndpoint()).headers(h -> h.setBearerAuth(StaffTokens.forRole(allowedRole())))
                .exchange().expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
    }

    @Test
    void anUndeclaredPathIsDeniedEvenToAnAdmin() {
        web.get().uri("/api/v1/not-declared-anywhere").headers(h -> h.setBearerAuth(StaffTokens.forRole("ADMIN")))
                .exchange().expectStatus().isForbidden();
    }
}
