package io.consentflow.retention.adapters.kafka;

import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.retention.app.ErasurePublisher;
import io.consentflow.retention.domain.Erasure;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** ErasureRequested on retention-commands, keyed by subjectId (docs/architecture.md#topics). */
@Component
class KafkaErasurePublisher implements ErasurePublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Clock clock;

    KafkaErasurePublisher(KafkaTemplate<String, SpecificRecord> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    @Override
    public Mono<Void> publish(Erasure erasure, String eventId) {
        ErasureRequested command = ErasureRequested.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(clock.instant())
                .setProducer(Services.RETENTION)
                .setErasureId(erasure.erasureId())
                .setSubjectId(erasure.subjectId())
                .setScope(ErasureScope.valueOf(erasure.scope().name()))
                .setReason(ErasureReason.valueOf(erasure.reason().name()))
                .setDueAt(erasure.dueAt())
                .setRequiredReceipts(erasure.requiredReceipts())
                .setPurpose(erasure.purpose())
                .build();
        // send() may block on metadata: never on a Netty or MongoDB driver thread
        return Mono.fromFuture(() -> kafka.send(Topics.RETENTION_COMMANDS.name(), erasure.subjectId(), command))
                .subscribeOn(Schedulers.boundedElastic()).then();
    }
}
