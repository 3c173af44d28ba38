package io.consentflow.retention.domain;

import static io.consentflow.retention.domain.RetentionEvent.Type.MESSAGE_RECORDED;
import static io.consentflow.retention.domain.RetentionEvent.Type.OPT_IN_CONFIRMED;
import static io.consentflow.retention.domain.RetentionEvent.Type.OPT_IN_EXPIRED;
import static io.consentflow.retention.domain.RetentionEvent.Type.OPT_IN_REQUESTED;
import static io.consentflow.retention.domain.RetentionEvent.Type.PREFERENCES_CHANGED;
import static io.consentflow.retention.domain.RetentionEvent.Type.STOP_RECEIVED;
import static io.consentflow.retention.domain.RetentionEvent.Type.SUBJECT_ERASED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every policy path, event by event, on a clock the test controls (pure domain: no Spring, Kafka or MongoDB). */
class DeadlineRulesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate FAIR_LAST_DAY = LocalDate.of(2027, 6, 30);

    private final RetentionPolicies policies = new RetentionPolicies("test", BERLIN, List.of(
            policy("pending", PolicyKind.PENDING_OPT_IN, "PT48H"),
            policy("log", PolicyKind.MESSAGE_LOG, "P90D"),
            policy("proof", PolicyKind.CONSENT_PROOF, "P3Y"),
            policy("inactive", PolicyKind.INACTIVE_CONSENT, "P24M"),
            new RetentionPolicy("fair", PolicyKind.PURPOSE_END, null, "event-updates", FAIR_LAST_DAY, null, List.of(),
                    "b", "d")));
    private final DeadlineRules rules = new DeadlineRules(policies);
    private final Map<DeadlineKey, Deadline> deadlines = new HashMap<>();
    private final AtomicInteger erasureIds = new AtomicInteger();
    private final String subject = UUID.randomUUID().toString();
    private Instant now = ZonedDateTime.of(2026, 11, 29, 6, 0, 0, 0, BERLIN).toInstant();

    @Test
    void aPendingOptInExpiresAfter48HoursAndANewRequestRestartsTheClock() {
        apply(OPT_IN_REQUESTED);
        assertThat(deadline(DeadlineKind.PENDING_OPT_IN).dueAt()).isEqualTo(now.plus(Duration.ofHours(48)));
        String erasureId = deadline(DeadlineKind.PENDING_OPT_IN).erasureId();

        later(Duration.ofHours(30));
        apply(OPT_IN_REQUESTED);
        assertThat(deadline(DeadlineKind.PENDING_OPT_IN).dueAt()).isEqualTo(now.plus(Duration.ofHours(48)));
        assertThat(deadline(DeadlineKind.PENDING_OPT_IN).erasureId()).as("same cycle, same erasure").isEqualTo(erasureId);
    }

    @Test
    void confirmationCancelsThePendingDeadlineAndStartsTheInactivityClockWhichLaterConfirmationsMove() {
        apply(OPT_IN_REQUESTED);
        later(Duration.ofHours(1));
        apply(OPT_IN_CONFIRMED, "offers");

        assertThat(deadline(DeadlineKind.PENDING_OPT_IN).status()).isEqualTo(Deadline.Status.CANCELLED);
        assertThat(deadline(DeadlineKind.INACTIVE_CONSENT).dueAt())
                .isEqualTo(now.atZone(BERLIN).plusMonths(24).toInstant());

        Instant firstConfirmation = now;
        later(Duration.ofDays(200));
        apply(OPT_IN_CONFIRMED, "offers");
        assertThat(deadline(DeadlineKind.INACTIVE_CONSENT).dueAt())
                .isEqualTo(now.atZone(BERLIN).plusMonths(24).toInstant());

        // a late-delivered older confirmation never pulls the deadline back
        Instant current = deadline(DeadlineKind.INACTIVE_CONSENT).dueAt();
        applyAt(OPT_IN_CONFIRMED, firstConfirmation, "offers");
        assertThat(deadline(DeadlineKind.INACTIVE_CONSENT).dueAt()).isEqualTo(current);
    }

    @Test
    void stopStartsTheThreeYearProofClockAndEndsConsentDeadlines() {
        apply(OPT_IN_CONFIRMED, "offers", "event-updates");
        assertThat(deadline(DeadlineKind.PURPOSE_END, "event-updates").status()).isEqualTo(Deadline.Status.SCHEDULED);
        later(Duration.ofDays(10));
        apply(STOP_RECEIVED);

        assertThat(deadline(DeadlineKind.CONSENT_PROOF).dueAt()).isEqualTo(now.atZone(BERLIN).plusYears(3).toInstant());
        assertThat(deadline(DeadlineKind.INACTIVE_CONSENT).status()).isEqualTo(Deadline.Status.CANCELLED);
        assertThat(deadline(DeadlineKind.PURPOSE_END, "event-updates").status()).isEqualTo(Deadline.Status.CANCELLED);

        later(Duration.ofDays(30));
        apply(OPT_IN_CONFIRMED, "offers");
        assertThat(deadline(DeadlineKind.CONSENT_PROOF).status()).as("consent again: nothing to prove a withdrawal for")
                .isEqualTo(Deadline.Status.CANCELLED);
        assertThat(deadline(DeadlineKind.INACTIVE_CONSENT).status()).isEqualTo(Deadline.Status.SCHEDULED);
    }

    @Test
    void theMessageLogIsKept90DaysFromTheLastMessage() {
        apply(MESSAGE_RECORDED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).dueAt()).isEqualTo(now.atZone(BERLIN).plusDays(90).toInstant());
        later(Duration.ofDays(45));
        apply(MESSAGE_RECORDED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).dueAt()).isEqualTo(now.atZone(BERLIN).plusDays(90).toInstant());
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).reason()).isEqualTo(DeadlineKind.Reason.MESSAGE_LOG_EXPIRED);

        apply(RetentionEvent.Type.MESSAGE_LOG_ERASED); // e.g. answering an Art. 17 erasure: nothing left to expire
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).status()).isEqualTo(Deadline.Status.COMPLETED);
        later(Duration.ofDays(1));
        apply(MESSAGE_RECORDED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).status()).isEqualTo(Deadline.Status.SCHEDULED);
    }

    @Test
    void aPurposeEndsAfterItsLastDayInTheDocumentsZoneAndOnlyWhileGranted() {
        apply(OPT_IN_CONFIRMED, "event-updates");
        Deadline fair = deadline(DeadlineKind.PURPOSE_END, "event-updates");
        assertThat(fair.dueAt()).isEqualTo(FAIR_LAST_DAY.plusDays(1).atStartOfDay(BERLIN).toInstant());
        assertThat(fair.reason()).isEqualTo(DeadlineKind.Reason.PURPOSE_ENDED);

        later(Duration.ofDays(1));
        apply(PREFERENCES_CHANGED, "offers");
        assertThat(deadline(DeadlineKind.PURPOSE_END, "event-updates").status()).isEqualTo(Deadline.Status.CANCELLED);
    }

    @Test
    void narrowingPreferencesToNothingIsAWithdrawal() {
        apply(OPT_IN_CONFIRMED, "offers");
        later(Duration.ofDays(3));
        apply(PREFERENCES_CHANGED);
        assertThat(deadline(DeadlineKind.CONSENT_PROOF).dueAt()).isEqualTo(now.atZone(BERLIN).plusYears(3).toInstant());
        assertThat(deadline(DeadlineKind.INACTIVE_CONSENT).status()).isEqualTo(Deadline.Status.CANCELLED);
    }

    @Test
    void optInExpiredCompletesThePendingDeadline() {
        apply(OPT_IN_REQUESTED);
        later(Duration.ofHours(48));
        apply(OPT_IN_EXPIRED);
        assertThat(deadline(DeadlineKind.PENDING_OPT_IN).status()).isEqualTo(Deadline.Status.COMPLETED);
    }

    @Test
    void aSubjectErasedOnConsentServicesOwnInitiativeCompletesConsentDeadlinesAndRequestsTheMessageLogAtOnce() {
        apply(OPT_IN_CONFIRMED, "offers");
        apply(MESSAGE_RECORDED);
        later(Duration.ofDays(2));
        RetentionEvent erased = new RetentionEvent(SUBJECT_ERASED, UUID.randomUUID().toString(), subject, now,
                List.of(), null, DeadlineKind.Scope.SUBJECT, false);
        rules.instructionsFor(erased).forEach(instruction -> step(instruction, erased.eventId()));

        assertThat(deadline(DeadlineKind.INACTIVE_CONSENT).status()).isEqualTo(Deadline.Status.COMPLETED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).dueAt()).isEqualTo(now);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).reason()).isEqualTo(DeadlineKind.Reason.SUBJECT_REQUEST);
    }

    @Test
    void theEndOfOnePurposeCompletesOnlyThatPurposeAndKeepsTheSubjectsOtherDeadlines() {
        apply(OPT_IN_CONFIRMED, "offers", "event-updates");
        apply(MESSAGE_RECORDED);
        later(Duration.ofDays(2));
        for (RetentionEvent.Type receipt : List.of(SUBJECT_ERASED, RetentionEvent.Type.MESSAGE_LOG_ERASED)) {
            RetentionEvent event = new RetentionEvent(receipt, UUID.randomUUID().toString(), subject, now,
                    List.of("event-updates"), "erasure-fair", DeadlineKind.Scope.SUBJECT, false);
            assertThat(event.purposeOnly()).isTrue();
            rules.instructionsFor(event).forEach(instruction -> step(instruction, event.eventId()));
        }

        assertThat(deadline(DeadlineKind.PURPOSE_END, "event-updates").status()).isEqualTo(Deadline.Status.COMPLETED);
        assertThat(deadline(DeadlineKind.INACTIVE_CONSENT).status()).isEqualTo(Deadline.Status.SCHEDULED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).status()).as("the other purposes' messages keep their 90 days")
                .isEqualTo(Deadline.Status.SCHEDULED);
        assertThat(DeadlineKind.PURPOSE_END.requiredReceipts()).containsExactly("SubjectErased", "MessageLogErased");
    }

    @Test
    void anEventAfterTheDeadlineFiredStartsANewCycleWithANewErasureId() {
        apply(MESSAGE_RECORDED);
        Deadline first = deadline(DeadlineKind.MESSAGE_LOG);
        DeadlineKey key = first.key();
        deadlines.put(key, new Deadline(key, Deadline.Status.FIRED, first.dueAt(), first.reason(), first.erasureId(),
                first.lastEventId(), now, first.version()));

        later(Duration.ofDays(100));
        apply(MESSAGE_RECORDED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).status()).isEqualTo(Deadline.Status.SCHEDULED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).erasureId()).isNotEqualTo(first.erasureId());
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).dueAt()).isEqualTo(now.atZone(BERLIN).plusDays(90).toInstant());
    }

    @Test
    void aMessageTheErasedLogAlreadyCoveredDoesNotOpenANewCycle() {
        apply(MESSAGE_RECORDED);
        Instant sentAt = now;
        later(Duration.ofDays(1));
        apply(RetentionEvent.Type.MESSAGE_LOG_ERASED);
        Deadline done = deadline(DeadlineKind.MESSAGE_LOG);
        assertThat(done.status()).isEqualTo(Deadline.Status.COMPLETED);

        // the message read again (its eventId is not remembered): covered by the erased cycle, nothing changes
        RetentionEvent again = RetentionEvent.of(MESSAGE_RECORDED, UUID.randomUUID().toString(), subject, sentAt);
        rules.instructionsFor(again).forEach(instruction -> step(instruction, again.eventId()));
        assertThat(deadline(DeadlineKind.MESSAGE_LOG)).isEqualTo(done);
        // a message after the erasure starts the next cycle
        apply(MESSAGE_RECORDED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).status()).isEqualTo(Deadline.Status.SCHEDULED);
        assertThat(deadline(DeadlineKind.MESSAGE_LOG).erasureId()).isNotEqualTo(done.erasureId());
    }

    @Test
    void anArt17RequestIsDueAtOnce() {
        step(rules.subjectRequest(subject, now), "art17");
        Deadline request = deadline(DeadlineKind.SUBJECT_REQUEST);
        assertThat(request.dueAt()).isEqualTo(now);
        assertThat(request.reason()).isEqualTo(DeadlineKind.Reason.SUBJECT_REQUEST);
        assertThat(request.key().kind().requiredReceipts()).containsExactly("SubjectErased", "MessageLogErased");
    }

    @Test
    void cancellingADeadlineThatNeverExistedCreatesNothing() {
        apply(STOP_RECEIVED);
        assertThat(deadlines).containsOnlyKeys(DeadlineKey.of(subject, DeadlineKind.CONSENT_PROOF));
    }

    private void apply(RetentionEvent.Type type, String... purposes) {
        applyAt(type, now, purposes);
    }

    private void applyAt(RetentionEvent.Type type, Instant at, String... purposes) {
        RetentionEvent event = new RetentionEvent(type, UUID.randomUUID().toString(), subject, at, List.of(purposes),
                null, null, false);
        rules.instructionsFor(event).forEach(instruction -> step(instruction, event.eventId()));
    }

    private void step(Instruction instruction, String eventId) {
        Deadline next = Deadline.apply(deadlines.get(instruction.key()), instruction, eventId, now,
                () -> "erasure-" + erasureIds.incrementAndGet());
        if (next != null) {
            deadlines.put(instruction.key(), next);
        }
    }

    private void later(Duration duration) {
        now = now.plus(duration);
    }

    private Deadline deadline(DeadlineKind kind) {
        return deadline(kind, null);
    }

    private Deadline deadline(DeadlineKind kind, String purpose) {
        return deadlines.get(new DeadlineKey(subject, kind, purpose));
    }

    private static RetentionPolicy policy(String id, PolicyKind kind, String period) {
        return new RetentionPolicy(id, kind, RetentionPeriod.parse(period), null, null, null, List.of(), "b", "d");
    }
}
