package io.consentflow.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rendered Kustomize trees (base, dev, prod) as fabric8 model objects. Every document goes through fabric8's
 * deserializer (wrong types fail here; unknown fields are reported by {@link UnknownFields}); Strimzi's KafkaTopic
 * (no model class on the classpath) comes back as a {@link GenericKubernetesResource}.
 */
final class Manifests {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final String BASE = "base";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    private final String variant;
    private final List<HasMetadata> resources;

    private Manifests(String variant, List<HasMetadata> resources) {
        this.variant = variant;
        this.resources = resources;
    }

    /** {@code base}, {@code dev} or {@code prod}. */
    static Manifests of(String variant) {
        List<HasMetadata> resources = RENDERED.computeIfAbsent(variant, key -> {
            String directory = BASE.equals(key) ? "k8s/base" : "k8s/overlays/" + key;
            return KustomizeRenderer.render(Repo.path(directory)).stream().map(Manifests::toModel).toList();
        });
        return new Manifests(variant, resources);
    }

    static HasMetadata toModel(Map<String, Object> tree) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(tree), HasMetadata.class);
    }

    String variant() {
        return variant;
    }

    List<HasMetadata> all() {
        return resources;
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return resources.stream().filter(resource -> kind.equals(resource.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    Optional<Deployment> deployment(String name) {
        return ofType(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst();
    }

    ConfigMap configMap(String name) {
        return ofType(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(variant + " has no ConfigMap " + name));
    }

    @Override
    public String toString() {
        return variant;
    }
}
