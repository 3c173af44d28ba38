package io.consentflow.localinfra;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The wire server's file format. Version 2 stores documents and index keys as BSON ({@link BsonDataTypes});
 * version 1 (mongo-java-server's own, before 2026-12-06) Java-serialized them. MVStore does not record a map's
 * data types, so a version-1 map read as version 2 would be garbage: {@link #upgrade} converts a version-1 store
 * once, map by map (read with the old types, removed, written again with the new), and then records the version.
 */
final class StoreFormat {

    static final String DATA_PREFIX = "databases.";
    static final String INDEX_INFIX = "._index_";
    /** Non-unique indexes' maps (since 2026-12-06; rebuilt whenever the store opens, so never converted). */
    static final String SECONDARY_INFIX = "._secondary_";
    private static final String VERSION_MAP = "consentflow.format";
    private static final int VERSION = 2;

    private StoreFormat() {
    }

    static MVMap.Builder<Object, Document> documents() {
        return new MVMap.Builder<Object, Document>().valueType(BsonDataTypes.Documents.INSTANCE);
    }

    static MVMap.Builder<KeyValue, Object> keys() {
        return new MVMap.Builder<KeyValue, Object>().keyType(BsonDataTypes.KeyValues.INSTANCE);
    }

    static MVMap.Builder<KeyValue, Boolean> secondaryEntries() {
        return new MVMap.Builder<KeyValue, Boolean>().keyType(BsonDataTypes.KeyValues.MONGO_ORDER);
    }

    /** Converts a version-1 store to version 2; an empty or version-2 store is left as it is. Returns maps converted. */
    static int upgrade(MVStore store) {
        MVMap<String, Integer> version = store.openMap(VERSION_MAP);
        if (Integer.valueOf(VERSION).equals(version.get("version"))) {
            return 0;
        }
        int converted = 0;
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.contains(INDEX_INFIX)) {
                convert(store, name, keys());
                converted++;
            } else if (name.startsWith(DATA_PREFIX)) {
                convert(store, name, documents());
                converted++;
            }
        }
        version.put("version", VERSION);
        store.commit();
        return converted;
    }

    private static <K, V> void convert(MVStore store, String name, MVMap.Builder<K, V> typed) {
        MVMap<K, V> old = store.openMap(name);
        Map<K, V> entries = new LinkedHashMap<>(old);
        store.removeMap(old);
        MVMap<K, V> fresh = store.openMap(name, typed);
        fresh.putAll(entries);
    }
}
