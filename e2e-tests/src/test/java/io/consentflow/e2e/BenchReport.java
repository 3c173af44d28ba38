package io.consentflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's output: a table on stdout and target/bench.json with the same figures and their definitions. */
final class BenchReport {

    record Figure(String key, Object value, String unit, String definition) {
    }

    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();

    void setting(String key, Object value) {
        settings.put(key, value);
    }

    void figure(String key, Object value, String unit, String definition) {
        figures.add(new Figure(key, value, unit, definition));
    }

    String table() {
        var out = new StringBuilder("\n== ConsentFlow end-to-end benchmark ==\n-- settings (bench-only overrides marked)\n");
        settings.forEach((key, value) -> out.append(String.format("  %-52s %s%n", key, value)));
        out.append("-- figures\n");
        for (Figure figure : figures) {
            out.append(String.format("  %-40s %14s %-8s %s%n", figure.key(), figure.value(), figure.unit(),
                    figure.definition()));
        }
        return out.toString();
    }

    void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "e2e-tests EndToEndBenchmark");
        json.put("settings", settings);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Figure figure : figures) {
            values.put(figure.key(), Map.of("value", figure.value(), "unit", figure.unit(),
                    "definition", figure.definition()));
        }
        json.put("figures", values);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
