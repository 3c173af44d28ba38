package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The topics created by docker compose and by Strimzi are exactly the {@link Topics} catalog. */
class TopicCatalogTests {

    private static final int REPLICAS = 3;
    private static final String MIN_INSYNC_REPLICAS = "2";

    /** One topic as deployed: name, partitions and configs (sorted, values as strings). */
    record DeployedTopic(String name, int partitions, Map<String, String> configs) {

        static DeployedTopic of(TopicSpec spec) {
            return new DeployedTopic(spec.name(), spec.partitions(), new TreeMap<>(spec.configs()));
        }

        /** The line docker-compose.yml's kafka-init should hold for this topic. */
        String composeLine() {
            return "create " + name + " " + partitions + configs.entrySet().stream()
                    .map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
        }
    }

    static List<DeployedTopic> catalog() {
        return Topics.allWithDeadLetters().stream().map(DeployedTopic::of).toList();
    }

    @Test
    void catalogHasEveryTopicWithItsDeadLetterTopic() {
        assertThat(catalog()).hasSize(Topics.ALL.size() * 2);
    }

    @Test
    void composeKafkaInitCreatesExactlyTheCatalogTopics() {
        List<DeployedTopic> created = new ArrayList<>();
        for (String line : kafkaInitScript().lines().map(String::strip).toList()) {
            if (line.startsWith("create ")) {
                String[] words = line.split("\\s+");
                Map<String, String> configs = new TreeMap<>();
                Arrays.stream(words).skip(3).forEach(word -> configs.put(word.substring(0, word.indexOf('=')),
                        word.substring(word.indexOf('=') + 1)));
                created.add(new DeployedTopic(words[1], Integer.parseInt(words[2]), configs));
            }
        }
        assertThat(created)
                .as("docker-compose.yml kafka-init lines; expected:%n%s",
                        catalog().stream().map(DeployedTopic::composeLine).collect(Collectors.joining("\n")))
                .containsExactlyInAnyOrderElementsOf(catalog());
    }

    @Test
    void composeKafkaInitRunsOnceAfterKafkaIsHealthyAndServicesWaitForIt() {
        Map<String, Object> kafkaInit = ComposeFile.service("kafka-init");
        assertThat(kafkaInit.get("restart")).isEqualTo("no");
        assertThat(kafkaInit.get("depends_on")).isEqualTo(Map.of("kafka", Map.of("condition", "service_healthy")));
        assertThat(kafkaInitScript()).contains("--if-not-exists").contains("kafka-configs.sh");
        for (ServiceContract service : ServiceContract.SERVICES) {
            assertThat(ComposeFile.service(service.name()).get("depends_on")).as(service.name())
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("kafka-init", Map.of("condition", "service_completed_successfully"));
        }
    }

    @SuppressWarnings("unchecked")
    static String kafkaInitScript() {
        return String.join("\n", (List<String>) ComposeFile.service("kafka-init").get("command"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void strimziKafkaTopicsMatchTheCatalogWithReplicationThreeAndMinInsyncTwo(String variant) {
        List<DeployedTopic> deployed = new ArrayList<>();
        for (GenericKubernetesResource topic : Manifests.of(variant).ofKind("KafkaTopic")) {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "consentflow-kafka");
            Map<String, Object> spec = topic.get("spec");
            String name = (String) spec.getOrDefault("topicName", topic.getMetadata().getName());
            assertThat(((Number) spec.get("replicas")).intValue()).as("%s replicas", name).isEqualTo(REPLICAS);
            Map<String, String> configs = new TreeMap<>();
            ((Map<String, Object>) spec.get("config")).forEach((key, value) -> configs.put(key, String.valueOf(value)));
            assertThat(configs.remove("min.insync.replicas")).as("%s min.insync.replicas", name)
                    .isEqualTo(MIN_INSYNC_REPLICAS);
            deployed.add(new DeployedTopic(name, ((Number) spec.get("partitions")).intValue(), configs));
        }
        assertThat(deployed).as("%s KafkaTopics", variant).containsExactlyInAnyOrderElementsOf(catalog());
    }

    /**
     * Topics.lastCopyGoneWithin counts on the broker's default retention check (5 minutes), and
     * Topics.compactedCopyGoneWithin on its default cleaner back-off (15 s): no broker configuration of the suite may
     * raise them, or the bounds stated in the Art. 30 record and the deletion certificates would lie.
     */
    @Test
    void noBrokerConfigurationChangesTheRetentionCheckTheStatedBoundsCountOn() throws java.io.IOException {
        assertThat(Topics.BROKER_RETENTION_CHECK_INTERVAL).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(Topics.BROKER_CLEANER_BACKOFF).isEqualTo(java.time.Duration.ofSeconds(15));
        List<java.nio.file.Path> files = new ArrayList<>(List.of(Repo.path("docker-compose.yml")));
        try (var k8s = java.nio.file.Files.walk(Repo.path("k8s"))) {
            k8s.filter(java.nio.file.Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (java.nio.file.Path file : files) {
            String text = Repo.read(file).toLowerCase(java.util.Locale.ROOT);
            assertThat(text).as("%s", file).doesNotContain("retention.check.interval")
                    .doesNotContain("retention_check_interval").doesNotContain("cleaner.backoff")
                    .doesNotContain("cleaner_backoff");
        }
    }
}
