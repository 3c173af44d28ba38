package io.consentflow.localinfra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2Database whose documents and index keys are stored as BSON ({@link BsonDataTypes}) instead of Java-serialized,
 * under the map names H2Database gives them (so its drop, rename and index removal keep working), and whose
 * collections report their scans to a {@link ScanCensus} when one is given. Stores written before are converted
 * once on open ({@link StoreFormat}).
 */
final class TypedH2Database extends H2Database {

    // H2Database's constructor opens the existing collections before this class's fields are set
    private static final ThreadLocal<Object[]> CONSTRUCTING = new ThreadLocal<>();

    private final MVStore store;
    private final ScanCensus census;

    private TypedH2Database(String name, MVStore store, CursorRegistry cursors, ScanCensus census) {
        super(name, store, cursors);
        this.store = store;
        this.census = census;
    }

    /** {@code census} may be null: scans are then not counted. */
    static TypedH2Database open(String name, MVStore store, CursorRegistry cursors, ScanCensus census) {
        CONSTRUCTING.set(new Object[] {store, census});
        try {
            return new TypedH2Database(name, store, cursors, census);
        } finally {
            CONSTRUCTING.remove();
        }
    }

    private MVStore store() {
        return store != null ? store : (MVStore) CONSTRUCTING.get()[0];
    }

    private ScanCensus census() {
        return store != null ? census : (ScanCensus) CONSTRUCTING.get()[1];
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = store().openMap(StoreFormat.DATA_PREFIX + fullName, StoreFormat.documents());
        MVMap<String, Object> meta = store().openMap("meta." + fullName);
        ScanCensus scans = census();
        return scans == null ? new H2Collection(this, collectionName, options, data, meta, cursorRegistry)
                : new CountedCollection(this, collectionName, options, data, meta, cursorRegistry, scans);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        String mapName = getFullCollectionNamespace(collectionName) + StoreFormat.INDEX_INFIX + indexName;
        return new UniqueIndex(store().openMap(mapName, StoreFormat.keys()), indexName, keys, sparse);
    }

    /** A unique index in one typed map: key values to the document's position (its _id). */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    private static final class CountedCollection extends H2Collection {

        private final ScanCensus census;

        CountedCollection(H2Database database, String name, CollectionOptions options, MVMap<Object, Document> data,
                MVMap<String, Object> meta, CursorRegistry cursors, ScanCensus census) {
            super(database, name, options, data, meta, cursors);
            this.census = census;
        }

        // the collection-scan path: AbstractMongoCollection comes here only when no index can serve the filter
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                int batchSize, Document fieldSelector) {
            census.record(getDatabaseName(), getCollectionName(), query, count());
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
