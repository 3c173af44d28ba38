package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.Services;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Strimzi KafkaUsers grant each principal exactly what the Topics catalog says (KafkaAcls), nothing more. */
class KafkaUserTests {

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Set<String>>> deployed(String variant) {
        Map<String, Map<String, Set<String>>> users = new TreeMap<>();
        for (GenericKubernetesResource user : Manifests.of(variant).ofKind("KafkaUser")) {
            assertThat(user.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "consentflow-kafka");
            Map<String, Object> spec = user.get("spec");
            assertThat((Map<String, Object>) spec.get("authentication")).containsEntry("type", "scram-sha-512");
            Map<String, Object> authorization = (Map<String, Object>) spec.get("authorization");
            assertThat(authorization).containsEntry("type", "simple");
            Map<String, Set<String>> resources = new TreeMap<>();
            for (Map<String, Object> acl : (List<Map<String, Object>>) authorization.get("acls")) {
                Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
                assertThat(resource.get("patternType")).as("no prefixes: every resource named").isEqualTo("literal");
                resources.computeIfAbsent(resource.get("type") + ":" + resource.get("name"), r -> new TreeSet<>())
                        .addAll((List<String>) acl.get("operations"));
            }
            users.put(user.getMetadata().getName(), resources);
        }
        return users;
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everyPrincipalHasExactlyTheAclsTheCatalogGives(String variant) {
        assertThat(deployed(variant)).as("k8s/base/kafka-users.yaml differs from the catalog; it should read:%n%s",
                KafkaAcls.yaml()).isEqualTo(KafkaAcls.expected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "prod"})
    void campaignSystemsWriteSendRequestsOnlyAndOnlyConsentServiceWritesConsentState(String variant) {
        var users = deployed(variant);
        assertThat(users.get(Services.CAMPAIGN_SYSTEMS)).containsExactly(
                Map.entry("topic:send-requests", new TreeSet<>(Set.of("Describe", "Write"))));
        users.forEach((principal, resources) -> {
            boolean writesState = resources.getOrDefault("topic:consent-state", Set.of()).contains("Write");
            assertThat(writesState).as(principal).isEqualTo(principal.equals(Services.CONSENT));
        });
    }
}
