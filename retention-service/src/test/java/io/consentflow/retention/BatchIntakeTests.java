package io.consentflow.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageSent;
import io.consentflow.retention.app.DeadlineService;
import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.platform.idempotency.ProcessedEvents;
import io.consentflow.retention.adapters.kafka.ListenerIntake;
import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.DeadlineKey;
import io.consentflow.retention.domain.DeadlineKind;
import io.consentflow.retention.domain.RetentionEvent.Type;
import io.consentflow.retention.domain.RetentionEvent;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The batch intake keeps the one-by-one guarantees: same deadlines, each eventId applied once, a poison record in a
 * batch dead-lettered while the records around it are handled, and a write that raced another writer not applied.
 */
@RetentionServiceTest
class BatchIntakeTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    private DeadlineService service;
    @Autowired
    private DeadlineStore store;
    @Autowired
    private MutableClock clock;
    @Autowired
    private ProcessedEvents processed;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    @Autowired
    private ListenerIntake intake;

    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Test
    void aBatchLeavesTheSameDeadlinesAsTheSameEventsOneByOne() {
        String oneByOne = UUID.randomUUID().toString();
        String batched = UUID.randomUUID().toString();
        List<RetentionEvent> first = story(oneByOne);
        List<RetentionEvent> second = story(batched);

        first.forEach(event -> service.handle(event).block(WAIT));
        service.handleAll(second).block(WAIT);

        Map<String, Integer> firstIndex = indexOf(first);
        Map<String, Integer> secondIndex = indexOf(second);
        List<Deadline> expected = store.bySubject(oneByOne).collectList().block(WAIT);
        List<Deadline> actual = store.bySubject(batched).collectList().block(WAIT);
        assertThat(expected).hasSize(4); // pending, message log, inactive consent, consent proof
        assertThat(comparable(actual, batched, secondIndex)).containsExactlyInAnyOrderElementsOf(
                comparable(expected, oneByOne, firstIndex));
    }

    @Test
    void aRedeliveredBatchChangesNothingTwice() {
        String subject = UUID.randomUUID().toString();
        Instant at = clock.instant();
        RetentionEvent sent = RetentionEvent.of(Type.MESSAGE_RECORDED, Events.newEventId(), subject, at);
        RetentionEvent erased = RetentionEvent.of(Type.MESSAGE_LOG_ERASED, Events.newEventId(), subject,
                at.plusSeconds(1));
        // the same event twice in one batch counts once
        intake.apply(List.of(sent, sent)).block(WAIT);
        intake.apply(List.of(erased)).block(WAIT);
        Deadline done = messageLog(subject);
        assertThat(done.status()).isEqualTo(Deadline.Status.COMPLETED);

        clock.advance(Duration.ofMinutes(1));
        // applied again, the MessageSent would start a new message-log cycle and the receipt would complete it again
        intake.apply(List.of(sent, erased)).block(WAIT);
        assertThat(messageLog(subject)).isEqualTo(done);
    }

    @Test
    void aMessageRecordedIsAppliedWithoutBeingRememberedAndItsRedeliveryChangesNothing() {
        String subject = UUID.randomUUID().toString();
        Instant at = clock.instant();
        RetentionEvent requested = RetentionEvent.of(Type.OPT_IN_REQUESTED, Events.newEventId(), subject, at);
        RetentionEvent sent = RetentionEvent.of(Type.MESSAGE_RECORDED, Events.newEventId(), subject, at);
        intake.apply(List.of(requested, sent)).block(WAIT);

        assertThat(processed.seenAmong(List.of(requested.eventId(), sent.eventId())).block(WAIT))
                .as("one stored eventId per send saved; the other events still remembered")
                .containsExactly(requested.eventId());
        Deadline first = messageLog(subject);
        assertThat(first.status()).isEqualTo(Deadline.Status.SCHEDULED);
        clock.advance(Duration.ofMinutes(1));
        intake.apply(List.of(sent)).block(WAIT);
        assertThat(messageLog(subject)).as("the same message again moves nothing").isEqualTo(first);
    }

    @Test
    void aPoisonRecordInTheMiddleOfABatchGoesToTheDltAndTheOthersAreHandled() {
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString(); // one key: one partition, so the three records come in one poll
        byte[] poison = "not an avro event".getBytes(StandardCharsets.UTF_8);
        var container = listeners.getListenerContainer("retention-events");
        container.pause();
        try {
            await().atMost(WAIT).until(container::isContainerPaused);
            kafka.publish(Topics.MESSAGE_EVENTS.name(), key, messageSent(before, clock.instant()));
            kafka.publishRaw(Topics.MESSAGE_EVENTS.name(), key, poison);
            kafka.publish(Topics.MESSAGE_EVENTS.name(), key, messageSent(after, clock.instant()));
        } finally {
            container.resume();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(store.find(DeadlineKey.of(before, DeadlineKind.MESSAGE_LOG)).block(WAIT)).isNotNull();
            assertThat(store.find(DeadlineKey.of(after, DeadlineKind.MESSAGE_LOG)).block(WAIT)).isNotNull();
        });
        var dead = kafka.readAllRaw(Topics.MESSAGE_EVENTS.deadLetter().name(), WAIT).stream()
                .filter(record -> key.equals(record.key())).toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(poison);
        Map<String, String> headers = new java.util.HashMap<>();
        for (Header header : dead.get(0).headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsKeys("kafka_dlt-exception-fqcn", "kafka_dlt-exception-message",
                "kafka_dlt-original-topic", "kafka_dlt-original-offset");
        assertThat(headers.get("kafka_dlt-original-topic")).isEqualTo(Topics.MESSAGE_EVENTS.name());
    }

    @Test
    void aWriteThatRacedAnotherWriterIsReportedAndNotApplied() {
        String subject = UUID.randomUUID().toString();
        service.handle(RetentionEvent.of(Type.MESSAGE_RECORDED, Events.newEventId(), subject, clock.instant()))
                .block(WAIT);
        Deadline stored = messageLog(subject);
        Deadline stale = new Deadline(stored.key(), stored.status(), stored.dueAt(), stored.reason(),
                stored.erasureId(), stored.lastEventId(), stored.updatedAt(), stored.version() - 1);
        Deadline next = new Deadline(stored.key(), stored.status(), stored.dueAt().plusSeconds(60), stored.reason(),
                stored.erasureId(), "other", clock.instant(), stale.version());
        String fresh = UUID.randomUUID().toString();
        // due tomorrow: a deadline due now would be fired by the scheduler, which bumps its version meanwhile
        Deadline inserted = new Deadline(DeadlineKey.of(fresh, DeadlineKind.MESSAGE_LOG), Deadline.Status.SCHEDULED,
                clock.instant().plus(Duration.ofDays(1)), DeadlineKind.Reason.MESSAGE_LOG_EXPIRED, "e", "x",
                clock.instant(), 0);

        var raced = store.saveAll(List.of(new DeadlineStore.Change(next, stale),
                new DeadlineStore.Change(inserted, null))).block(WAIT);

        assertThat(raced).containsExactly(stored.key());
        assertThat(messageLog(subject)).isEqualTo(stored);
        assertThat(messageLog(fresh).version()).isEqualTo(1);
    }

    /**
     * One subject's consent and message history, as consent-service and the gateway would produce it. Nothing in it
     * falls due while the test runs (the scheduler would fire it between the two runs): no purpose end dates, no
     * immediate message-log erasure.
     */
    private List<RetentionEvent> story(String subject) {
        Instant t = clock.instant().minus(Duration.ofDays(1));
        List<RetentionEvent> events = new ArrayList<>();
        events.add(RetentionEvent.of(Type.OPT_IN_REQUESTED, Events.newEventId(), subject, t));
        events.add(new RetentionEvent(Type.OPT_IN_CONFIRMED, Events.newEventId(), subject, t.plusSeconds(60),
                List.of("offers", "support"), null, null, false));
        for (int i = 0; i < 5; i++) {
            events.add(RetentionEvent.of(Type.MESSAGE_RECORDED, Events.newEventId(), subject, t.plusSeconds(100 + i)));
        }
        events.add(RetentionEvent.of(Type.MESSAGE_RECORDED, Events.newEventId(), subject, t.plusSeconds(90)));
        events.add(new RetentionEvent(Type.PREFERENCES_CHANGED, Events.newEventId(), subject, t.plusSeconds(200),
                List.of("offers"), null, null, false));
        events.add(RetentionEvent.of(Type.STOP_RECEIVED, Events.newEventId(), subject, t.plusSeconds(300)));
        events.add(RetentionEvent.of(Type.MESSAGE_LOG_ERASED, Events.newEventId(), subject, t.plusSeconds(310)));
        events.add(RetentionEvent.of(Type.OPT_IN_REQUESTED, Events.newEventId(), subject, t.plusSeconds(400)));
        events.add(new RetentionEvent(Type.OPT_IN_CONFIRMED, Events.newEventId(), subject, t.plusSeconds(460),
                List.of("support"), null, null, false));
        events.add(RetentionEvent.of(Type.MESSAGE_RECORDED, Events.newEventId(), subject, t.plusSeconds(500)));
        events.add(new RetentionEvent(Type.SUBJECT_ERASED, Events.newEventId(), subject, t.plusSeconds(600),
                List.of(), UUID.randomUUID().toString(), DeadlineKind.Scope.SUBJECT, false));
        return events;
    }

    /** A deadline without what must differ between two subjects: ids become positions, erasureIds presence. */
    private static List<String> comparable(List<Deadline> deadlines, String subject, Map<String, Integer> index) {
        return deadlines.stream().map(d -> String.join(" ", d.key().id().replace(subject, "S"), d.status().name(),
                d.dueAt().toString(), d.reason().name(), String.valueOf(d.erasureId() != null),
                String.valueOf(index.get(d.lastEventId())), d.updatedAt().toString())).toList();
    }

    private static Map<String, Integer> indexOf(List<RetentionEvent> events) {
        return events.stream().collect(Collectors.toMap(RetentionEvent::eventId, events::indexOf));
    }

    private Deadline messageLog(String subject) {
        return Objects.requireNonNull(store.find(DeadlineKey.of(subject, DeadlineKind.MESSAGE_LOG)).block(WAIT));
    }

    private static MessageSent messageSent(String subject, Instant at) {
        String requestId = UUID.randomUUID().toString();
        return MessageSent.newBuilder().setEventId(Events.newEventId()).setOccurredAt(at)
                .setProducer(Services.GATEWAY).setRequestId(requestId).setSubjectId(subject)
                .setWamid("wamid." + requestId).setCategory(MessageCategory.MARKETING).setPurpose("offers").build();
    }
}
