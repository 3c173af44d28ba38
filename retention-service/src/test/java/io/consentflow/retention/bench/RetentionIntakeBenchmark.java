package io.consentflow.retention.bench;


import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.retention.RetentionServiceTest;
import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Intake cost of consent-events + message-events, as the gateway's traffic looks at 1,000 sends/s: per send a
 * MessageSent plus DELIVERED and READ status changes, some MessageBlocked / MessageFailed, and consent events
 * (a confirmation per subject, some STOPs). Phases on fresh subjects each: warm-up (same size, not reported), a burst
 * (published as fast as the producer can), and a paced phase at {@code PACED_RATE} events/s. Each phase ends when the
 * group's committed offsets reach the end offsets; then deadlines are checked against what was published. Prints
 * events/s and CPU µs per event (whole process, and per thread group from /proc) and writes target/bench-intake.json.
 * {@code RETENTION_BENCH_JFR=burst} (or {@code paced}) records that phase with JFR's "profile" settings to
 * target/intake-burst.jfr (intake-paced.jfr); {@code CONSENTFLOW_TEST_INFRA=processes} moves the broker and the
 * wire server into child JVMs, so JIT and GC figures are this JVM's alone.
 * Run with {@code ./mvnw -q -o -pl retention-service -Pbench verify}.
 */
@RetentionServiceTest
class RetentionIntakeBenchmark {

    static final int SUBJECTS = 1_000;
    static final int MESSAGE_EVENTS = 30_000;
    static final int PACED_RATE = 3_000;
    static final Duration DRAIN = Duration.ofMinutes(5);

    @Autowired
    private DeadlineStore deadlines;

    private final String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();

    @Test
    void measure() throws Exception {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("loadAverageAtStart", loadAverage());
        try (var producer = producer(); var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap))) {
            run("warm-up", new IntakeMix(), producer, admin, 0, false);
            String jfr = System.getenv().getOrDefault("RETENTION_BENCH_JFR", "");
            Map<String, Object> burst = run("burst", new IntakeMix(), producer, admin, 0, jfr.equals("burst"));
            Map<String, Object> paced = run("paced " + PACED_RATE + "/s", new IntakeMix(), producer, admin, PACED_RATE,
                    jfr.equals("paced"));
            json.put("burst", burst);
            json.put("paced", paced);
        }
        json.put("loadAverageAtEnd", loadAverage());
        Files.writeString(Path.of("target/bench-intake.json"), toJson(json) + "\n");
    }

    private Map<String, Object> run(String phase, IntakeMix mix, KafkaProducer<String, SpecificRecord> producer,
            Admin admin, int ratePerSecond, boolean jfr) throws Exception {
        Recording recording = jfr ? new Recording(Configuration.getConfiguration("profile")) : null;
        if (recording != null) {
            recording.start();
        }
        var cpu = RetentionThreads.start();
        long start = System.nanoTime();
        long sliceNanos = 10_000_000;
        int perSlice = Math.max(1, ratePerSecond / 100);
        for (int i = 0; i < mix.records.size(); i++) {
            var record = mix.records.get(i);
            producer.send(record);
            if (ratePerSecond > 0 && (i + 1) % perSlice == 0) {
                long due = start + (i + 1) / perSlice * sliceNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        producer.flush();
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        awaitConsumed(admin);
        double seconds = (System.nanoTime() - start) / 1e9;
        int events = mix.records.size();
        Map<String, Double> perGroup = RetentionThreads.perEventMicros(cpu, events);
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of("target/intake-" + (ratePerSecond > 0 ? "paced" : "burst") + ".jfr"));
            recording.close();
        }
        mix.verify(deadlines);

        double rate = events / seconds;
        System.out.printf(Locale.ROOT, "%n| retention intake: %s (%d events: %d message + %d consent, %d subjects; "
                + "published in %.1f s; load average %s) | value |%n|---|---|%n| events/s (publish start -> all "
                + "committed) | %.0f |%n", phase, events, MESSAGE_EVENTS, events - MESSAGE_EVENTS, SUBJECTS,
                publishSeconds, loadAverage(), rate);
        perGroup.forEach((group, micros) -> System.out.printf(Locale.ROOT, "| CPU µs/event %s | %.1f |%n", group,
                micros));
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("events", events);
        out.put("eventsPerSecond", Math.round(rate));
        out.put("loadAverage", loadAverage());
        out.put("cpuMicrosPerEvent", perGroup);
        return out;
    }

    /** Until the service's consumer group has committed every record published so far on both topics. */
    private void awaitConsumed(Admin admin) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.CONSENT_EVENTS.name(), Topics.MESSAGE_EVENTS.name())) {
            IntStream.range(0, Topics.MESSAGE_EVENTS.partitions()).forEach(p -> partitions.add(
                    new TopicPartition(topic, p)));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        Instant deadline = Instant.now().plus(DRAIN);
        while (Instant.now().isBefore(deadline)) {
            var committed = admin.listConsumerGroupOffsets("retention-service").partitionsToOffsetAndMetadata().get();
            boolean done = partitions.stream().allMatch(tp -> ends.get(tp).offset() == 0
                    || committed.get(tp) != null && committed.get(tp).offset() >= ends.get(tp).offset());
            if (done) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the service did not consume everything within " + DRAIN);
    }

    private KafkaProducer<String, SpecificRecord> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-load"), new StringSerializer(), new AvroEventSerializer());
    }

    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add("\"" + k + "\": " + toJson(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        return value instanceof Number ? value.toString() : "\"" + value + "\"";
    }
}
