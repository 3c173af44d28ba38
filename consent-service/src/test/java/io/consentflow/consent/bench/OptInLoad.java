package io.consentflow.consent.bench;

import io.consentflow.events.SendRequest;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The real path's load: {@code POST /api/v1/opt-ins} from {@code concurrency} clients on a loop of their own, each
 * request a new number from a new client address (the ingress's X-Forwarded-For, trusted from loopback in tests), and
 * a reader on send-requests that notes when each number's confirmation request arrives. A round ends when every
 * request was answered 202 and every confirmation request was read.
 */
final class OptInLoad implements AutoCloseable {

    record Round(double seconds, long[] acceptedMicros, long[] publishedMicros) {
    }

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final LoopResources loops = LoopResources.create("bench-client", 1, true);
    private final ConnectionProvider pool;
    private final HttpClient client;
    private final int concurrency;
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    private final Thread reader;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean reading = true;
    private long sequence = ThreadLocalRandom.current().nextInt(40_000_000);
    private String lastNumber;

    OptInLoad(int port, int concurrency) throws InterruptedException {
        this.concurrency = concurrency;
        this.pool = ConnectionProvider.builder("bench-client").maxConnections(concurrency)
                .pendingAcquireMaxCount(-1).build();
        this.client = HttpClient.create(pool).runOn(loops).baseUrl("http://127.0.0.1:" + port)
                .headers(h -> h.set("Content-Type", "application/json").set("User-Agent", "OptInBenchmark/1.0")
                        .set("Referer", "https://shop.example/newsletter"));
        var consumer = consumerAtEnd(Topics.SEND_REQUESTS.name());
        reader = new Thread(() -> read(consumer), "bench-reader");
        reader.start();
    }

    /** {@code count} opt-ins, {@code concurrency} at a time, until all are answered and all confirmations read. */
    Round round(int count) {
        long first = sequence;
        sequence += count;
        String[] numbers = new String[count];
        long[] started = new long[count];
        long[] accepted = new long[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = String.format("+49151%08d", first + i);
        }
        publishedAt.clear();
        long start = System.nanoTime();
        Flux.range(0, count).flatMap(i -> Mono.defer(() -> {
            started[i] = System.nanoTime();
            return client.headers(h -> h.set("X-Forwarded-For", address(first + i))).post().uri("/api/v1/opt-ins")
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body(numbers[i])
                            .getBytes(StandardCharsets.UTF_8))))
                    .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                    .doOnNext(status -> {
                        accepted[i] = (System.nanoTime() - started[i]) / 1_000;
                        if (status != 202) {
                            failures.incrementAndGet();
                        }
                    });
        }), concurrency).blockLast(PATIENCE);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (publishedAt.size() < count && System.nanoTime() < deadline) {
            sleep();
        }
        double seconds = (publishedAt.values().stream().mapToLong(Long::longValue).max().orElse(start) - start) / 1e9;
        if (failures.get() > 0 || publishedAt.size() < count) {
            throw new IllegalStateException(failures.get() + " requests not answered 202, "
                    + (count - publishedAt.size()) + " confirmations not published");
        }
        long[] published = new long[count];
        for (int i = 0; i < count; i++) {
            published[i] = (publishedAt.get(numbers[i]) - started[i]) / 1_000;
        }
        lastNumber = numbers[count - 1];
        return new Round(seconds, accepted, published);
    }

    String lastNumber() {
        return lastNumber;
    }

    private void read(KafkaConsumer<String, SpecificRecord> consumer) {
        try (consumer) {
            while (reading) {
                for (var record : consumer.poll(Duration.ofMillis(20))) {
                    if (record.value() instanceof SendRequest send && send.getTemplate() != null) {
                        publishedAt.putIfAbsent(send.getTo(), System.nanoTime());
                    }
                }
            }
        }
    }

    private static String body(String number) {
        return "{\"phoneNumber\":\"" + number + "\",\"purposes\":[\"offers\"],\"locale\":\"de\","
                + "\"noticeVersion\":\"2026-11\",\"consentText\":\"" + OptInBenchmark.CONSENT_TEXT + "\","
                + "\"source\":\"WEB_FORM\"}";
    }

    /** A client address of its own per request, so that only the per-number limit could refuse (it never does). */
    private static String address(long n) {
        long a = n + 1;
        return "10." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A consumer of every partition of {@code topic}, positioned at its end. */
    static KafkaConsumer<String, SpecificRecord> consumerAtEnd(String topic) {
        var consumer = new KafkaConsumer<String, SpecificRecord>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new AvroEventDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    @Override
    public void close() throws InterruptedException {
        reading = false;
        reader.join(5_000);
        pool.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }
}
