package io.consentflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The series the services publish, as Prometheus names, and the metrics a PromQL expression reads. The suite's own
 * meters are the {@code "consentflow.…"} names in the services' main sources; Resilience4j's are the constants of its
 * Micrometer binding, published only where the code binds them. A name's Prometheus forms follow Micrometer's
 * exposition: dots become underscores, counters end in {@code _total}, timers in {@code _seconds} with
 * {@code _bucket}, {@code _count}, {@code _sum} and {@code _max}.
 */
final class MetricNames {

    private static final List<String> MODULES = List.of("platform", "consent-service", "messaging-gateway",
            "retention-service", "audit-service");
    private static final Pattern METER_LITERAL = Pattern.compile("\"(consentflow(?:\\.[a-z0-9_]+)+)\"");
    private static final List<String> SUFFIXES = List.of("", "_total", "_seconds", "_seconds_bucket",
            "_seconds_count", "_seconds_sum", "_seconds_max", "_bucket", "_count", "_sum", "_max");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "rate", "irate", "increase", "delta", "idelta",
            "deriv", "histogram_quantile", "abs", "absent", "clamp_min", "clamp_max", "ceil", "floor", "round",
            "vector", "scalar", "time", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset", "label_replace", "sort", "sort_desc", "max_over_time", "avg_over_time",
            "min_over_time", "sum_over_time", "last_over_time");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_:.])[A-Za-z_:][A-Za-z0-9_:]*");

    private MetricNames() {
    }

    /** Every Prometheus series name the services can publish under the suite's and Resilience4j's meters. */
    static Set<String> published() {
        Set<String> meters = new TreeSet<>(meterNamesInCode());
        if (sourcesMention("messaging-gateway", "TaggedCircuitBreakerMetrics")) {
            meters.addAll(constants("io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames"));
        }
        if (sourcesMention("messaging-gateway", "TaggedRateLimiterMetrics")) {
            meters.addAll(constants("io.github.resilience4j.micrometer.tagged.RateLimiterMetricNames"));
        }
        Set<String> series = new TreeSet<>();
        for (String meter : meters) {
            String base = meter.replace('.', '_');
            SUFFIXES.forEach(suffix -> series.add(base + suffix));
        }
        return series;
    }

    /** The metric names a PromQL expression reads (not its functions, label names or label values). */
    static Set<String> readBy(String expression) {
        String reduced = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> metrics = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(reduced);
        while (matcher.find()) {
            if (!PROMQL_WORDS.contains(matcher.group())) {
                metrics.add(matcher.group());
            }
        }
        return metrics;
    }

    /** Label matchers of a given label in an expression: {@code type="A"} and {@code type=~"A|B"} give A and B. */
    static Set<String> labelValues(String expression, String label) {
        Set<String> values = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\b" + label + "\\s*=~?\\s*\"([^\"]*)\"").matcher(expression);
        while (matcher.find()) {
            values.addAll(List.of(matcher.group(1).split("\\|")));
        }
        return values;
    }

    static Set<String> meterNamesInCode() {
        Set<String> names = new TreeSet<>();
        for (String module : MODULES) {
            javaSources(module).forEach(file -> {
                Matcher matcher = METER_LITERAL.matcher(Repo.read(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            });
        }
        return names;
    }

    private static boolean sourcesMention(String module, String text) {
        return javaSources(module).stream().anyMatch(file -> Repo.read(file).contains(text));
    }

    private static List<Path> javaSources(String module) {
        Path root = Repo.path(module + "/src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> constants(String className) {
        Set<String> names = new TreeSet<>();
        try {
            for (Field field : Class.forName(className).getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                        && field.getName().startsWith("DEFAULT_")) {
                    names.add((String) field.get(null));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className, e);
        }
        return names;
    }
}
