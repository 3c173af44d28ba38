package io.consentflow.e2e;

import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * The chaos suite's accounting, per requestId, from two independent witnesses: the terminal outcomes on
 * message-events (deduplicated by eventId: a re-published outcome is the same outcome) and the simulator's delivery
 * log (what reached a phone, with the time its HTTP request arrived, and when the gateway acknowledged each STOP).
 */
final class ChaosLedger implements AutoCloseable {

    /** A request's terminal outcomes by eventId: "SENT", "BLOCKED:<reason>", "FAILED:<code>" or "AMBIGUOUS". */
    private final Map<String, Map<String, String>> outcomes = new HashMap<>();
    private final Set<String> requestIds;
    private final KafkaConsumer<String, SpecificRecord> consumer;

    ChaosLedger(String bootstrapServers, Set<String> requestIds) {
        this.requestIds = requestIds;
        this.consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-chaos-ledger-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new AvroEventDeserializer());
        consumer.subscribe(List.of(Topics.MESSAGE_EVENTS.name()));
    }

    /** Reads what message-events holds now (the consumer keeps its place between calls). */
    void catchUp() {
        for (int empty = 0; empty < 3; ) {
            var records = consumer.poll(Duration.ofMillis(500));
            empty = records.isEmpty() ? empty + 1 : 0;
            records.forEach(record -> record(record.value()));
        }
    }

    private void record(SpecificRecord event) {
        String requestId;
        String eventId;
        String kind;
        if (event instanceof MessageSent sent) {
            requestId = sent.getRequestId();
            eventId = sent.getEventId();
            kind = "SENT";
        } else if (event instanceof MessageBlocked blocked) {
            requestId = blocked.getRequestId();
            eventId = blocked.getEventId();
            kind = "BLOCKED:" + blocked.getReason();
        } else if (event instanceof MessageFailed failed && failed.getWamid() == null) {
            // a MessageFailed with a wamid is a delivery status (131050) after MessageSent, not a send's outcome
            requestId = failed.getRequestId();
            eventId = failed.getEventId();
            kind = failed.getAmbiguous() ? "AMBIGUOUS" : "FAILED:" + failed.getErrorCode();
        } else {
            return;
        }
        if (requestId != null && requestIds.contains(requestId)) {
            outcomes.computeIfAbsent(requestId, id -> new LinkedHashMap<>()).putIfAbsent(eventId, kind);
        }
    }

    long withOutcome() {
        return outcomes.size();
    }

    /** The requestIds no outcome event names yet. */
    List<String> withoutOutcome() {
        return requestIds.stream().filter(id -> !outcomes.containsKey(id)).toList();
    }

    /** The figures, from the outcomes read so far and the simulator's delivery log. */
    Figures figures(Map<String, String> requestToNumber, Set<String> neverConsented, Map<String, Long> stopAckedAt,
            List<JsonNode> delivered) {
        Map<String, Integer> deliveries = new HashMap<>();
        long toUnconsented = 0;
        long afterStop = 0;
        List<String> examples = new ArrayList<>();
        for (JsonNode delivery : delivered) {
            String requestId = delivery.path("callbackData").asString(null);
            if (requestId == null || !requestToNumber.containsKey(requestId)) {
                continue; // confirmation templates and other journeys' messages
            }
            deliveries.merge(requestId, 1, Integer::sum);
            String number = "+" + delivery.path("waId").asString();
            if (neverConsented.contains(number)) {
                toUnconsented++;
                examples.add("to a number without consent: " + requestId);
            }
            Long acked = stopAckedAt.get(number);
            if (acked != null && delivery.path("receivedAtMillis").asLong() > acked) {
                afterStop++;
                examples.add("left " + (delivery.path("receivedAtMillis").asLong() - acked)
                        + " ms after the STOP was acknowledged: " + requestId);
            }
        }
        long twice = deliveries.values().stream().filter(n -> n > 1).count();
        long noOutcome = 0;
        long severalOutcomes = 0;
        long ambiguous = 0;
        long ambiguousDelivered = 0;
        long sentNotDelivered = 0;
        long deliveredButRecordedUnsent = 0;
        Map<String, Long> byKind = new java.util.TreeMap<>();
        for (String requestId : requestToNumber.keySet()) {
            Map<String, String> found = outcomes.getOrDefault(requestId, Map.of());
            if (found.isEmpty()) {
                noOutcome++;
                continue;
            }
            if (found.size() > 1) {
                severalOutcomes++;
                examples.add("outcomes " + found.values() + ": " + requestId);
            }
            String kind = found.values().iterator().next();
            byKind.merge(kind.startsWith("BLOCKED") || kind.startsWith("FAILED") ? kind : kind, 1L, Long::sum);
            int delivery = deliveries.getOrDefault(requestId, 0);
            if ("AMBIGUOUS".equals(kind)) {
                ambiguous++;
                ambiguousDelivered += delivery > 0 ? 1 : 0;
            } else if ("SENT".equals(kind) && delivery == 0) {
                sentNotDelivered++;
                examples.add("SENT but never delivered: " + requestId);
            } else if (!"SENT".equals(kind) && delivery > 0) {
                deliveredButRecordedUnsent++;
                examples.add("delivered but recorded " + kind + ": " + requestId);
            }
        }
        return new Figures(requestToNumber.size(), deliveries.values().stream().mapToLong(Integer::longValue).sum(),
                toUnconsented, afterStop, twice, noOutcome, severalOutcomes, sentNotDelivered,
                deliveredButRecordedUnsent, ambiguous, ambiguousDelivered, byKind,
                examples.subList(0, Math.min(20, examples.size())));
    }

    /** What the suite prints; every field after {@code deliveries} but the ambiguous ones must be 0. */
    record Figures(long requests, long deliveries, long deliveredWithoutConsent, long deliveredAfterStopAck,
            long deliveredTwice, long withoutOutcome, long withSeveralOutcomes, long sentButNotDelivered,
            long deliveredButRecordedUnsent, long ambiguous, long ambiguousThatWereDelivered,
            Map<String, Long> outcomesByKind, List<String> examples) {

        long violations() {
            return deliveredWithoutConsent + deliveredAfterStopAck + deliveredTwice + withoutOutcome
                    + withSeveralOutcomes + sentButNotDelivered + deliveredButRecordedUnsent;
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
