package io.consentflow.consent.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.app.OutboxStore.PendingOutbox;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.platform.observability.TraceParents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * A crash between the MongoDB write and the Kafka publish: the relay of the "crashed" instance is stopped, a fresh
 * relay (as a restarted instance would run) publishes what the document holds. Nothing is lost; a crash after the
 * publish but before marking re-publishes the same eventIds (at-least-once, consumers dedupe).
 */
class OutboxCrashTests extends IntegrationTestSupport {

    @Autowired
    OutboxRelay relay;
    @Autowired
    KafkaTemplate<String, SpecificRecord> template;
    @Autowired
    ConsentProperties properties;

    @AfterEach
    void restartRelay() {
        relay.start();
    }

    private List<String> outboxEventIds(String subjectId) {
        Document raw = subjects.rawDocument(subjectId).block();
        List<String> ids = new ArrayList<>();
        raw.getList("outbox", Document.class).forEach(entry -> ids.add(entry.getString("eventId")));
        return ids;
    }

    private Map<String, Integer> publishedCounts(List<String> eventIds) {
        Map<String, Integer> counts = new HashMap<>();
        for (String topic : List.of("consent-events", "consent-state", "send-requests")) {
            allOf(topic, SpecificRecord.class, e -> true).forEach(event -> {
                String id = (String) event.get(event.getSchema().getField("eventId").pos());
                if (eventIds.contains(id)) {
                    counts.merge(id, 1, Integer::sum);
                }
            });
        }
        return counts;
    }

    private String awaitSubjectWithOutbox(String number) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            var stored = subjects.byContactKey(contactKeys.of(number)).blockOptional();
            if (stored.isPresent() && !stored.get().subject().outbox().isEmpty()) {
                return stored.get().subject().subjectId();
            }
            assertThat(Instant.now()).as("state change written").isBefore(deadline);
            pause();
        }
    }

    @Test
    void eventsWrittenBeforeACrashArePublishedByTheNextRelayExactlyOnce() {
        relay.stop();
        String number = randomNumber();
        postOptIn(optInBody(number, List.of("offers")), randomAddress()).expectStatus().isAccepted();
        String subjectId = awaitSubjectWithOutbox(number);
        List<String> pending = outboxEventIds(subjectId);
        assertThat(pending).as("OptInRequested, SendRequest, ConsentSnapshot").hasSize(3);
        assertThat(publishedCounts(pending)).as("nothing published while the relay is down").isEmpty();

        OutboxRelay restarted = new OutboxRelay(subjects, template, properties, TraceParents.UNTRACED);
        assertThat(restarted.drain(List.of(subjectId)).block()).isEqualTo(3);

        assertThat(outboxEventIds(subjectId)).isEmpty();
        assertThat(publishedCounts(pending)).containsOnlyKeys(pending).allSatisfy((id, count) ->
                assertThat(count).as(id).isEqualTo(1));
        assertThat(restarted.drain(List.of(subjectId)).block()).as("a second run finds nothing").isZero();
    }

    @Test
    void aCrashAfterPublishingButBeforeMarkingRepublishesTheSameEventIds() {
        relay.stop();
        String number = randomNumber();
        postOptIn(optInBody(number, List.of("offers")), randomAddress()).expectStatus().isAccepted();
        String subjectId = awaitSubjectWithOutbox(number);
        List<String> pending = outboxEventIds(subjectId);

        OutboxRelay crashing = new OutboxRelay(subjects, template, properties, TraceParents.UNTRACED) {
            @Override
            protected Mono<Void> markSent(String id, Set<String> eventIds) {
                return Mono.error(new IllegalStateException("simulated crash after publish"));
            }
        };
        assertThatThrownBy(() -> crashing.drain(List.of(subjectId)).block()).hasMessageContaining("simulated crash");
        assertThat(outboxEventIds(subjectId)).as("still pending after the crash").containsExactlyElementsOf(pending);

        new OutboxRelay(subjects, template, properties, TraceParents.UNTRACED).drain(List.of(subjectId)).block();

        assertThat(outboxEventIds(subjectId)).isEmpty();
        assertThat(publishedCounts(pending)).containsOnlyKeys(pending).allSatisfy((id, count) ->
                assertThat(count).as("same eventId, published twice, never lost").isEqualTo(2));
    }

    @Test
    void theRunningRelayPicksUpWhatACrashedInstanceLeftBehind() {
        relay.stop();
        String number = randomNumber();
        postOptIn(optInBody(number, List.of("support")), randomAddress()).expectStatus().isAccepted();
        String subjectId = awaitSubjectWithOutbox(number);
        relay.start();
        Instant deadline = Instant.now().plus(WAIT);
        while (!outboxEventIds(subjectId).isEmpty()) {
            assertThat(Instant.now()).as("periodic scan drains the outbox").isBefore(deadline);
            pause();
        }
        assertThat(awaitSendTo(number, r -> r.getTemplate() != null).getSubjectId()).isEqualTo(subjectId);
    }

    @Test
    void anOutboxHandedOverByItsWriteIsPublishedOnceAndClearedAtItsRevision() {
        WrittenOptIn optIn = writtenWhileTheRelayIsDown();
        String number = optIn.number();
        String subjectId = optIn.subjectId();
        PendingOutbox written = optIn.written();
        List<String> pending = optIn.eventIds();

        var fromMemory = fromMemory();
        assertThat(fromMemory.publish(List.of(new OutboxRelay.Written(subjectId, written.revision(),
                written.entries()))).block()).as("subjects whose events did not go out").isEmpty();

        assertThat(outboxEventIds(subjectId)).isEmpty();
        assertThat(subjects.rawDocument(subjectId).block().get("revision", Number.class).longValue())
                .isEqualTo(written.revision() + 1);
        assertThat(publishedCounts(pending)).containsOnlyKeys(pending).allSatisfy((id, count) ->
                assertThat(count).as(id).isEqualTo(1));
        assertSignedByConsentService(awaitSendTo(number, r -> r.getTemplate() != null));
    }

    @Test
    void aDocumentChangedAfterItsWriteKeepsItsNewerEventsAndNoneGoesOutTwice() {
        relay.stop();
        String number = randomNumber();
        postOptIn(optInBody(number, List.of("offers")), randomAddress()).expectStatus().isAccepted();
        String subjectId = awaitSubjectWithOutbox(number);
        PendingOutbox first = subjects.outboxOf(subjectId).block();
        // a second request for the same number writes the document again before the relay ran
        postOptIn(optInBody(number, List.of("support")), randomAddress()).expectStatus().isAccepted();
        PendingOutbox second = subjects.outboxOf(subjectId).block();
        List<String> firstIds = first.entries().stream().map(e -> e.eventId()).toList();
        List<String> allIds = second.entries().stream().map(e -> e.eventId()).toList();
        assertThat(second.revision()).isGreaterThan(first.revision());
        assertThat(allIds).containsAll(firstIds).hasSizeGreaterThan(firstIds.size());

        var fromMemory = fromMemory();
        fromMemory.publish(List.of(new OutboxRelay.Written(subjectId, first.revision(), first.entries()))).block();
        assertThat(outboxEventIds(subjectId)).as("only what the first write queued is gone")
                .containsExactlyElementsOf(allIds.stream().filter(id -> !firstIds.contains(id)).toList());

        fromMemory.publish(List.of(new OutboxRelay.Written(subjectId, second.revision(), second.entries()))).block();
        assertThat(outboxEventIds(subjectId)).isEmpty();
        assertThat(publishedCounts(allIds)).containsOnlyKeys(allIds).allSatisfy((id, count) ->
                assertThat(count).as("published once: " + id).isEqualTo(1));
    }

    @Test
    void anOutboxTheScanPublishedBeforeItsWriteHandedItOverGoesOutOnce() {
        WrittenOptIn optIn = writtenWhileTheRelayIsDown();
        String subjectId = optIn.subjectId();
        PendingOutbox written = optIn.written();
        List<String> pending = optIn.eventIds();

        // the scan read the document between its write and the write's hand-over; the hand-over arrives after
        OutboxRelay running = new OutboxRelay(subjects, template, properties, TraceParents.UNTRACED);
        assertThat(running.drain(List.of(subjectId)).block()).isEqualTo(3);
        new WrittenOutboxes(running, subjects).publish(List.of(new OutboxRelay.Written(subjectId,
                written.revision(), written.entries()))).block();

        assertThat(outboxEventIds(subjectId)).isEmpty();
        assertThat(publishedCounts(pending)).containsOnlyKeys(pending).allSatisfy((id, count) ->
                assertThat(count).as("published once: " + id).isEqualTo(1));
    }

    /** An opt-in written while the relay is stopped: its document, with its outbox as the write left it. */
    private WrittenOptIn writtenWhileTheRelayIsDown() {
        relay.stop();
        String number = randomNumber();
        postOptIn(optInBody(number, List.of("offers")), randomAddress()).expectStatus().isAccepted();
        String subjectId = awaitSubjectWithOutbox(number);
        return new WrittenOptIn(number, subjectId, subjects.outboxOf(subjectId).block(), outboxEventIds(subjectId));
    }

    private record WrittenOptIn(String number, String subjectId, PendingOutbox written, List<String> eventIds) {
    }

    private WrittenOutboxes fromMemory() {
        return new WrittenOutboxes(new OutboxRelay(subjects, template, properties, TraceParents.UNTRACED), subjects);
    }
}
