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
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;
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
        MVMap<Object, StoredDocument> data = store().openMap(StoreFormat.DATA_PREFIX + fullName,
                StoreFormat.documents());
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
     * A collection whose map holds each document as its stored bytes ({@link StoredDocument}), so that a page is
     * written without encoding its unchanged documents again, and every read decodes a fresh instance: mongo-java-server
     * updates a document by changing the instance its query returned, which with decoded documents in the map was
     * the stored one, while H2's serialization thread was writing a page holding it (a ConcurrentModificationException
     * in the background writer, then "This store is closed" for every command; seen under 16 clients of opt-ins).
     * Replaces every method of H2Collection that touches the map (H2Collection itself keeps the map only to hand to
     * these). Counts its collection scans into {@code census} when one is given.
     */
    private static final class StoredCollection extends H2Collection {

        private final MVMap<Object, StoredDocument> data;
        private final ScanCensus census;

        @SuppressWarnings({"unchecked", "rawtypes"})
        StoredCollection(H2Database database, String name, CollectionOptions options,
                MVMap<Object, StoredDocument> data, MVMap<String, Object> meta, CursorRegistry cursors,
                ScanCensus census) {
            super(database, name, options, (MVMap) data, meta, cursors);
            this.data = data;
            this.census = census;
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
            if (data.putIfAbsent(Missing.ofNullable(key), StoredDocument.of(document)) != null) {
                throw new IllegalStateException("a document with this key is already in " + getFullName());
            }
            return key;
        }

        @Override
        public int count() {
            return data.size();
        }

        @Override
        public boolean isEmpty() {
            return data.isEmpty();
        }

        @Override
        protected Document getDocument(Object position) {
            StoredDocument stored = data.get(position);
            return stored == null ? null : stored.document();
        }

        @Override
        protected void removeDocument(Object position) {
            if (data.remove(position) == null) {
                throw new NoSuchElementException("no document at this position in " + getFullName());
            }
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return data.entrySet().stream()
                    .map(entry -> new DocumentWithPosition<>(entry.getValue().document(), entry.getKey()));
        }

        // the collection-scan path: AbstractMongoCollection comes here only when no index can serve the filter
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                int batchSize, Document fieldSelector) {
            if (census != null) {
                census.record(getDatabaseName(), getCollectionName(), query, count());
            }
            Stream<Document> documents = isNaturalDescending(orderBy)
                    ? streamAllDocumentsWithPosition()
                            .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                            .map(DocumentWithPosition::getDocument)
                    : data.values().stream().map(StoredDocument::document);
            return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            data.put(Missing.ofNullable(position), StoredDocument.of(newDocument));
        }
    }
}
