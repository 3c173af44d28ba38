package io.consentflow.localinfra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB wire-protocol server (de.bwaldvogel mongo-java-server) that persists to one H2 MVStore file, for
 * {@code ./run-local.sh}. It is not MongoDB: no transactions, no TTL indexes, no change streams (see
 * docs/architecture.md#infrastructure).
 *
 * <pre>
 * java -cp 'local-infra/target/lib/*:local-infra/target/local-infra-0.1.0-SNAPSHOT.jar' \
 *     io.consentflow.localinfra.LocalMongoServer .local/data/mongo/consentflow.mv [--host 127.0.0.1] [--port 27017]
 * </pre>
 *
 * Prints one line starting with {@value #READY_MARKER} once it accepts connections. On SIGTERM or SIGINT a shutdown
 * hook stops listening, closes the connections and then closes the store, so the file is consistent. MVStore also
 * commits in the background about once a second, so even a SIGKILL loses at most the last second of writes. Every
 * command holds the store version it reads ({@link SnapshotSafeH2Backend}), so a long scan under concurrent writes
 * does not lose the chunks it reads; the test-support wire server runs this class too.
 */
public final class LocalMongoServer implements AutoCloseable {

    public static final String READY_MARKER = "LocalMongoServer ready";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 27017;

    private final Path file;
    private final H2Backend backend;
    private final ScanCensus census;
    private final Path censusReport;
    private final MongoServer server;
    private final InetSocketAddress address;
    private boolean closed;

    private LocalMongoServer(Path file, H2Backend backend, MongoServer server, InetSocketAddress address,
            ScanCensus census, Path censusReport) {
        this.file = file;
        this.backend = backend;
        this.census = census;
        this.censusReport = censusReport;
        this.server = server;
        this.address = address;
    }

    /**
     * Opens (or creates) the store file and binds. Port 0 picks a free port; see {@link #address()}.
     */
    public static LocalMongoServer start(Path file, String host, int port) {
        String report = System.getenv(ScanCensus.ENVIRONMENT);
        return start(file, host, port, DEFAULT_RETENTION_MILLIS, cacheMb(),
                report == null || report.isBlank() ? null : Path.of(report));
    }

    /**
     * At most this many entries per B-tree page (H2's default is 48). MVStore writes a changed page whole, and the
     * suite's writes land on random keys (ids, digests), so nearly every write re-encodes a leaf of documents: with
     * 48 a leaf holds up to 48 of them. With 8 the wire server spent 5.9 ms of CPU per black-box opt-in instead of 7.7
     * (4: 7.1 ms, more pages for the cache to track); docs/performance.md.
     */
    static final int KEYS_PER_PAGE = 8;

    /** H2's default: how long a chunk no longer used is kept before its space may be reused. */
    static final int DEFAULT_RETENTION_MILLIS = 45_000;

    /**
     * A quarter of the heap for MVStore's page cache, at least H2's default of 16 MB. The backend stores documents as
     * serialized objects, so a page read from the file is deserialized again: a scan of 100,000 claims took 10-15 s
     * with 16 MB and 3-6 s with 1.4 GB once cached (load average 30-58; the chaos suite's wire server has 4 GB).
     */
    static int cacheMb() {
        return (int) Math.max(16, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));
    }

    /**
     * As {@link #start(Path, String, int)}, with MVStore's chunk retention time and page cache size (tests shorten
     * both, so that scans outlive the retention and read their pages from the file within seconds).
     */
    static LocalMongoServer start(Path file, String host, int port, int retentionMillis, int cacheMb) {
        return start(file, host, port, retentionMillis, cacheMb, null);
    }

    /** As above; with {@code censusReport}, counts the collection scans and writes them there on close. */
    static LocalMongoServer start(Path file, String host, int port, int retentionMillis, int cacheMb,
            Path censusReport) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + absolute, e);
        }
        // MVStore locks the file: a second server on the same file fails here instead of corrupting it.
        MVStore store = new MVStore.Builder().fileName(absolute.toString()).cacheSize(cacheMb)
                .keysPerPage(KEYS_PER_PAGE)
                .backgroundExceptionHandler((thread, e) -> {
                    System.err.println("LocalMongoServer: the store's background writer failed: " + e);
                    e.printStackTrace();
                }).open();
        store.setRetentionTime(retentionMillis);
        int converted = StoreFormat.upgrade(store);
        if (converted > 0) {
            System.out.println("LocalMongoServer: converted " + converted + " maps of " + absolute
                    + " to the BSON store format");
        }
        ScanCensus census = censusReport == null ? null : new ScanCensus();
        H2Backend backend = SnapshotSafeH2Backend.open(store, census);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new LocalMongoServer(absolute, backend, server, server.getLocalAddress(), census, censusReport);
    }

    /** The store, for tests that look at what is stored. */
    MVStore store() {
        return backend.getMvStore();
    }

    public InetSocketAddress address() {
        return address;
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public Path file() {
        return file;
    }

    /** Stops listening, closes the client connections, then commits and closes the store file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
        } finally {
            backend.close();
            if (census != null) {
                census.writeTo(censusReport);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Path file = null;
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i, "--host");
                case "--port" -> port = parsePort(value(args, ++i, "--port"));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    if (args[i].startsWith("-") || file != null) {
                        System.err.println("unexpected argument: " + args[i]);
                        usage();
                        System.exit(2);
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            usage();
            System.exit(2);
        }

        LocalMongoServer mongo;
        try {
            mongo = start(file, host, port);
        } catch (RuntimeException e) {
            System.err.println("LocalMongoServer failed to start on " + host + ":" + port + " with " + file + ": " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        LocalMongoServer running = mongo;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("LocalMongoServer stopping: closing connections and " + running.file());
            try {
                running.close();
                System.out.println("LocalMongoServer stopped cleanly");
            } finally {
                stopped.countDown();
            }
        }, "local-mongo-shutdown"));

        System.out.println(READY_MARKER + " on " + mongo.connectionString() + " (file " + mongo.file() + ", pid "
                + ProcessHandle.current().pid() + ")");
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            System.err.println("not a port: " + text);
            System.exit(2);
            return -1;
        }
    }

    private static void usage() {
        System.err.println("usage: LocalMongoServer <store-file> [--host " + DEFAULT_HOST + "] [--port "
                + DEFAULT_PORT + "]");
    }
}
