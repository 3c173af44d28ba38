package io.consentflow.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's consent view from outside: its public Prometheus endpoint publishes, per partition of consent-state
 * and of whatsapp-inbound (where it reads STOPs before consent-service's snapshot reflects them), the offset up to
 * which records are applied to the view the gate judges by. Sampled every {@link #INTERVAL_MILLIS} ms while a STOP
 * is open (only the changes are kept), so the moment the view held a given record is known without queueing a send
 * request behind a backlog; between STOPs it does not scrape, so the observer costs the gateway as little as it can.
 */
final class ViewOffsets implements AutoCloseable {

    static final long INTERVAL_MILLIS = 20;
    private static final Pattern GAUGE = Pattern.compile(
            "consentflow_gateway_view_applied_offset\\{([^}]*)} (\\S+)");
    private static final Pattern PARTITION = Pattern.compile("partition=\"(\\d+)\"");
    private static final Pattern TOPIC = Pattern.compile("topic=\"([^\"]+)\"");

    /** A change of a partition's applied offset, at the time of the sample that first saw it. */
    private record Sample(long atMillis, long applied) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest request;
    /** "topic/partition" → the changes seen. */
    private final Map<String, List<Sample>> samples = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;
    private final AtomicInteger open = new AtomicInteger();

    ViewOffsets(String gatewayBaseUrl) {
        request = HttpRequest.newBuilder(URI.create(gatewayBaseUrl
                + "/actuator/prometheus?includedNames=consentflow_gateway_view_applied_offset"))
                .timeout(Duration.ofSeconds(2)).build();
        poller = new Thread(this::poll, "e2e-view-offsets");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            long started = System.currentTimeMillis();
            if (open.get() == 0) {
                ServiceProcess.sleep(INTERVAL_MILLIS);
                continue;
            }
            try {
                record(http.send(request, HttpResponse.BodyHandlers.ofString()).body(), started);
            } catch (java.io.IOException e) {
                // a missed sample widens one interval; the next one catches up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ServiceProcess.sleep(Math.max(0, started + INTERVAL_MILLIS - System.currentTimeMillis()));
        }
    }

    private void record(String body, long atMillis) {
        Matcher gauge = GAUGE.matcher(body);
        while (gauge.find()) {
            Matcher partition = PARTITION.matcher(gauge.group(1));
            Matcher topic = TOPIC.matcher(gauge.group(1));
            if (topic.find() && partition.find()) {
                long applied = (long) Double.parseDouble(gauge.group(2));
                List<Sample> history = samples.computeIfAbsent(topic.group(1) + "/" + partition.group(1),
                        p -> new CopyOnWriteArrayList<>());
                if (history.isEmpty() || history.get(history.size() - 1).applied() != applied) {
                    history.add(new Sample(atMillis, applied));
                }
            }
        }
    }

    /**
     * Scrapes a few times before the measured STOPs, so the first one's figure does not include this client's first
     * connection and the endpoint's first use.
     */
    void warmUp(int scrapes) throws java.io.IOException, InterruptedException {
        for (int i = 0; i < scrapes; i++) {
            record(http.send(request, HttpResponse.BodyHandlers.ofString()).body(), System.currentTimeMillis());
            ServiceProcess.sleep(INTERVAL_MILLIS);
        }
    }

    /** A STOP was sent: sample until it is {@link #settled}. */
    void opened() {
        open.incrementAndGet();
    }

    /** The view was seen holding a STOP (or it is given up on). */
    void settled() {
        open.decrementAndGet();
    }

    /** When the first sample showed the view past this record (its start time: an upper bound), or null. */
    Long appliedAt(String topic, int partition, long offset) {
        for (Sample sample : samples.getOrDefault(topic + "/" + partition, List.of())) {
            if (sample.applied() > offset) {
                return sample.atMillis();
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }
}
