package io.consentflow.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features this repository uses:
 * resources (files and directories), configMapGenerator (files, literals, labels; stable names), strategic-merge
 * patches matched by kind and name, images and namespace. Anything else in a kustomization.yaml is refused, so a new
 * feature cannot be silently ignored by the checks. A patch whose target (or whose container) does not exist is an
 * error: overlays may only change what the base defines.
 */
final class KustomizeRenderer {

    private static final Set<String> SUPPORTED_KEYS = Set.of("apiVersion", "kind", "namespace", "resources", "patches",
            "configMapGenerator", "generatorOptions", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PriorityClass");

    private KustomizeRenderer() {
    }

    static List<Map<String, Object>> render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(directory + " has no kustomization.yaml");
        }
        Map<String, Object> kustomization = Repo.yamlDocument(file);
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw new IllegalStateException(file + ": '" + key + "' is not supported by the test renderer");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (String resource : strings(kustomization.get("resources"))) {
            Path path = directory.resolve(resource).normalize();
            resources.addAll(Files.isDirectory(path) ? render(path) : Repo.yamlDocuments(path));
        }
        resources.addAll(generateConfigMaps(directory, kustomization));
        for (Map<String, Object> patchEntry : maps(kustomization.get("patches"))) {
            if (patchEntry.containsKey("target") || !patchEntry.containsKey("path")) {
                throw new IllegalStateException(file + ": only 'path' patches matched by kind and name are supported");
            }
            Path patchFile = directory.resolve((String) patchEntry.get("path"));
            for (Map<String, Object> patch : Repo.yamlDocuments(patchFile)) {
                applyPatch(resources, patch, Repo.relative(patchFile));
            }
        }
        applyImages(resources, maps(kustomization.get("images")), file);
        if (kustomization.get("namespace") instanceof String namespace) {
            resources.forEach(resource -> setNamespace(resource, namespace));
        }
        return resources;
    }

    static String kind(Map<String, Object> resource) {
        return (String) resource.get("kind");
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> resource) {
        return (String) ((Map<String, Object>) resource.get("metadata")).get("name");
    }

    private static void applyPatch(List<Map<String, Object>> resources, Map<String, Object> patch, String source) {
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            if (kind(resources.get(i)).equals(kind(patch)) && name(resources.get(i)).equals(name(patch))) {
                matches.add(i);
            }
        }
        if (matches.size() != 1) {
            throw new IllegalStateException(source + " patches " + kind(patch) + "/" + name(patch) + ", which the "
                    + "resources define " + matches.size() + " times (must be exactly once)");
        }
        Map<String, Object> target = resources.get(matches.get(0));
        for (String container : containerNames(patch)) {
            if (!containerNames(target).contains(container)) {
                throw new IllegalStateException(source + " patches container '" + container + "' that "
                        + kind(patch) + "/" + name(patch) + " does not have");
            }
        }
        resources.set(matches.get(0), StrategicMerge.merge(target, patch));
    }

    static List<String> containerNames(Map<String, Object> resource) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> container : containers(resource)) {
            names.add((String) container.get("name"));
        }
        return names;
    }

    /** The containers of a workload's pod template (Deployment, Job, ...), or none. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> resource) {
        Object spec = resource.get("spec");
        if (spec instanceof Map<?, ?> specMap && specMap.get("template") instanceof Map<?, ?> template
                && template.get("spec") instanceof Map<?, ?> podSpec) {
            List<Map<String, Object>> containers = new ArrayList<>(maps(podSpec.get("containers")));
            containers.addAll(maps(podSpec.get("initContainers")));
            return containers;
        }
        return List.of();
    }

    private static void applyImages(List<Map<String, Object>> resources, List<Map<String, Object>> images, Path file) {
        for (Map<String, Object> image : images) {
            String name = (String) image.get("name");
            boolean used = false;
            for (Map<String, Object> resource : resources) {
                for (Map<String, Object> container : containers(resource)) {
                    String current = (String) container.get("image");
                    if (imageName(current).equals(name)) {
                        String newName = (String) image.getOrDefault("newName", name);
                        String newTag = image.get("digest") != null ? "@" + image.get("digest")
                                : image.get("newTag") != null ? ":" + image.get("newTag") : tagOf(current);
                        container.put("image", newName + newTag);
                        used = true;
                    }
                }
            }
            if (!used) {
                throw new IllegalStateException(file + ": image '" + name + "' matches no container");
            }
        }
    }

    static String imageName(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at >= 0 ? image.substring(0, at) : image;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String tagOf(String image) {
        return image.substring(imageName(image).length());
    }

    @SuppressWarnings("unchecked")
    private static void setNamespace(Map<String, Object> resource, String namespace) {
        Map<String, Object> metadata = (Map<String, Object>) resource.get("metadata");
        if ("Namespace".equals(kind(resource))) {
            metadata.put("name", namespace);
        } else if (!CLUSTER_SCOPED.contains(kind(resource))) {
            metadata.put("namespace", namespace);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> generateConfigMaps(Path directory, Map<String, Object> kustomization) {
        Map<String, Object> options = kustomization.get("generatorOptions") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
        List<Map<String, Object>> generated = new ArrayList<>();
        for (Map<String, Object> generator : maps(kustomization.get("configMapGenerator"))) {
            if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
                throw new IllegalStateException("the test renderer needs generatorOptions.disableNameSuffixHash: true");
            }
            if (generator.containsKey("behavior") || generator.containsKey("envs")) {
                throw new IllegalStateException("configMapGenerator supports only name, files and literals");
            }
            Map<String, Object> data = new LinkedHashMap<>();
            for (String fileEntry : strings(generator.get("files"))) {
                int equals = fileEntry.indexOf('=');
                String key = equals >= 0 ? fileEntry.substring(0, equals) : Path.of(fileEntry).getFileName().toString();
                data.put(key, Repo.read(directory.resolve(fileEntry.substring(equals + 1))));
            }
            for (String literal : strings(generator.get("literals"))) {
                int equals = literal.indexOf('=');
                data.put(literal.substring(0, equals), literal.substring(equals + 1));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", generator.get("name"));
            Map<String, Object> labels = new LinkedHashMap<>();
            if (options.get("labels") instanceof Map<?, ?> common) {
                labels.putAll((Map<String, Object>) common);
            }
            // a generator's own options (labels only) add to the common ones
            if (generator.get("options") instanceof Map<?, ?> own) {
                if (!own.keySet().equals(Set.of("labels"))) {
                    throw new IllegalStateException("configMapGenerator options support only labels");
                }
                labels.putAll((Map<String, Object>) own.get("labels"));
            }
            if (!labels.isEmpty()) {
                metadata.put("labels", labels);
            }
            Map<String, Object> configMap = new LinkedHashMap<>();
            configMap.put("apiVersion", "v1");
            configMap.put("kind", "ConfigMap");
            configMap.put("metadata", metadata);
            configMap.put("data", data);
            generated.add(configMap);
        }
        return generated;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
