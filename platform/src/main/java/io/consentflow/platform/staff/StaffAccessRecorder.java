package io.consentflow.platform.staff;

import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * Writes one {@code StaffAccessRecorded} (staff accountability, docs/architecture.md#staff-accountability) on the
 * topic this service writes them to ({@link Topics#staffAccessTopic}, one writer per topic), which audit-service
 * chains. The returned Mono completes only once the broker acknowledged the record, so a caller can refuse to read or
 * act without it; it fails with {@link NotRecorded} otherwise.
 */
public final class StaffAccessRecorder {

    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final String producer;
    private final TopicSpec topic;
    private final Clock clock;

    public StaffAccessRecorder(KafkaTemplate<String, SpecificRecord> kafka, String producer, Clock clock) {
        this.kafka = kafka;
        this.producer = producer;
        this.topic = Topics.staffAccessTopic(producer);
        this.clock = clock;
    }

    /** Records that the token's subject did {@code action} concerning {@code subjectId} (null: none or unknown). */
    public Mono<Void> record(Jwt token, String action, String subjectId, String reason) {
        List<String> roles = token.getClaimAsStringList("roles");
        StaffAccessRecorded record = StaffAccessRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant()).setProducer(producer)
                .setSubjectId(subjectId).setStaffSubject(token.getSubject())
                .setStaffRoles(roles == null ? List.of() : roles).setAction(action).setReason(reason).build();
        return Mono.fromFuture(() -> kafka.send(topic.name(), subjectId, record))
                .timeout(PUBLISH_TIMEOUT)
                .onErrorMap(NotRecorded::new)
                .then();
    }

    /** The broker did not acknowledge the record in time: nothing may be read or done (503). */
    public static final class NotRecorded extends RuntimeException {
        NotRecorded(Throwable cause) {
            super("staff access record not acknowledged", cause);
        }
    }
}
