package io.consentflow.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Release tool, not a test: records the current schema of every event as the next version under
 * src/main/resources/schema-history when it differs from the latest kept one. Run it from the schemas module when a
 * release changes a schema: {@code java -cp target/classes:target/test-classes:<deps> io.consentflow.schemas.WriteSchemaHistory}.
 */
public final class WriteSchemaHistory {

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/main/resources/" + EventSchemaStore.HISTORY_ROOT);
        for (var type : EventTypes.ALL) {
            Schema current = EventTypes.currentSchema(type);
            List<Schema> kept = EventSchemaStore.readHistory(current.getName());
            boolean unchanged = !kept.isEmpty() && EventSchemaStore.fingerprint(kept.get(kept.size() - 1))
                    == EventSchemaStore.fingerprint(current);
            if (!unchanged) {
                Path file = root.resolve(current.getName()).resolve("v" + (kept.size() + 1) + ".avsc");
                Files.createDirectories(file.getParent());
                Files.writeString(file, current.toString(true) + "\n");
                System.out.println("recorded " + file);
            }
        }
    }
}
