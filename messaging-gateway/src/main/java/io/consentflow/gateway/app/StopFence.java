package io.consentflow.gateway.app;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * STOPs every gateway instance honours before the next HTTP request leaves, not once it has read the STOP from
 * Kafka (port; shared by the instances in {@code adapters.mongo.MongoStopFence}). The instance that receives a STOP
 * webhook records it before it acknowledges the webhook; every instance reads the entries of its requests'
 * contactKeys right after recording their calls ({@link CallDecisions}).
 */
public interface StopFence {

    /** A withdrawal of every purpose, or of marketing only, made at {@code at} (the message's own time). */
    record Stop(String contactKey, boolean everyPurpose, Instant at) {
    }

    Mono<Void> record(List<Stop> stops);

    /** The latest entry of each of these contactKeys that has one. */
    Mono<Map<String, Stop>> find(Collection<String> contactKeys);
}
