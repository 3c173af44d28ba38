package io.consentflow.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ErasureRequested;
import io.consentflow.retention.app.DeadlineService;
import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.retention.app.ErasurePublisher;
import io.consentflow.retention.app.ErasureScheduler;
import io.consentflow.retention.app.ErasureStore;
import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.DeadlineKey;
import io.consentflow.retention.domain.DeadlineKind;
import io.consentflow.retention.domain.RetentionEvent;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two scheduler replicas (plus the service's own background one) race over the same real MongoDB: every due deadline
 * is claimed and its ErasureRequested sent exactly once; a replica that dies holding a claim is taken over after its
 * lease, with the same erasureId.
 */
@RetentionServiceTest
class SchedulerRaceTests {

    private static final int SUBJECTS = 40;
    private static final Duration LEASE = Duration.ofMinutes(1);

    @Autowired
    private DeadlineService deadlineService;
    @Autowired
    private DeadlineStore deadlines;
    @Autowired
    private ErasureStore erasures;
    @Autowired
    private ErasurePublisher publisher;
    @Autowired
    private MutableClock clock;

    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Test
    void eachDueDeadlineFiresExactlyOnceWithTwoRacingReplicas() {
        List<String> subjects = IntStream.range(0, SUBJECTS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        subjects.forEach(this::pendingOptInAlreadyDue);

        List<String> sentByA = Collections.synchronizedList(new ArrayList<>());
        List<String> sentByB = Collections.synchronizedList(new ArrayList<>());
        ErasureScheduler a = replica("replica-a", sentByA, clock);
        ErasureScheduler b = replica("replica-b", sentByB, clock);
        Mono.zip(a.fireDue().subscribeOn(Schedulers.boundedElastic()),
                b.fireDue().subscribeOn(Schedulers.boundedElastic())).block(Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(subjects).allSatisfy(subject ->
                assertThat(status(subject)).isEqualTo(Deadline.Status.FIRED)));
        List<String> both = new ArrayList<>(sentByA);
        both.addAll(sentByB);
        assertThat(both).doesNotHaveDuplicates();
        assertThat(sentByA).as("both replicas took part").isNotEmpty();
        assertThat(sentByB).as("both replicas took part").isNotEmpty();

        Map<String, Integer> commandsPerSubject = commandsOnTheBroker(new HashSet<>(subjects));
        assertThat(commandsPerSubject).hasSize(SUBJECTS).allSatisfy((subject, count) -> assertThat(count).isEqualTo(1));
        assertThat(subjects).allSatisfy(subject ->
                assertThat(erasures.bySubject(subject).collectList().block()).hasSize(1));
    }

    @Test
    void aClaimHeldByADeadReplicaIsTakenOverAfterItsLeaseWithTheSameErasureId() {
        String subject = UUID.randomUUID().toString();
        deadlineService.handle(RetentionEvent.of(RetentionEvent.Type.OPT_IN_REQUESTED, UUID.randomUUID().toString(),
                subject, clock.instant())).block();
        DeadlineKey key = DeadlineKey.of(subject, DeadlineKind.PENDING_OPT_IN);
        String erasureId = deadlines.find(key).block().erasureId();
        // a replica whose clock is 48 h ahead claims everything due by then (ours included) and dies
        var deadReplicasNow = clock.instant().plus(Duration.ofHours(48)).plusSeconds(1);
        while (status(subject) != Deadline.Status.FIRING) {
            assertThat(deadlines.claimNextDue(deadReplicasNow, "dead-replica", LEASE).block()).isNotNull();
        }

        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        clock.advance(Duration.ofHours(48).plusSeconds(30));
        replica("replica-c", sent, clock).fireDue().block();
        assertThat(status(subject)).as("lease still held").isEqualTo(Deadline.Status.FIRING);
        assertThat(sent).doesNotContain(erasureId);

        clock.advance(LEASE);
        replica("replica-c", sent, clock).fireDue().block();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(status(subject)).isEqualTo(Deadline.Status.FIRED));
        assertThat(commandsOnTheBroker(Set.of(subject))).containsEntry(subject, 1);
        assertThat(erasures.bySubject(subject).collectList().block()).singleElement()
                .satisfies(erasure -> assertThat(erasure.erasureId()).isEqualTo(erasureId));
    }

    private void pendingOptInAlreadyDue(String subject) {
        deadlineService.handle(RetentionEvent.of(RetentionEvent.Type.OPT_IN_REQUESTED, UUID.randomUUID().toString(),
                subject, clock.instant().minus(Duration.ofHours(49)))).block();
    }

    private ErasureScheduler replica(String name, List<String> sent, java.time.Clock clock) {
        ErasurePublisher recording = (erasure, eventId) -> publisher.publish(erasure, eventId)
                .doOnSuccess(done -> sent.add(erasure.erasureId()));
        return new ErasureScheduler(name, deadlines, erasures, recording, clock, LEASE, Duration.ofHours(1), 500);
    }

    private Deadline.Status status(String subject) {
        return deadlines.find(DeadlineKey.of(subject, DeadlineKind.PENDING_OPT_IN)).block().status();
    }

    /** Reads retention-commands to its end and counts ErasureRequested per subject of interest. */
    private Map<String, Integer> commandsOnTheBroker(Set<String> subjects) {
        Map<String, Integer> counts = new HashMap<>();
        try (var deserializer = new AvroEventDeserializer()) {
            for (var record : kafka.readAllRaw(Topics.RETENTION_COMMANDS.name(), Duration.ofSeconds(30))) {
                if (deserializer.deserialize(record.topic(), record.value()) instanceof ErasureRequested command
                        && subjects.contains(command.getSubjectId())) {
                    counts.merge(command.getSubjectId(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
