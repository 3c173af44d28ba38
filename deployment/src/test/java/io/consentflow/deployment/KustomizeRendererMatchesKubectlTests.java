package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test renderer agrees with the real Kustomize ({@code kubectl kustomize}) on every tree, so the other checks
 * look at what a cluster would receive. Runs where kubectl is installed (developer machines and CI here); elsewhere
 * it is skipped and the other tests still check the renderer's own output.
 */
class KustomizeRendererMatchesKubectlTests {

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void rendersWhatKubectlKustomizeRenders(String directory) throws Exception {
        String kubectl = findOnPath("kubectl");
        assumeTrue(kubectl != null, "kubectl is not installed");
        Process process = new ProcessBuilder(kubectl, "kustomize", Repo.path(directory).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s:%n%s", directory, output).isZero();
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Object document : Repo.newYaml().loadAll(output)) {
            if (document != null) {
                expected.add(cast(document));
            }
        }
        assertThat(byKindAndName(KustomizeRenderer.render(Repo.path(directory))))
                .isEqualTo(byKindAndName(expected));
    }

    private static Map<String, Object> byKindAndName(List<Map<String, Object>> resources) {
        Map<String, Object> normalized = new TreeMap<>();
        for (Map<String, Object> resource : resources) {
            normalized.put(KustomizeRenderer.kind(resource) + "/" + KustomizeRenderer.name(resource), normalize(resource));
        }
        return normalized;
    }

    /** Key order and the order of named list elements do not matter to Kubernetes; everything else does. */
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), normalize(item)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.stream().map(KustomizeRendererMatchesKubectlTests::normalize).toList());
            if (items.stream().allMatch(item -> item instanceof Map<?, ?> m && m.get("name") instanceof String)) {
                items.sort(Comparator.comparing(item -> (String) ((Map<?, ?>) item).get("name")));
            }
            return items;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object document) {
        return new LinkedHashMap<>((Map<String, Object>) document);
    }

    private static String findOnPath(String command) throws IOException {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
