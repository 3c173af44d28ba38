package io.consentflow.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A module benchmark's figures: printed as a table and written to {@code target/bench.json}. */
public final class BenchFigures {

    private BenchFigures() {
    }

    public static void print(Map<String, ?> figures) throws IOException {
        StringBuilder table = new StringBuilder("\n| figure | value |\n|---|---|\n");
        figures.forEach((k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        System.out.println(table);
        Path out = Path.of("target", "bench.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(figures));
    }
}
