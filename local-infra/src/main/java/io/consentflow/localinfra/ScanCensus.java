package io.consentflow.localinfra;

import de.bwaldvogel.mongo.bson.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the wire server's collection scans: mongo-java-server serves a query from an index only when its filter
 * names exactly the fields of a unique index (it keeps no other kind), so any other filter reads every document of
 * the collection, under the collection's lock. A scan costs as much as the collection is large, which is how a
 * store that grows makes every operation slower. The census names each scanned collection with the filter's shape
 * (field names and operators; every value replaced by {@code ?}, so no data reaches the report) and counts scans
 * and documents examined; and it adds up, per command and collection, the commands, their items and the server's
 * CPU and wall time. Enabled with {@code CONSENTFLOW_WIRE_SCAN_CENSUS=<report file>}; written when the server
 * closes (issue 27: profile the store before cutting).
 */
final class ScanCensus {

    static final String ENVIRONMENT = "CONSENTFLOW_WIRE_SCAN_CENSUS";

    private record Counts(LongAdder scans, LongAdder examined) {
    }

    private record Work(LongAdder commands, LongAdder items, LongAdder cpuNanos, LongAdder wallNanos) {
    }

    private final Map<String, Counts> byShape = new ConcurrentHashMap<>();
    private final Map<String, Work> byCommand = new ConcurrentHashMap<>();

    /**
     * One command the server answered: its name and collection (e.g. {@code update consent.subjects}), how many
     * items it carried (documents inserted, updates, deletes), and the CPU and wall time the server spent on it.
     */
    void recordCommand(String database, Document command, long cpuNanos, long wallNanos) {
        String name = command.keySet().iterator().next();
        Object collection = command.get(name);
        String key = name + " " + database + (collection instanceof String c ? "." + c : "");
        Work work = byCommand.computeIfAbsent(key,
                k -> new Work(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()));
        work.commands().increment();
        work.items().add(items(command));
        work.cpuNanos().add(cpuNanos);
        work.wallNanos().add(wallNanos);
    }

    private static int items(Document command) {
        for (String field : List.of("documents", "updates", "deletes")) {
            if (command.get(field) instanceof List<?> list) {
                return list.size();
            }
        }
        return 1;
    }

    void record(String database, String collection, Document filter, int examined) {
        Counts counts = byShape.computeIfAbsent(database + "." + collection + " " + shape(filter),
                key -> new Counts(new LongAdder(), new LongAdder()));
        counts.scans().increment();
        counts.examined().add(examined);
    }

    /** One line per collection and filter shape, most documents examined first. */
    List<String> report() {
        List<Map.Entry<String, Counts>> entries = new ArrayList<>(byShape.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<String, Counts> e) -> e.getValue().examined().sum())
                .reversed());
        List<String> lines = new ArrayList<>();
        lines.add("scans\tdocuments examined\tcollection and filter shape");
        for (Map.Entry<String, Counts> entry : entries) {
            lines.add(entry.getValue().scans().sum() + "\t" + entry.getValue().examined().sum() + "\t"
                    + entry.getKey());
        }
        List<Map.Entry<String, Work>> commands = new ArrayList<>(byCommand.entrySet());
        commands.sort(Comparator.comparingLong((Map.Entry<String, Work> e) -> e.getValue().cpuNanos().sum())
                .reversed());
        lines.add("");
        lines.add("commands\titems\tcpu ms\twall ms\tcommand and collection");
        for (Map.Entry<String, Work> entry : commands) {
            Work work = entry.getValue();
            lines.add(work.commands().sum() + "\t" + work.items().sum() + "\t" + work.cpuNanos().sum() / 1_000_000
                    + "\t" + work.wallNanos().sum() / 1_000_000 + "\t" + entry.getKey());
        }
        return lines;
    }

    void writeTo(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, report());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scan census to " + file, e);
        }
    }

    /** The filter with its values replaced by {@code ?}: field names and operators only. */
    static String shape(Object value) {
        if (value instanceof Document document) {
            StringBuilder shape = new StringBuilder("{");
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (shape.length() > 1) {
                    shape.append(", ");
                }
                shape.append(field.getKey()).append(": ").append(shape(field.getValue()));
            }
            return shape.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[]" : "[" + shape(list.get(0)) + (list.size() > 1 ? ", …]" : "]");
        }
        return "?";
    }
}
