package io.consentflow.gateway.adapters.kafka;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.app.MessageLog;
import io.consentflow.gateway.app.SendPipeline;
import io.consentflow.gateway.app.SendRequests;
import io.consentflow.gateway.config.GatewayProperties;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import io.consentflow.schemas.Topics;
import io.consentflow.schemas.kafka.PoisonRecordException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Resumes requests that were claimed and never called when no redelivery will bring them: the claim has no call
 * record and no outcome, and its record lies below the send-requests group's committed offset (a record at or above
 * it is still in flight here or will be redelivered). Runs on the instance that owns the claim's partition; reads the
 * request again from Kafka by the offset its claim names (the log holds neither the number nor the text) and hands
 * it to the pipeline, which resumes it as it resumes a redelivered one. Should another attempt still run, the call
 * record lets only one of them decide the request. A pass reads the open claims (the requests in
 * flight) and looks their claims up by requestId, so it costs what is in flight, not what the log holds.
 */
@Component
class ClaimResumer extends ReactivePeriodicTask {

    private static final Duration POLL = Duration.ofMillis(500);

    private final MessageLog log;
    private final SendPipeline pipeline;
    private final ListenerPartitions partitions;
    private final ConsumerFactory<String, SpecificRecord> consumers;
    private final Clock clock;
    private final GatewayProperties.Resume resume;
    private final Counter resumed;

    ClaimResumer(MessageLog log, SendPipeline pipeline, ListenerPartitions partitions,
            ConsumerFactory<String, SpecificRecord> consumers, Clock clock, GatewayProperties properties,
            MeterRegistry meters) {
        super("claim-resumer", Duration.ofMinutes(15));
        this.log = log;
        this.pipeline = pipeline;
        this.partitions = partitions;
        this.consumers = consumers;
        this.clock = clock;
        this.resume = properties.send().resume();
        this.resumed = Counter.builder("consentflow.gateway.send.resumed")
                .description("claimed requests resumed without a redelivery").register(meters);
    }

    @Override
    protected Duration interval() {
        return resume.interval();
    }

    @Override
    protected Mono<Integer> run() {
        return resume(clock.instant());
    }

    /** One pass over this instance's partitions; answers how many requests it resumed. */
    Mono<Integer> resume(Instant now) {
        Set<Integer> owned = partitions.now();
        if (owned.isEmpty()) {
            return Mono.just(0);
        }
        // claimed moments ago: looked at again next time (its batch may still be storing its outcome)
        Instant youngest = now.minus(resume.after());
        return log.openClaims()
                .filter(open -> owned.contains(open.partition()) && !open.claimedAt().isAfter(youngest))
                .collectList().flatMap(candidates -> candidates.isEmpty() ? Mono.just(0) : resume(candidates));
    }

    private Mono<Integer> resume(List<MessageLog.OpenClaim> candidates) {
        Properties readOnly = new Properties();
        readOnly.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the send listener's group, to read its committed offsets; assigned, never subscribed: it joins no group.
        // The consumer blocks: it is used on bounded-elastic threads, one step after the other, and closed at the end
        return Mono.using(() -> consumers.createConsumer(SendListener.ID, "claim-resumer", null, readOnly),
                kafka -> {
                    Map<Integer, Long> committed = committed(kafka,
                            candidates.stream().map(MessageLog.OpenClaim::partition).collect(Collectors.toSet()));
                    List<MessageLog.OpenClaim> below = candidates.stream()
                            .filter(open -> open.offset() < committed.getOrDefault(open.partition(), 0L)).toList();
                    if (below.isEmpty()) {
                        return Mono.just(0);
                    }
                    return log.neverCalled(below.stream().map(MessageLog.OpenClaim::requestId).toList())
                            .publishOn(Schedulers.boundedElastic())
                            .flatMap(neverCalled -> resume(kafka, below, neverCalled));
                }, Consumer::close).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Integer> resume(Consumer<String, SpecificRecord> kafka, List<MessageLog.OpenClaim> below,
            Set<String> neverCalled) {
        Map<Integer, List<Long>> due = new HashMap<>();
        below.stream().filter(open -> neverCalled.contains(open.requestId())).forEach(open ->
                due.computeIfAbsent(open.partition(), p -> new ArrayList<>()).add(open.offset()));
        List<SendRequest> requests = new ArrayList<>();
        Map<SendRequest, SendPipeline.Source> sources = new IdentityHashMap<>();
        due.forEach((partition, offsets) -> read(kafka, partition, offsets, requests, sources));
        if (requests.isEmpty()) {
            return Mono.just(0);
        }
        return pipeline.processBatch(requests, sources::get)
                .then(Mono.fromSupplier(() -> {
                    resumed.increment(requests.size());
                    return requests.size();
                }));
    }

    private static Map<Integer, Long> committed(Consumer<String, SpecificRecord> kafka, Set<Integer> owned) {
        Set<TopicPartition> topicPartitions = owned.stream()
                .map(p -> new TopicPartition(Topics.SEND_REQUESTS.name(), p)).collect(Collectors.toSet());
        Map<TopicPartition, OffsetAndMetadata> offsets = kafka.committed(topicPartitions);
        Map<Integer, Long> committed = new HashMap<>();
        offsets.forEach((tp, offset) -> committed.put(tp.partition(), offset == null ? 0L : offset.offset()));
        return committed;
    }

    /** Reads the records at these offsets of one partition (valid SendRequests only: others were dead-lettered). */
    private static void read(Consumer<String, SpecificRecord> kafka, int partition, List<Long> offsets,
            List<SendRequest> requests, Map<SendRequest, SendPipeline.Source> sources) {
        TopicPartition topicPartition = new TopicPartition(Topics.SEND_REQUESTS.name(), partition);
        Set<Long> wanted = Set.copyOf(offsets);
        long last = offsets.stream().mapToLong(Long::longValue).max().orElseThrow();
        kafka.assign(List.of(topicPartition));
        kafka.seek(topicPartition, offsets.stream().mapToLong(Long::longValue).min().orElseThrow());
        for (int empty = 0; empty < 3 && kafka.position(topicPartition) <= last; ) {
            var records = kafka.poll(POLL);
            empty = records.isEmpty() ? empty + 1 : 0;
            for (var record : records) {
                if (wanted.contains(record.offset()) && record.value() instanceof SendRequest request
                        && valid(request)) {
                    requests.add(request);
                    sources.put(request, new SendPipeline.Source(partition, record.offset()));
                }
            }
        }
    }

    private static boolean valid(SendRequest request) {
        try {
            SendRequests.validate(request);
            return true;
        } catch (PoisonRecordException e) {
            return false;
        }
    }
}
