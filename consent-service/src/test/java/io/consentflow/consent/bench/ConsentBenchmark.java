package io.consentflow.consent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.app.EventEncoder;
import io.consentflow.consent.app.RateLimiter;
import io.consentflow.consent.domain.ConfirmationMethod;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.OptInSource;
import io.consentflow.consent.domain.Subject;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.SendRequest;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Figures, not assertions on speed: opt-in requests per second end to end (HTTP accepted → confirmation published on
 * send-requests) and the latency from an inbound STOP to the STOPPED record on consent-state (p50/p99).
 */
class ConsentBenchmark extends IntegrationTestSupport {

    private static final int OPT_INS = 600;
    private static final int CONCURRENCY = 16;
    private static final int STOPS = 200;
    private static final int LIMITS = 500;

    @LocalServerPort
    int port;
    private double acceptedPerSecond;
    @Autowired
    ConsentLifecycle lifecycle;
    @Autowired
    EventEncoder encoder;
    @Autowired
    RateLimiter rateLimiter;

    @Test
    void measure() throws Exception {
        double optInsPerSecond = optInThroughput();
        long[] latencies = stopLatencies();
        long p50 = latencies[latencies.length / 2];
        long p99 = latencies[(int) Math.ceil(latencies.length * 0.99) - 1];
        long[] limiter = rateLimitLatencies();
        long limiterP50 = limiter[limiter.length / 2];
        long limiterP99 = limiter[(int) Math.ceil(limiter.length * 0.99) - 1];
        System.out.println("| benchmark                                   | value        |");
        System.out.println("|---------------------------------------------|--------------|");
        System.out.printf("| opt-in requests/s end to end (%d, conc %d) | %8.1f /s  |%n", OPT_INS, CONCURRENCY,
                optInsPerSecond);
        System.out.printf("| opt-in requests/s HTTP 202 only             | %8.1f /s  |%n", acceptedPerSecond);
        System.out.printf("| inbound STOP -> consent-state p50 (%d)      | %8d ms  |%n", STOPS, p50);
        System.out.printf("| inbound STOP -> consent-state p99 (%d)      | %8d ms  |%n", STOPS, p99);
        System.out.printf("| shared rate limit, both keys, p50 (%d)      | %8d us  |%n", LIMITS, limiterP50);
        System.out.printf("| shared rate limit, both keys, p99 (%d)      | %8d us  |%n", LIMITS, limiterP99);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/bench.json"), String.format(java.util.Locale.ROOT,
                "{\"optInRequestsPerSecondEndToEnd\": %.1f, \"optInAcceptedPerSecond\": %.1f, \"optIns\": %d, \"concurrency\": %d,"
                        + " \"stopToConsentStateP50Ms\": %d, \"stopToConsentStateP99Ms\": %d, \"stops\": %d,"
                        + " \"rateLimitAcquireP50Micros\": %d, \"rateLimitAcquireP99Micros\": %d,"
                        + " \"infrastructure\": \"%s\"}%n",
                optInsPerSecond, acceptedPerSecond, OPT_INS, CONCURRENCY, p50, p99, STOPS, limiterP50, limiterP99,
                TestInfrastructure.get().mode()));
        assertThat(latencies).hasSize(STOPS);
    }

    private double optInThroughput() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < OPT_INS; i++) {
            numbers.add(randomNumber());
        }
        Set<String> waiting = Collections.synchronizedSet(new HashSet<>(numbers));
        WebClient client = WebClient.create("http://localhost:" + port);
        try (var consumer = OptInLoad.consumerAtEnd(Topics.SEND_REQUESTS.name())) {
            Instant start = Instant.now();
            Flux.fromIterable(numbers).flatMap(number -> client.post().uri("/api/v1/opt-ins")
                    .contentType(MediaType.APPLICATION_JSON).header("X-Forwarded-For", randomAddress())
                    .bodyValue(optInBody(number, List.of("offers"))).retrieve().toBodilessEntity(), CONCURRENCY)
                    .blockLast(Duration.ofMinutes(5));
            acceptedPerSecond = OPT_INS / (Duration.between(start, Instant.now()).toMillis() / 1000.0);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() instanceof SendRequest send) {
                        waiting.remove(send.getTo());
                    }
                }
            }
            assertThat(waiting).as("every confirmation published").isEmpty();
            return OPT_INS / (Duration.between(start, Instant.now()).toMillis() / 1000.0);
        }
    }

    /** One acquireConfirmation (two atomic $inc upserts on MongoDB) at a time, fresh keys each. */
    private long[] rateLimitLatencies() {
        long[] micros = new long[LIMITS];
        for (int i = 0; i < LIMITS; i++) {
            String contactKey = contactKeys.of(randomNumber());
            String address = randomAddress();
            long start = System.nanoTime();
            assertThat(rateLimiter.acquireConfirmation(contactKey, address).block()).isEmpty();
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        java.util.Arrays.sort(micros);
        return micros;
    }

    private long[] stopLatencies() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < STOPS; i++) {
            String number = randomNumber();
            numbers.add(number);
            Instant now = Instant.now();
            Subject subject = Subject.create(UUID.randomUUID().toString(), contactKeys.of(number), number, "de", now);
            var token = lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.API, "de", new Evidence(null,
                    now, "API", "192.0.2.1", "bench", null, "2026-11", "t", Evidence.sha256Hex("t"), null), now);
            lifecycle.confirm(subject, token.orElseThrow().value(),
                    ConfirmationMethod.QUICK_REPLY, now);
            subject.encodeQueued(event -> encoder.encode(event, null));
            subjects.save(subjects.newSubject(subject)).block();
        }
        long[] latencies = new long[STOPS];
        try (var consumer = OptInLoad.consumerAtEnd(Topics.CONSENT_STATE.name());
                var producer = new KafkaProducer<String, SpecificRecord>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                        new StringSerializer(), new AvroEventSerializer())) {
            for (int i = 0; i < STOPS; i++) {
                String number = numbers.get(i);
                String key = contactKeys.of(number);
                InboundMessage stop = inbound(number, "STOP", null);
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.WHATSAPP_INBOUND.name(), key, stop));
                producer.flush();
                boolean seen = false;
                Instant deadline = Instant.now().plus(WAIT);
                while (!seen && Instant.now().isBefore(deadline)) {
                    for (var record : consumer.poll(Duration.ofMillis(5))) {
                        if (record.value() instanceof ConsentSnapshot s && key.equals(s.getContactKey())
                                && s.getStatus() == ConsentStatus.STOPPED) {
                            seen = true;
                        }
                    }
                }
                assertThat(seen).as("STOPPED snapshot for STOP " + i).isTrue();
                latencies[i] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        java.util.Arrays.sort(latencies);
        return latencies;
    }
}
