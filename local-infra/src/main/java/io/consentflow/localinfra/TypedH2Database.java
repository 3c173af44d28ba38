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
import java.util.ArrayList;
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
        return new StoredCollection(this, collectionName, options, data, meta, cursorRegistry, census());
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        String mapName = getFullCollectionNamespace(collectionName) + StoreFormat.INDEX_INFIX + indexName;
        return new UniqueIndex(store().openMap(mapName, StoreFormat.keys()), indexName, keys, sparse);
    }

    /**
     * A non-unique index in one typed map (mongo-java-server would ignore it). Its entries are rebuilt from the
     * documents whenever the store opens (the collection fills an empty index), so a store last written by a version
     * without them, or by one that kept them differently, never answers from stale entries.
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        String mapName = getFullCollectionNamespace(collectionName) + StoreFormat.SECONDARY_INFIX + indexName;
        MVMap<KeyValue, Boolean> entries = store().openMap(mapName, StoreFormat.secondaryEntries());
        if (store == null) {
            entries.clear(); // opening the store (not a createIndex on an open one, which keeps the filled index)
        }
        return new SecondaryIndex(entries, indexName, keys, sparse);
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

    /**
     * A collection whose stored documents are never changed in place. mongo-java-server updates a document by
     * changing the instance its query returned, which for this backend is the one in the map, while H2's
     * serialization thread may be writing a page that holds it: the writer then failed on a
     * ConcurrentModificationException and MVStore closed the store, so every later command failed ("This store is
     * closed"; seen under 16 clients of opt-ins). Every query here hands out copies, so an update changes a copy and
     * puts it back as a new instance, and a reply is encoded from a copy no update can touch. Counts its collection
     * scans into {@code census} when one is given.
     */
    private static final class StoredCollection extends H2Collection {

        private final ScanCensus census;

        StoredCollection(H2Database database, String name, CollectionOptions options, MVMap<Object, Document> data,
                MVMap<String, Object> meta, CursorRegistry cursors, ScanCensus census) {
            super(database, name, options, data, meta, cursors);
            this.census = census;
        }

        // every query's matches pass here (reads, updates, findAndModify, cursors' remaining batches)
        @Override
        protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
            List<Document> copies = new ArrayList<>(matchedDocuments.size());
            for (Document document : matchedDocuments) {
                copies.add(document.cloneDeeply());
            }
            return super.createQueryResult(copies, batchSize);
        }

        // the collection-scan path: AbstractMongoCollection comes here only when no index can serve the filter
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                int batchSize, Document fieldSelector) {
            if (census != null) {
                census.record(getDatabaseName(), getCollectionName(), query, count());
            }
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
