package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The overlays render, change only what the base defines, and differ where they should. */
class KustomizeOverlayTests {

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everyResourceIsUniqueAndInTheOverlayNamespace(String variant) {
        Manifests manifests = Manifests.of(variant);
        String namespace = "dev".equals(variant) ? "consentflow-dev" : "consentflow";
        Map<String, Long> counts = manifests.all().stream()
                .collect(Collectors.groupingBy(r -> r.getKind() + "/" + r.getMetadata().getName(), Collectors.counting()));
        assertThat(counts).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
        for (HasMetadata resource : manifests.all()) {
            if ("Namespace".equals(resource.getKind())) {
                assertThat(resource.getMetadata().getName()).isEqualTo(namespace);
                assertThat(resource.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce",
                        "restricted");
            } else {
                assertThat(resource.getMetadata().getNamespace()).as(resource.getKind()).isEqualTo(namespace);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everyFieldIsKnownToTheKubernetesModel(String variant) {
        List<String> unknown = Manifests.of(variant).all().stream()
                .flatMap(resource -> UnknownFields.of(resource).stream()
                        .map(field -> resource.getKind() + "/" + resource.getMetadata().getName() + ": " + field))
                .toList();
        assertThat(unknown).as("%s: fields Kubernetes would not know", variant).isEmpty();
    }

    @Test
    void unknownFieldsAreFound() {
        HasMetadata typo = Manifests.toModel(Repo.newYaml().load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers: [{name: app, image: "app:1", readinesProbe: {httpGet: {path: /, port: 80}}}]
                """));
        assertThat(UnknownFields.of(typo)).singleElement().asString().endsWith(".readinesProbe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlaysPatchOnlyResourcesAndContainersTheBaseDefines(String overlay) {
        // the renderer refuses a patch without its target; here: every patch names a base resource
        Set<String> base = Manifests.of("base").all().stream().map(r -> r.getKind() + "/" + r.getMetadata().getName())
                .collect(Collectors.toSet());
        Map<String, Object> kustomization = Repo.yamlDocument(Repo.path("k8s/overlays/" + overlay + "/kustomization.yaml"));
        List<Map<String, Object>> patches = KustomizeRenderer.maps(kustomization.get("patches"));
        assertThat(patches).isNotEmpty();
        for (Map<String, Object> patch : patches) {
            for (Map<String, Object> document : Repo.yamlDocuments(
                    Repo.path("k8s/overlays/" + overlay + "/" + patch.get("path")))) {
                assertThat(base).as("%s patch %s", overlay, patch.get("path"))
                        .contains(KustomizeRenderer.kind(document) + "/" + KustomizeRenderer.name(document));
            }
        }
    }

    @Test
    void devRunsTheSimulatorWithOneReplicaAndProdNeverDoes() {
        Manifests dev = Manifests.of("dev");
        Manifests prod = Manifests.of("prod");
        assertThat(dev.deployment("whatsapp-simulator")).isPresent();
        assertThat(prod.all()).noneMatch(r -> r.getMetadata().getName().contains("simulator"));
        dev.ofType(Deployment.class).forEach(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        assertThat(dev.configMap("consentflow-settings").getData())
                .containsEntry("WHATSAPP_API_BASE_URL", "http://whatsapp-simulator:8089");
    }

    @Test
    void prodTalksToMetaWithReplicationThreeAndReleasedImages() {
        Manifests prod = Manifests.of("prod");
        Map<String, String> settings = prod.configMap("consentflow-settings").getData();
        assertThat(settings).containsEntry("WHATSAPP_API_BASE_URL", "https://graph.facebook.com")
                .containsEntry("KAFKA_REPLICATION_FACTOR", "3").containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .containsEntry("LOG_FORMAT", "ecs");
        assertThat(settings.get("WHATSAPP_PHONE_NUMBER_ID")).isNotBlank();
        for (Deployment deployment : prod.ofType(Deployment.class)) {
            String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            assertThat(image).as("prod image").doesNotContain("SNAPSHOT").startsWith("registry.");
        }
    }

    @Test
    void rendererRefusesAPatchWhoseTargetDoesNotExist(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [app.yaml]
                patches:
                  - path: patch.yaml
                """);
        Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec: {template: {spec: {containers: [{name: app, image: "app:1"}]}}}
                """);
        Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: other}
                spec: {replicas: 3}
                """);
        assertThatThrownBy(() -> KustomizeRenderer.render(dir)).hasMessageContaining("Deployment/other");
        Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec: {template: {spec: {containers: [{name: sidecar, image: "evil:1"}]}}}
                """);
        assertThatThrownBy(() -> KustomizeRenderer.render(dir)).hasMessageContaining("container 'sidecar'");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [app.yaml]\nreplacements: []\n");
        assertThatThrownBy(() -> KustomizeRenderer.render(dir)).hasMessageContaining("'replacements'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void strategicMergeMergesNamedListsAndReplacesOthers() {
        Map<String, Object> base = Repo.newYaml().load("""
                containers:
                  - name: app
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
                    args: [x, y]
                """);
        Map<String, Object> patch = Repo.newYaml().load("""
                containers:
                  - name: app
                    env: [{name: B, value: "3"}, {name: C, value: "4"}, {name: A, $patch: delete}]
                    args: [z]
                """);
        Map<String, Object> merged = StrategicMerge.merge(new LinkedHashMap<>(base), patch);
        Map<String, Object> app = ((List<Map<String, Object>>) merged.get("containers")).get(0);
        assertThat((List<Map<String, Object>>) app.get("env")).extracting(e -> e.get("name") + "=" + e.get("value"))
                .containsExactly("B=3", "C=4");
        assertThat(app.get("args")).isEqualTo(List.of("z"));
    }
}
