package io.consentflow.gateway.app;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.Outgoing;
import io.consentflow.gateway.domain.RequestClaim;
import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.schemas.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The I/O a send request costs by contract, with nothing else: its record consumed from a topic, its claim inserted,
 * its outcome inserted, its event produced and acknowledged, its offset committed. It uses the gateway's own
 * consumer settings, documents, chunk sizes, message log and event writer, and leaves out the gate, the pacing and
 * the Cloud API call. The gateway benchmark measures it beside the bare WebClient loop: a pipeline does at least
 * both, so {@code bare / (bare + floor)} (CPU per message) bounds the share of the bare loop any pipeline with these
 * two durable writes can reach on the same machine.
 */
public final class ContractFloor implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(5);

    private final Consumer<String, SpecificRecord> consumer;
    private final MongoMessageLog log;
    private final MessageEvents events;
    private final ContactKeys contactKeys;
    private final ConsentLookup consents;
    private final Clock clock = Clock.systemUTC();

    public ContractFloor(ConsumerFactory<String, SpecificRecord> consumers, List<TopicPartition> partitions,
            MongoMessageLog log, MessageEvents events, ContactKeys contactKeys, ConsentLookup consents) {
        this.consumer = consumers.createConsumer("bench-contract-floor", "floor");
        // assigned, not subscribed: no group membership to keep alive while other rounds run
        this.consumer.assign(partitions);
        this.log = log;
        this.events = events;
        this.contactKeys = contactKeys;
        this.consents = consents;
    }

    /** Handles the next {@code count} requests of the topic; returns the seconds it took. */
    public double run(int count) {
        long start = System.nanoTime();
        long deadline = start + ROUND_LIMIT.toNanos();
        int handled = 0;
        while (handled < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the floor handled " + handled + " of " + count + " requests in "
                        + ROUND_LIMIT);
            }
            List<SendRequest> batch = new ArrayList<>();
            for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(POLL)) {
                batch.add((SendRequest) record.value());
            }
            if (!batch.isEmpty()) {
                handle(batch);
                consumer.commitSync();
                handled += batch.size();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void handle(List<SendRequest> batch) {
        Instant now = clock.instant();
        List<RequestClaim> claims = new ArrayList<>(batch.size());
        for (SendRequest request : batch) {
            String contactKey = contactKeys.of(request.getTo());
            ConsentFacts consent = consents.facts(contactKey);
            claims.add(SendPipeline.claim(request, new Outgoing(request.getTo(),
                    Category.valueOf(request.getCategory().name()), request.getPurpose(),
                    request.getTemplate() != null, request.getSubjectId(), request.getNotAfter()), contactKey, consent,
                    now, SendPipeline.Source.NONE));
        }
        Flux.fromIterable(claims).buffer(SendPipeline.CLAIM_CHUNK).concatMap(log::claimAll).then().block();
        List<MessageLog.Decided> outcomes = new ArrayList<>(claims.size());
        List<CompletableFuture<?>> acks = new ArrayList<>(claims.size());
        for (RequestClaim claim : claims) {
            // a wamid as long as Meta's (and the stub's)
            String wamid = "wamid." + UUID.randomUUID();
            outcomes.add(new MessageLog.Decided(claim.requestId(),
                    new SendOutcome.Sent(Events.newEventId(), clock.instant(), wamid)));
        }
        Flux.fromIterable(outcomes).buffer(SendPipeline.OUTCOME_CHUNK).concatMap(log::outcomes).then().block();
        for (int i = 0; i < claims.size(); i++) {
            acks.add(events.send(OutcomeEvents.of(claims.get(i), outcomes.get(i).outcome()),
                    claims.get(i).requestId()));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    /** Deletes every claim and outcome (the indexes stay), so that a block of rounds starts on an empty log. */
    public static void emptyMessageLog(ReactiveMongoTemplate mongo) {
        Flux.just(MongoMessageLog.COLLECTION, MongoMessageLog.OUTCOMES, MongoMessageLog.CALLS, MongoMessageLog.UNSETTLED)
                .concatMap(name -> mongo.getCollection(name).flatMap(c -> Mono.from(c.deleteMany(new Document()))))
                .then().block();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
