package io.consentflow.localinfra;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with every command pinned to the store version it reads. The backend iterates
 * H2 MVStore maps with plain cursors, which register no version, so MVStore may drop a chunk a running scan still
 * reads once the chunk has been unused for the retention time (45 s) and the background writer or auto-compaction
 * has rewritten its live pages elsewhere; the scan then fails with {@code Chunk … not found}. A collection scan of
 * 100,000 documents on a loaded machine outlived that (the chaos suite's full size, 12 minutes after a restart).
 * Registering the version for the duration of each request (an OP_MSG command, as every current driver sends,
 * or a legacy query) keeps every chunk it can reach; old chunks are dropped
 * once no command that started before they became unused is still running.
 */
final class SnapshotSafeH2Backend extends H2Backend {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ScanCensus census;

    // H2Backend's constructor opens the databases already in the store before this class's fields are set
    private static final ThreadLocal<ScanCensus> CONSTRUCTING = new ThreadLocal<>();

    private SnapshotSafeH2Backend(MVStore store, ScanCensus census) {
        super(store);
        this.census = census;
    }

    /** {@code census} counts the collection scans; null leaves them uncounted. */
    static SnapshotSafeH2Backend open(MVStore store, ScanCensus census) {
        CONSTRUCTING.set(census);
        try {
            return new SnapshotSafeH2Backend(store, census);
        } finally {
            CONSTRUCTING.remove();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        ScanCensus scans = census != null ? census : CONSTRUCTING.get();
        return TypedH2Database.open(databaseName, getMvStore(), getCursorRegistry(), scans);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return pinned(() -> super.handleQuery(query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (census == null) {
            return pinned(() -> super.handleMessage(message));
        }
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        try {
            return pinned(() -> super.handleMessage(message));
        } finally {
            census.recordCommand(message.getDatabaseName(), message.getDocument(),
                    THREADS.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall);
        }
    }

    private <T> T pinned(Supplier<T> command) {
        MVStore store = getMvStore();
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return command.get();
        } finally {
            store.deregisterVersionUsage(version);
        }
    }
}
