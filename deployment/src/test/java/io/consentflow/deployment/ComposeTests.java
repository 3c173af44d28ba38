package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** docker-compose.yml: real Kafka (KRaft) and a self-initiating MongoDB replica set, healthy-ordered start, limits. */
class ComposeTests {

    @Test
    void runsTheFourServicesTheSimulatorTheConsoleAndTheInfrastructure() {
        assertThat(ComposeFile.services().keySet()).containsExactlyInAnyOrder("kafka", "kafka-init", "mongodb",
                "consent-service", "messaging-gateway", "retention-service", "audit-service", "whatsapp-simulator",
                "staff-console", "local-auth-server");
    }

    @Test
    void everyLongRunningContainerHasAHealthcheckAndAMemoryLimit() {
        SoftAssertions softly = new SoftAssertions();
        ComposeFile.services().forEach((name, service) -> {
            softly.assertThat(memoryLimit(service)).as("%s memory limit", name).isNotNull();
            if (!"kafka-init".equals(name)) {
                softly.assertThat(service.get("healthcheck")).as("%s healthcheck", name)
                        .asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("test");
            }
        });
        softly.assertAll();
    }

    @Test
    void servicesHealthcheckTheirReadinessProbeAndRunLockedDown() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceContract service : ServiceContract.allDeployables()) {
            Map<String, Object> compose = ComposeFile.service(service.name());
            Map<?, ?> healthcheck = (Map<?, ?>) compose.get("healthcheck");
            softly.assertThat(String.valueOf(healthcheck.get("test"))).as("%s healthcheck", service.name())
                    .contains("http://127.0.0.1:" + service.port() + "/actuator/health/readiness");
            softly.assertThat(compose.get("build")).as("%s is built from the one Dockerfile", service.name())
                    .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("context", ".")
                    .containsEntry("dockerfile", "Dockerfile");
            softly.assertThat(compose.get("read_only")).as("%s read-only root", service.name()).isEqualTo(true);
            softly.assertThat(compose.get("cap_drop")).as("%s cap_drop", service.name()).isEqualTo(List.of("ALL"));
            softly.assertThat((List<?>) compose.get("ports")).as("%s publishes on localhost only", service.name())
                    .allSatisfy(port -> assertThat(String.valueOf(port)).startsWith("127.0.0.1:"));
        }
        softly.assertAll();
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesStartOnlyAfterKafkaAndMongoDbAreHealthy() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceContract service : ServiceContract.SERVICES) {
            Map<String, Object> dependsOn = (Map<String, Object>) ComposeFile.service(service.name()).get("depends_on");
            softly.assertThat(dependsOn).as("%s depends_on", service.name())
                    .containsEntry("kafka", Map.of("condition", "service_healthy"))
                    .containsEntry("mongodb", Map.of("condition", "service_healthy"));
            dependsOn.values().forEach(condition -> softly.assertThat((Map<String, Object>) condition)
                    .as("%s waits for a condition, not just a start", service.name()).containsKey("condition"));
        }
        softly.assertThat((Map<String, Object>) ComposeFile.service("messaging-gateway").get("depends_on"))
                .containsEntry("whatsapp-simulator", Map.of("condition", "service_healthy"));
        softly.assertAll();
    }

    @Test
    void kafkaRunsInKraftModeWithoutAutoTopicCreation() {
        Map<String, String> kafka = ComposeFile.environment("kafka");
        assertThat(ComposeFile.service("kafka").get("image")).asString().startsWith("apache/kafka:");
        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false").containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS");
        assertThat(kafka.keySet()).noneMatch(key -> key.contains("ZOOKEEPER"));
        // a KRaft cluster id is 16 bytes, base64url without padding
        assertThat(kafka.get("CLUSTER_ID")).matches("[A-Za-z0-9_-]{22}");
        for (ServiceContract service : ServiceContract.SERVICES) {
            assertThat(ComposeFile.environment(service.name())).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void mongoDbIsAReplicaSetWithAccessControlThatInitiatesItself() {
        Map<String, Object> mongodb = ComposeFile.service("mongodb");
        assertThat(String.valueOf(mongodb.get("image"))).startsWith("mongo:8");
        String entrypoint = String.join(" ", (List<String>) mongodb.get("entrypoint"));
        assertThat(entrypoint).contains("--replSet rs0").contains("--keyFile").contains("docker-entrypoint.sh mongod");
        String healthcheck = String.valueOf(((Map<String, Object>) mongodb.get("healthcheck")).get("test"));
        assertThat(healthcheck).contains("rs.initiate(").contains("rs.status()").contains("isWritablePrimary");
        assertThat((List<String>) mongodb.get("volumes"))
                .contains("./k8s/base/mongodb/create-users.js:/docker-entrypoint-initdb.d/10-create-users.js:ro");
        for (ServiceContract service : ServiceContract.SERVICES) {
            assertThat(ComposeFile.environment(service.name()).get("MONGODB_URI")).as(service.name())
                    .startsWith("mongodb://" + service.name() + ":").contains("@mongodb:27017/")
                    .contains("replicaSet=rs0");
        }
    }

    @Test
    void theEnvFileIsIgnoredAndItsExampleHoldsNoSecretValue() {
        assertThat(Repo.read(".gitignore").lines()).contains(".env");
        SoftAssertions softly = new SoftAssertions();
        for (String line : Repo.read(".env.example").lines().toList()) {
            if (line.matches("[A-Z][A-Z0-9_]*=.*")) {
                String name = line.substring(0, line.indexOf('='));
                if (ServiceContract.isSecretName(name) || name.endsWith("_KEY")) {
                    softly.assertThat(line).as(".env.example leaves %s empty (init-env.sh generates it)", name)
                            .isEqualTo(name + "=");
                }
            }
        }
        softly.assertAll();
    }

    @SuppressWarnings("unchecked")
    private static Object memoryLimit(Map<String, Object> service) {
        if (service.get("mem_limit") != null) {
            return service.get("mem_limit");
        }
        if (service.get("deploy") instanceof Map<?, ?> deploy && deploy.get("resources") instanceof Map<?, ?> resources
                && resources.get("limits") instanceof Map<?, ?> limits) {
            return ((Map<String, Object>) limits).get("memory");
        }
        return null;
    }
}
