package io.consentflow.localinfra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2Database whose collections report their scans to a {@link ScanCensus}. The maps are named as H2Database names
 * them, so a store written with the census reads back without it and the other way round.
 */
final class CensusH2Database extends H2Database {

    // H2Database's constructor opens the existing collections before this class's fields are set
    private static final ThreadLocal<Object[]> CONSTRUCTING = new ThreadLocal<>();

    private final MVStore store;
    private final ScanCensus census;

    private CensusH2Database(String name, MVStore store, CursorRegistry cursors, ScanCensus census) {
        super(name, store, cursors);
        this.store = store;
        this.census = census;
    }

    static CensusH2Database open(String name, MVStore store, CursorRegistry cursors, ScanCensus census) {
        CONSTRUCTING.set(new Object[] {store, census});
        try {
            return new CensusH2Database(name, store, cursors, census);
        } finally {
            CONSTRUCTING.remove();
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        Object[] constructing = CONSTRUCTING.get();
        MVStore mvStore = store != null ? store : (MVStore) constructing[0];
        ScanCensus scans = census != null ? census : (ScanCensus) constructing[1];
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = mvStore.openMap("databases." + fullName);
        MVMap<String, Object> meta = mvStore.openMap("meta." + fullName);
        return new CountedCollection(this, collectionName, options, data, meta, cursorRegistry, scans);
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
