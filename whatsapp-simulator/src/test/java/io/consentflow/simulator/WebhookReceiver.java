package io.consentflow.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A real HTTP webhook receiver (the JDK's HttpServer), standing in for the gateway: records every request with its
 * raw bytes and can be told to fail or stall the next requests.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request; {@code answered} is the status the receiver replied with. */
    public record Received(byte[] body, String signature, String contentType, int answered, Instant at) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile String failMarker = "";
    private final AtomicLong stallMillis = new AtomicLong();
    private volatile String holdMarker = null;
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/webhooks/whatsapp", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            sleep(stallMillis.get());
            String marker = holdMarker;
            if (marker != null && new String(body, StandardCharsets.UTF_8).contains(marker)) {
                awaitRelease();
            }
            boolean targeted = new String(body, StandardCharsets.UTF_8).contains(failMarker);
            int status = targeted && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), status, Instant.now()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/whatsapp";
    }

    /**
     * The next {@code n} requests whose body contains {@code marker} are answered 500. Targeted, so a late
     * webhook of an earlier test cannot use up the failures.
     */
    public void failNext(String marker, int n) {
        failMarker = marker;
        failNext.set(n);
    }

    /** Requests whose body contains {@code marker} are not answered until {@link #release()}. */
    public void hold(String marker) {
        held = new java.util.concurrent.CountDownLatch(1);
        holdMarker = marker;
    }

    public void release() {
        holdMarker = null;
        held.countDown();
    }

    private void awaitRelease() {
        try {
            held.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every request is answered only after this delay (0 to stop stalling). */
    public void stall(Duration delay) {
        stallMillis.set(delay.toMillis());
    }

    public List<Received> all() {
        return new ArrayList<>(received);
    }

    public List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Waits until at least {@code count} requests containing {@code marker} arrived, and returns them in order. */
    public List<Received> await(String marker, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Received> hits = matching(r -> r.text().contains(marker));
            if (hits.size() >= count) {
                return hits;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " webhooks containing " + marker + " within "
                        + timeout + " but got " + hits.size() + ": " + hits.stream().map(Received::text).toList());
            }
            sleep(20);
        }
    }

    public void reset() {
        received.clear();
        failNext.set(0);
        failMarker = "";
        stallMillis.set(0);
        release();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
