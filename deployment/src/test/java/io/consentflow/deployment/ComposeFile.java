package io.consentflow.deployment;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml as a YAML tree (SnakeYAML resolves the x- anchors and {@code <<} merge keys). */
final class ComposeFile {

    static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?:(:?[?-])([^}]*))?}");

    private static Map<String, Object> tree;

    private ComposeFile() {
    }

    static synchronized Map<String, Object> tree() {
        if (tree == null) {
            tree = Repo.yamlDocument(Repo.path("docker-compose.yml"));
        }
        return tree;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) tree().get("services");
    }

    static Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The service's environment as a map (compose allows a map or a list of NAME=value). */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> result = new java.util.TreeMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> result.put((String) key, value == null ? null : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (String entry : (List<String>) list) {
                int equals = entry.indexOf('=');
                result.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? null : entry.substring(equals + 1));
            }
        }
        return result;
    }

    /** The build arguments of a service built from the repository's Dockerfile (empty when it is not built). */
    static Map<String, String> buildArguments(String name) {
        Map<String, String> result = new java.util.TreeMap<>();
        if (service(name).get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args) {
            args.forEach((key, value) -> result.put(String.valueOf(key), String.valueOf(value)));
        }
        return result;
    }

    /** Variables interpolated from .env anywhere in the file, with the operator used (":?", ":-", "?", "-" or ""). */
    static Map<String, String> interpolations() {
        Map<String, String> found = new java.util.TreeMap<>();
        Matcher matcher = INTERPOLATION.matcher(Repo.read("docker-compose.yml").replace("$$", ""));
        while (matcher.find()) {
            found.put(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
        }
        return found;
    }
}
