package io.consentflow.platform.observability;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.ReplyButton;
import io.consentflow.events.SendRequest;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.AvroEventSerializer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.SenderContext;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

/**
 * Figures, no assertions: what tracing costs the two hops this module traces itself, per record and per outbox entry,
 * in CPU of the thread doing the work, side by side with tracing off. The batch listener decodes each record (Avro
 * SendRequest, the least a listener does) with and without {@link BatchRecordSpans}; the relay publishes an entry
 * (a producer observation standing in for KafkaTemplate's) with {@link TraceParents#UNTRACED} and with
 * {@link ObservedTraceParents}. With tracing on, the producer's sampling flag decides (parent-based sampling, as
 * Spring Boot configures it): a share {@code p} of the records arrives sampled. Each ended span is converted to what
 * an exporter receives and dropped, on the measured thread (in production a batch processor converts on its own).
 * <p>
 * {@code ./mvnw -o -Pbench verify -pl platform -am -Dtest=TracingCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class TracingCostBenchmark {

    private static final int BATCH = 500;
    private static final int WARM_UP = Integer.getInteger("bench.warmUpBatches", 400);
    private static final int MEASURED = Integer.getInteger("bench.batches", 1_000);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

    /** Each figure twice, the modes alternating: the first round includes the JIT's work on each path. */
    @Test
    void tracingOffVersusOn() {
        for (int round = 1; round <= 2; round++) {
            System.out.printf("round %d%n", round);
            measure();
        }
    }

    private void measure() {
        double off = listenerNanos(null, 0);
        double onDefault = listenerNanos(new InMemoryTracing(sampler(0.1), false), 0.1);
        double onAll = listenerNanos(new InMemoryTracing(sampler(1.0), false), 1.0);
        System.out.printf("batch listener, CPU per record: off %.0f ns | on, 10 %% sampled %.0f ns (%.2fx, +%.0f ns) "
                + "| on, all sampled %.0f ns (%.2fx, +%.0f ns)%n", off, onDefault, onDefault / off, onDefault - off,
                onAll, onAll / off, onAll - off);

        double before = relayNanos(null, false);
        double relayOff = relayNanos(null, true);
        var tenPercent = new InMemoryTracing(sampler(0.1), false);
        double onBefore = relayNanos(tenPercent, false);
        double relayDefault = relayNanos(tenPercent, true);
        var all = new InMemoryTracing(sampler(1.0), false);
        double allBefore = relayNanos(all, false);
        double onAllRelay = relayNanos(all, true);
        System.out.printf("outbox relay, CPU per entry (publish as before | read context + publish in the request's "
                + "trace): off %.0f | %.0f ns (+%.0f ns) | on, 10 %% sampled %.0f | %.0f ns (+%.0f ns) "
                + "| on, all sampled %.0f | %.0f ns (+%.0f ns)%n", before, relayOff, relayOff - before, onBefore,
                relayDefault, relayDefault - onBefore, allBefore, onAllRelay, onAllRelay - allBefore);
    }

    private static Sampler sampler(double probability) {
        return Sampler.parentBased(Sampler.traceIdRatioBased(probability));
    }

    /** Thread CPU per record of a batch listener that decodes each record, with or without the per-record spans. */
    private double listenerNanos(InMemoryTracing tracing, double sampled) {
        List<ConsumerRecords<Object, Object>> batches = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            batches.add(batch(random, sampled));
        }
        var spans = tracing == null ? null : new BatchRecordSpans(tracing.registry, "send-requests", "gateway", null);
        long sink = 0;
        long start = 0;
        for (int round = 0; round < WARM_UP + MEASURED; round++) {
            if (round == WARM_UP) {
                start = CPU.getCurrentThreadCpuTime();
            }
            ConsumerRecords<Object, Object> records = batches.get(round % batches.size());
            if (spans != null) {
                spans.intercept(records, null);
            }
            for (ConsumerRecord<Object, Object> record : records) {
                sink += ((SendRequest) deserializer.deserialize(record.topic(), (byte[]) record.value()))
                        .getTo().length();
            }
            if (spans != null) {
                spans.success(records, null);
            }
        }
        long used = CPU.getCurrentThreadCpuTime() - start;
        return sink == 0 ? -1 : (double) used / ((long) MEASURED * BATCH);
    }

    /**
     * Thread CPU per entry: the change reads its trace context and the relay publishes the entry within it
     * ({@code throughTraceParents}), or the relay publishes it as before this hop was traced. The requests'
     * observations are started beforehand (they exist with tracing on anyway) and sampled by the sampler.
     */
    private double relayNanos(InMemoryTracing tracing, boolean throughTraceParents) {
        TraceParents traces = tracing == null ? TraceParents.UNTRACED
                : new ObservedTraceParents(tracing.registry, tracing.propagator);
        var registry = tracing == null ? io.micrometer.observation.ObservationRegistry.NOOP : tracing.registry;
        List<Context> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            requests.add(Context.of(io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor.KEY,
                    Observation.start("http.server.requests", registry)));
        }
        long sink = 0;
        long start = 0;
        int entries = (WARM_UP + MEASURED) * 100;
        for (int i = 0; i < entries; i++) {
            if (i == WARM_UP * 100) {
                start = CPU.getCurrentThreadCpuTime();
            }
            java.util.function.Supplier<CompletableFuture<Integer>> publish = () -> {
                var record = new SenderContext<Map<String, String>>((carrier, key, value) -> carrier.put(key, value));
                record.setCarrier(new HashMap<>());
                Observation.start("spring.kafka.template", () -> record, registry).stop();
                return CompletableFuture.completedFuture(record.getCarrier().size());
            };
            CompletableFuture<Integer> sent = throughTraceParents
                    ? traces.publishContinuing(traces.current(requests.get(i % 100)), "send-requests", publish)
                    : publish.get();
            sink += sent.join();
        }
        long used = CPU.getCurrentThreadCpuTime() - start;
        return sink < 0 ? -1 : (double) used / (MEASURED * 100L);
    }

    private ConsumerRecords<Object, Object> batch(Random random, double sampled) {
        AvroEventSerializer serializer = new AvroEventSerializer();
        List<ConsumerRecord<Object, Object>> records = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            String number = "+49151" + (10_000_000 + random.nextInt(89_999_999));
            String eventId = UUID.randomUUID().toString();
            SendRequest request = SendRequest.newBuilder().setEventId(eventId).setOccurredAt(Instant.now())
                    .setProducer("consent-service").setRequestId("consent-" + eventId).setTo(number)
                    .setCategory(MessageCategory.SERVICE).setPurpose(null).setTemplate(null)
                    .setText("Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet.")
                    .setButtons(List.of(new ReplyButton("confirm:" + hex(random, 8), "Ja, bestätigen")))
                    .setCampaignId(null).setSubjectId(UUID.randomUUID().toString()).setNotAfter(null).build();
            var record = new ConsumerRecord<Object, Object>("send-requests", 0, i, number,
                    serializer.serialize("send-requests", request));
            String flag = random.nextDouble() < sampled ? "01" : "00";
            record.headers().add("traceparent", ("00-" + hex(random, 16) + "-" + hex(random, 8) + "-" + flag)
                    .getBytes(StandardCharsets.UTF_8));
            records.add(record);
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition("send-requests", 0), records), Map.of());
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
