package io.consentflow.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.consent.ConsentViewBootstrap;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.StubCloudApi;
import io.consentflow.gateway.support.StubCloudApiInitializer;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.BenchFigures;
import io.consentflow.testsupport.ProcessCpu;
import io.consentflow.testsupport.TestInfrastructure;
import io.consentflow.testsupport.ThreadCpu;
import io.consentflow.testsupport.WithTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figures, not assertions on speed: end-to-end sends/s against a bare WebClient loop to the same stub, p99 gate
 * latency, heap per subject of the consent view at 1M subjects and its bootstrap time from a compacted topic.
 */
@SpringBootTest(properties = {"consentflow.gateway.send.rate-limit-per-second=1000000",
        "consentflow.gateway.send.concurrency=256", "consentflow.gateway.gate.quiet-from=00:00",
        "consentflow.gateway.gate.quiet-until=00:00", "consentflow.gateway.consent-view.expected-subjects=100000",
        "spring.kafka.consumer.max-poll-records=2000", "logging.level.root=WARN",
        "management.metrics.distribution.percentiles.mongodb.driver.commands=0.5,0.9,0.99",
        "management.metrics.distribution.percentiles.consentflow.gateway.send.stage=0.5,0.9,0.99"})
@WithTestInfrastructure
@ContextConfiguration(initializers = StubCloudApiInitializer.class)
class GatewayBenchmark {

    private static final int SENDS = 20_000;
    private static final int SUBJECTS = 1_000_000;
    /**
     * Rounds of SENDS before each measured run ({@code -Dbench.warmUpRounds}). On two cores the JVM has one C2
     * compiler thread, and the gateway's code (Spring, Netty, Reactor, Kafka, the Mongo driver, Avro, Jackson) keeps it
     * busy for about a minute of sending: each round's JIT CPU per message is printed so a run shows when it settled
     * (with 3 rounds the measured run still spent 75-130 µs per message compiling, a third of the gateway's CPU).
     */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmUpRounds", 10);

    @Autowired
    ConsentTable consents;
    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    MeterRegistry meters;

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private int nextRecipient;

    @Test
    void benchmark() throws Exception {
        StubCloudApi stub = StubCloudApiInitializer.STUB;
        stub.recordBodies(false);
        double bare = bareWebClientLoop(stub);
        double endToEnd = endToEnd();
        figures.put("bare_webclient_sends_per_s", Math.round(bare));
        figures.put("end_to_end_sends_per_s", Math.round(endToEnd));
        figures.put("end_to_end_vs_bare_percent", Math.round(100 * endToEnd / bare));
        var gate = meters.get("consentflow.gateway.gate.latency").timer().takeSnapshot();
        for (var percentile : gate.percentileValues()) {
            figures.put("gate_latency_p" + Math.round(percentile.percentile() * 100) + "_us",
                    Math.round(percentile.value(java.util.concurrent.TimeUnit.MICROSECONDS) * 10) / 10.0);
        }
        print();
        assertThat(endToEnd).isPositive();
        if (System.getenv("GW_BENCH_SEND_ONLY") != null) {
            return; // profiling iterations of the send path only
        }
        consentViewFigures();
        print();
        assertThat(figures.get("consent_view_bootstrap_loaded")).isEqualTo(figures.get("consent_view_bootstrap_records"));
    }

    /** Sends/s, and CPU µs per message of the whole process and per thread group, of the measured run. */
    private void cpuFigures(String prefix, long processCpuBefore, ThreadCpu threads, int count) {
        long process = ThreadCpu.processCpuNanos() - processCpuBefore;
        figures.put(prefix + "_process_cpu_us_per_message", Math.round(process / 1_000.0 / count * 10) / 10.0);
        if (threads != null) {
            var groups = threads.perUnitMicros(count);
            double threadSum = groups.values().stream().mapToDouble(Double::doubleValue).sum();
            groups.forEach((group, micros) -> figures.put(prefix + " cpu_us/msg " + group, micros));
            figures.put(prefix + " cpu_us/msg unattributed (threads that ended; on Linux GC and JIT are listed)",
                    Math.round((process / 1_000.0 / count - threadSum) * 10) / 10.0);
        }
    }

    private double bareWebClientLoop(StubCloudApi stub) {
        var web = WebClient.builder().baseUrl(stub.baseUrl()).clientConnector(
                new org.springframework.http.client.reactive.ReactorClientHttpConnector(HttpClient.create(
                        ConnectionProvider.builder("bare").maxConnections(256).pendingAcquireMaxCount(-1).build())))
                .build();
        var json = JsonMapper.builder().build();
        Runnable run = () -> Flux.range(0, SENDS).flatMap(i -> web.post().uri("/v23.0/100000000000001/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("messaging_product", "whatsapp", "recipient_type", "individual",
                        "to", "4915" + (100_000_000 + i), "type", "template",
                        "template", Map.of("name", "offer", "language", Map.of("policy", "deterministic", "code", "de"))))
                .retrieve().bodyToMono(String.class).map(json::readTree), 256).then().block();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            run.run();
        }
        long cpu = ThreadCpu.processCpuNanos();
        var threads = new ThreadCpu(GatewayThreads.GROUPS);
        long start = System.nanoTime();
        run.run();
        double rate = SENDS / ((System.nanoTime() - start) / 1e9);
        cpuFigures("bare", cpu, threads, SENDS);
        return rate;
    }

    private double endToEnd() throws Exception {
        var container = registry.getListenerContainer("send-requests");
        // as long a warm-up as the bare loop gets: with 5,000 the JIT was still compiling the pipeline (JFR: ~200
        // compilations over 100 ms each) during the measured run
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            var threads = new ThreadCpu(GatewayThreads.GROUPS);
            figures.put("end_to_end_warmup_" + round + "_sends_per_s", Math.round(runBatch(container, SENDS, false)));
            figures.put("end_to_end_warmup_" + round + "_jit_cpu_us_per_message",
                    threads.perUnitMicros(SENDS).getOrDefault("JVM: JIT", 0.0));
        }
        return runBatch(container, SENDS, true);
    }

    private double runBatch(org.springframework.kafka.listener.MessageListenerContainer container, int count,
            boolean measured) throws Exception {
        container.stop();
        List<SendRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // a new recipient per request: with random numbers two requests of a run met the same recipient now and
            // then, and the second waited its 6 s pacing turn, which held up its batch and so the end of the run
            String number = "+49151" + (10_000_000 + nextRecipient++);
            consents.put(Fixtures.KEYS.of(number), new ConsentFacts(UUID.randomUUID().toString(),
                    io.consentflow.gateway.domain.ConsentStatus.CONFIRMED, Set.of("offers"), false));
            requests.add(Fixtures.marketing(number).build());
        }
        try (var producer = producer()) {
            for (SendRequest request : requests) {
                producer.send(new ProducerRecord<>(Topics.SEND_REQUESTS.name(), request.getTo(), request));
            }
            producer.flush();
        }
        double before = sentCount();
        long cpu = ThreadCpu.processCpuNanos();
        var threads = new ThreadCpu(GatewayThreads.GROUPS);
        var processes = new ProcessCpu();
        // GW_BENCH_JFR=/path.jfr records a JFR CPU profile of the measured end-to-end run only
        String jfrPath = System.getenv("GW_BENCH_JFR");
        var jfr = measured && jfrPath != null
                ? new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile")) : null;
        if (jfr != null) {
            jfr.start();
        }
        long gcBefore = gcMillis();
        long start = System.nanoTime();
        container.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (sentCount() - before < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (jfr != null) {
            jfr.stop();
            jfr.dump(Path.of(jfrPath));
            jfr.close();
        }
        if (measured) {
            cpuFigures("end_to_end", cpu, threads, count);
            // with CONSENTFLOW_TEST_INFRA=processes the broker and the wire server are separate processes: their CPU
            // per message says whether they, not the gateway, set the rate on a 2-core machine
            Map<String, Double> cpuMillis = processes.millisByProcess();
            cpuMillis.forEach((process, millis) -> figures.put("end_to_end cpu_us/msg process: " + process,
                    Math.round(millis * 1_000 / count * 10) / 10.0));
            figures.put("end_to_end machine busy %", Math.round(cpuMillis.values().stream()
                    .mapToDouble(Double::doubleValue).sum() / (seconds * 1_000
                    * Runtime.getRuntime().availableProcessors()) * 100));
            figures.put("end_to_end_gc_pause_ms", gcMillis() - gcBefore);
            for (var command : meters.find("mongodb.driver.commands").timers()) {
                var snapshot = command.takeSnapshot();
                figures.put("mongo command " + command.getId().getTag("command") + " " + command.getId()
                        .getTag("collection") + " (all rounds): count, mean ms, max ms; p50/p90/p99 ms",
                        snapshot.count() + ", " + Math.round(snapshot.mean(TimeUnit.MILLISECONDS) * 10) / 10.0 + ", "
                        + Math.round(snapshot.max(TimeUnit.MILLISECONDS)) + "; " + percentiles(snapshot));
            }
            for (var stage : meters.find("consentflow.gateway.send.stage").timers()) {
                var snapshot = stage.takeSnapshot();
                figures.put("stage " + stage.getId().getTag("stage")
                        + " (all rounds): count, mean ms, max ms; p50/p90/p99 ms", snapshot.count() + ", "
                        + Math.round(snapshot.mean(TimeUnit.MILLISECONDS) * 10) / 10.0 + ", "
                        + Math.round(snapshot.max(TimeUnit.MILLISECONDS)) + "; " + percentiles(snapshot));
            }
        }
        assertThat(sentCount() - before).isGreaterThanOrEqualTo(count);
        return count / seconds;
    }

    private static String percentiles(io.micrometer.core.instrument.distribution.HistogramSnapshot snapshot) {
        return java.util.Arrays.stream(snapshot.percentileValues())
                .map(p -> String.valueOf(Math.round(p.value(TimeUnit.MILLISECONDS) * 10) / 10.0))
                .collect(java.util.stream.Collectors.joining("/"));
    }

    private io.micrometer.core.instrument.Counter sent;

    /** Polled every 20 ms: the counter is looked up once, a registry search each time cost ~60 µs per message. */
    private double sentCount() {
        if (sent == null) {
            sent = meters.find("consentflow.gateway.send.outcome").tag("result", "sent").counter();
        }
        return sent == null ? 0 : sent.count();
    }

    private void consentViewFigures() throws Exception {
        // heap: the packed table alone, measured on a fresh instance
        System.gc();
        long before = usedHeap();
        var table = new ConsentTable(SUBJECTS);
        List<String> purposes = List.of("offers", "support");
        for (int i = 0; i < SUBJECTS; i++) {
            table.put(Fixtures.KEYS.of("+4917" + (100_000_000 + i)), new ConsentFacts(UUID.randomUUID().toString(),
                    io.consentflow.gateway.domain.ConsentStatus.CONFIRMED, Set.copyOf(purposes), false));
        }
        System.gc();
        long after = usedHeap();
        figures.put("consent_view_subjects", table.size());
        figures.put("consent_view_heap_bytes_per_subject", Math.round((after - before) / (double) SUBJECTS * 10) / 10.0);

        // bootstrap: 1M snapshots on a compacted topic, read into a fresh table as the gateway does on start
        TopicSpec topic = new TopicSpec("consent-state-bench-" + UUID.randomUUID(), Topics.CONSENT_STATE.key(),
                Topics.CONSENT_STATE.valueTypes(), Topics.CONSENT_STATE.partitions(), Topics.CONSENT_STATE.configs(),
                Topics.CONSENT_STATE.writers(), Topics.CONSENT_STATE.owner(), false);
        StubCloudApiInitializer.createTopics(List.of(topic));
        var acked = new java.util.concurrent.atomic.AtomicInteger();
        try (var producer = producer()) {
            for (int i = 0; i < SUBJECTS; i++) {
                String number = "+4917" + (100_000_000 + i);
                String key = Fixtures.KEYS.of(number);
                producer.send(new ProducerRecord<>(topic.name(), key, ConsentSnapshot.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                        .setProducer("consent-service").setSubjectId(UUID.randomUUID().toString()).setContactKey(key)
                        .setStatus(ConsentStatus.CONFIRMED).setPurposes(purposes).setVersion(1).build()),
                        (metadata, error) -> {
                            if (error == null) {
                                acked.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        figures.put("consent_view_bootstrap_records", acked.get());
        var fresh = new ConsentTable(SUBJECTS);
        long start = System.nanoTime();
        ConsentViewBootstrap.load(topic.name(), TestInfrastructure.get().kafkaBootstrapServers(), fresh);
        figures.put("consent_view_bootstrap_1m_seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        figures.put("consent_view_bootstrap_loaded", fresh.size());
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static KafkaProducer<String, org.apache.avro.specific.SpecificRecord> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000,
                // bulk loading only: the embedded broker answers OUT_OF_ORDER_SEQUENCE under this load otherwise
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new AvroEventSerializer());
    }

    private void print() throws Exception {
        BenchFigures.print(figures);
    }
}
