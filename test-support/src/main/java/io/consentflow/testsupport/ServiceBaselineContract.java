package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.TopicSpec;
import io.consentflow.platform.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The foundation every service keeps: probes, metrics, API docs, its topics created from the catalog, and the staff
 * auth matrix over every staff endpoint it maps ({@link StaffAuthMatrix}). A service's test extends it with
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT) @AutoConfigureWebTestClient @WithTestInfrastructure} and names
 * its own topics and its access table.
 */
public abstract class ServiceBaselineContract {

    @Autowired
    protected WebTestClient web;

    @Autowired
    private ApplicationContext context;

    /** Topics this service must have created, with the catalog's partitions and configs. */
    protected abstract List<TopicSpec> createdTopics();

    /**
     * Who may call each staff endpoint, as docs/architecture.md#roles lists it: {@code "METHOD /path/{var}"} (the
     * handler's own path template) to the roles allowed. Must name exactly the endpoints the service maps.
     */
    protected abstract Map<String, Set<Role>> staffAccess();

    /** Values for path variables by name (a well-formed number for {@code {e164}}); others get a placeholder. */
    protected Map<String, String> pathValues() {
        return Map.of();
    }

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
    void theAuthMatrixCoversEveryStaffEndpointTheServiceMaps() {
        assertThat(StaffAuthMatrix.discover(context)).as("staff endpoints mapped by the service")
                .containsExactlyInAnyOrderElementsOf(table().keySet());
    }

    /** Generated: every staff endpoint x {no token, forged, expired, no expiry, wrong issuer, wrong audience,
     * alg none, unknown role, each role}. */
    @TestFactory
    Stream<DynamicTest> staffAuthMatrix() {
        return StaffAuthMatrix.tests(web, table(), pathValues());
    }

    private Map<StaffAuthMatrix.Endpoint, Set<Role>> table() {
        Map<StaffAuthMatrix.Endpoint, Set<Role>> table = new TreeMap<>();
        staffAccess().forEach((key, roles) -> table.put(StaffAuthMatrix.Endpoint.parse(key), roles));
        return table;
    }

    @Test
    void anUndeclaredPathIsDeniedEvenToAnAdmin() {
        web.get().uri("/api/v1/not-declared-anywhere").headers(h -> h.setBearerAuth(StaffTokens.forRole("ADMIN")))
                .exchange().expectStatus().isForbidden();
    }
}
