package io.consentflow.testsupport;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.consentflow.localinfra.LocalMongoServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Main class of the MongoDB wire server child JVM of {@code CONSENTFLOW_TEST_INFRA=processes}: mongo-java-server on
 * 127.0.0.1, port from the first argument (0 or none: a free one); with a second argument, the H2 (MVStore) backend
 * in that file as {@code ./run-local.sh} runs it ({@link LocalMongoServer}), so a restart keeps the data, else the
 * in-memory backend. Prints {@value #READY_MARKER}{@code <port>}
 * once it accepts connections, then serves until stopped or orphaned. SIGTERM stops it gracefully: the server stops
 * listening, then the store commits and closes its file (a SIGKILL loses the writes of the last commit interval,
 * acknowledged or not). Internal to test-support; public only because the {@code java} launcher needs it.
 */
public final class WireServerProcess {

    static final String READY_MARKER = "consentflow wire server ready on port ";

    private WireServerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        ParentWatchdog.start();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        AutoCloseable running;
        int bound;
        if (args.length > 1) {
            // the store as ./run-local.sh opens it: every command pinned to the store version it reads
            LocalMongoServer durable = LocalMongoServer.start(Path.of(args[1]), "127.0.0.1", port);
            running = durable;
            bound = durable.address().getPort();
        } else {
            MongoBackend backend = new MemoryBackend();
            MongoServer server = new MongoServer(backend);
            server.bind("127.0.0.1", port);
            running = () -> {
                try {
                    server.shutdown();
                } finally {
                    backend.close();
                }
            };
            bound = server.getLocalAddress().getPort();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                throw new IllegalStateException("the wire server did not stop cleanly", e);
            }
        }, "wire-server-shutdown"));
        System.out.println(READY_MARKER + bound);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
