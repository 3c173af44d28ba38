package io.consentflow.e2e;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * When each simulated phone first received a message, read by one thread from the simulator's delivery log
 * ({@code GET /sim/v1/delivery-log?from=N}) instead of every waiting browser polling its phone's chat: at 200 opt-ins
 * per second with hundreds in flight, per-phone polling every 50 ms made thousands of chat requests a second, and the
 * benchmark loaded the simulator and the machine more than the opt-ins it measured.
 */
final class PhoneDeliveries implements AutoCloseable {

    private static final long POLL_MILLIS = 25;

    private final String simulatorUrl;
    /** digits → the simulator's clock when the first message to that number arrived. */
    private final Map<String, CompletableFuture<Long>> firstDelivery = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile long from;

    PhoneDeliveries(Suite suite) {
        this.simulatorUrl = suite.simulator.baseUrl();
        this.from = readFrom(0, false); // what reached phones before this feed started is not waited for
        poller = new Thread(this::poll, "e2e-phone-deliveries");
        poller.setDaemon(true);
        poller.start();
    }

    /** Completes with the time (simulator's clock) the first message delivered to {@code phone} arrived. */
    CompletableFuture<Long> first(Phone phone) {
        return first(phone.digits());
    }

    private void poll() {
        while (running) {
            try {
                from = readFrom(from, true);
            } catch (RuntimeException e) {
                System.err.println("[deliveries] reading the delivery log failed: " + e);
            }
            ServiceProcess.sleep(POLL_MILLIS);
        }
    }

    /** Reads the log from {@code start} to its end; returns where the next read starts. */
    private long readFrom(long start, boolean record) {
        long at = start;
        while (true) {
            JsonNode page = Http.get(simulatorUrl + "/sim/v1/delivery-log?from=" + at + "&limit=50000", null).json();
            if (record) {
                for (JsonNode delivered : page.path("delivered")) {
                    first(delivered.path("waId").asString()).complete(delivered.path("receivedAtMillis").asLong());
                }
            }
            long next = page.path("next").asLong();
            if (next == at) {
                return at;
            }
            at = next;
        }
    }

    private CompletableFuture<Long> first(String digits) {
        return firstDelivery.computeIfAbsent(digits, d -> new CompletableFuture<>());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }
}
