package io.consentflow.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.CountDownLatch;

/**
 * Main class of the MongoDB wire server child JVM of {@code CONSENTFLOW_TEST_INFRA=processes}: mongo-java-server's
 * in-memory backend on 127.0.0.1, port from the first argument (0 or none: a free one). Prints
 * {@value #READY_MARKER}{@code <port>} once it accepts connections, then serves until killed or orphaned.
 * Internal to test-support; public only because the {@code java} launcher needs it.
 */
public final class WireServerProcess {

    static final String READY_MARKER = "consentflow wire server ready on port ";

    private WireServerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        ParentWatchdog.start();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "wire-server-shutdown"));
        System.out.println(READY_MARKER + server.getLocalAddress().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
