package io.consentflow.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Kubernetes' strategic merge patch the overlays use: maps merge recursively, a null value removes a
 * key, lists of named objects (containers, env, volumes, volumeMounts, ports) merge by {@code name} (an element with
 * {@code $patch: delete} removes its namesake), a list holding the element {@code $patch: replace} replaces the
 * original, and every other list is replaced too. Kubernetes merges a few more list types by their own keys (e.g.
 * topologySpreadConstraints): overlays use {@code $patch: replace} there, and KustomizeRendererMatchesKubectlTests
 * catches any difference from the real Kustomize.
 */
final class StrategicMerge {

    private static final Map<String, String> REPLACE = Map.of("$patch", "replace");

    private StrategicMerge() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object patchValue = entry.getValue();
            Object current = result.get(key);
            if (patchValue == null) {
                result.remove(key);
            } else if (patchValue instanceof List<?> patchList && patchList.contains(REPLACE)) {
                result.put(key, patchList.stream().filter(item -> !REPLACE.equals(item)).toList());
            } else if (patchValue instanceof Map<?, ?> patchMap && current instanceof Map<?, ?> currentMap) {
                result.put(key, merge((Map<String, Object>) currentMap, (Map<String, Object>) patchMap));
            } else if (patchValue instanceof List<?> patchList && current instanceof List<?> currentList
                    && namedObjects(patchList) && namedObjects(currentList)) {
                result.put(key, mergeByName((List<Map<String, Object>>) currentList,
                        (List<Map<String, Object>>) patchList));
            } else {
                result.put(key, patchValue);
            }
        }
        return result;
    }

    private static boolean namedObjects(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.get("name") != null);
    }

    private static List<Map<String, Object>> mergeByName(List<Map<String, Object>> current,
            List<Map<String, Object>> patch) {
        List<Map<String, Object>> result = new ArrayList<>(current);
        for (Map<String, Object> patchItem : patch) {
            Object name = patchItem.get("name");
            int index = indexOf(result, name);
            if ("delete".equals(patchItem.get("$patch"))) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index >= 0) {
                result.set(index, merge(result.get(index), patchItem));
            } else {
                result.add(patchItem);
            }
        }
        return result;
    }

    private static int indexOf(List<Map<String, Object>> items, Object name) {
        for (int i = 0; i < items.size(); i++) {
            if (name.equals(items.get(i).get("name"))) {
                return i;
            }
        }
        return -1;
    }
}
