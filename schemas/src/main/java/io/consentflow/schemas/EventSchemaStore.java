package io.consentflow.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version the suite has ever written, by CRC-64-AVRO fingerprint: the current generated schemas plus
 * the earlier versions kept under {@code schema-history/<Name>/v<N>.avsc}. Readers resolve old writer schemas here,
 * so a record written years ago by an older producer still decodes.
 */
public final class EventSchemaStore implements SchemaStore {

    public static final String HISTORY_ROOT = "schema-history";

    private static final EventSchemaStore INSTANCE = load();

    private final Map<Long, Schema> byFingerprint;
    private final Map<String, List<Schema>> historyByFullName;

    private EventSchemaStore(Map<Long, Schema> byFingerprint, Map<String, List<Schema>> historyByFullName) {
        this.byFingerprint = Collections.unmodifiableMap(byFingerprint);
        this.historyByFullName = Collections.unmodifiableMap(historyByFullName);
    }

    public static EventSchemaStore instance() {
        return INSTANCE;
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** The kept versions of one record type, oldest first (v1, v2, ...); the last one equals the current schema. */
    public List<Schema> history(String fullName) {
        return historyByFullName.getOrDefault(fullName, List.of());
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static EventSchemaStore load() {
        Map<Long, Schema> byFingerprint = new LinkedHashMap<>();
        Map<String, List<Schema>> history = new LinkedHashMap<>();
        for (var type : EventTypes.ALL) {
            Schema current = EventTypes.currentSchema(type);
            byFingerprint.put(fingerprint(current), current);
            List<Schema> versions = readHistory(current.getName());
            versions.forEach(version -> byFingerprint.putIfAbsent(fingerprint(version), version));
            history.put(current.getFullName(), List.copyOf(versions));
        }
        return new EventSchemaStore(byFingerprint, history);
    }

    static List<Schema> readHistory(String simpleName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = HISTORY_ROOT + "/" + simpleName + "/v" + version + ".avsc";
            try (InputStream in = EventSchemaStore.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }
}
