package io.consentflow.consent.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.app.EventEncoder;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.OptInSource;
import io.consentflow.consent.domain.Subject;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.OptInExpired;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OptInExpiryTests extends IntegrationTestSupport {

    @Autowired
    ExpirePendingOptIns expiry;
    @Autowired
    ConsentLifecycle lifecycle;
    @Autowired
    EventEncoder encoder;

    @Test
    void anOptInNotConfirmedWithin48HoursExpiresAndItsDataIsDeleted() {
        String number = randomNumber();
        Instant requestedAt = Instant.now().minus(Duration.ofHours(49)).truncatedTo(ChronoUnit.MILLIS);
        Subject subject = Subject.create(UUID.randomUUID().toString(), contactKeys.of(number), number, "de",
                requestedAt);
        lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.API, "de", new Evidence(null, requestedAt,
                "API", "192.0.2.1", "test", null, "2026-11", "text", Evidence.sha256Hex("text"), null), requestedAt);
        subject.encodeQueued(event -> encoder.encode(event, null));
        subjects.save(subjects.newSubject(subject)).block();

        assertThat(expiry.expireDue().block()).isGreaterThanOrEqualTo(1);

        OptInExpired expired = kafka.await(Topics.CONSENT_EVENTS.name(), OptInExpired.class,
                e -> e.getSubjectId().equals(subject.subjectId()), WAIT);
        assertThat(expired.getOptInId()).isEqualTo(subject.pending().optInId());
        assertThat(awaitSnapshot(number, ConsentStatus.EXPIRED).getSubjectId()).isEqualTo(subject.subjectId());
        String key = contactKeys.of(number);
        assertThat(kafka.awaitRecords(Topics.CONSENT_STATE.name(), r -> key.equals(r.key()) && r.value() == null, 1,
                WAIT)).hasSize(1);
        Instant deadline = Instant.now().plus(WAIT);
        while (subjects.rawDocument(subject.subjectId()).blockOptional().isPresent()) {
            assertThat(Instant.now()).as("pending data deleted").isBefore(deadline);
            pause();
        }
    }
}
