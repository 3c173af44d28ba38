package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.adapters.kafka.OutboxRelay.Written;
import io.consentflow.consent.app.ConcurrentUpdateException;
import io.consentflow.consent.app.OutboxStore;
import io.consentflow.consent.domain.OutboxEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.support.SendResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The relay's path for outboxes handed over by the write that filled them: published from memory (the document is
 * not read back), then every such document still at its written revision is cleared in one round trip. A document
 * changed in between has the published entries removed one by one, as the read path does. Runs on the relay's
 * thread only. Entries the relay lately saw acknowledged ({@link AcknowledgedEvents}) are not published again.
 */
final class WrittenOutboxes {

    private static final int PARALLEL_REMOVALS = 16;

    private final OutboxRelay relay;
    private final OutboxStore subjects;

    WrittenOutboxes(OutboxRelay relay, OutboxStore subjects) {
        this.relay = relay;
        this.subjects = subjects;
    }

    /** Publishes each subject's entries and clears its outbox; emits the subjects whose entries did not go out. */
    Mono<List<String>> publish(List<Written> batch) {
        if (batch.isEmpty()) {
            return Mono.just(List.of());
        }
        List<List<CompletableFuture<SendResult<String, SpecificRecord>>>> sends = new ArrayList<>(batch.size());
        for (Written written : batch) {
            List<CompletableFuture<SendResult<String, SpecificRecord>>> futures = new ArrayList<>();
            for (OutboxEntry entry : written.entries()) {
                if (!relay.acknowledged().contains(entry)) {
                    futures.add(relay.send(entry));
                }
            }
            sends.add(futures);
        }
        return Flux.range(0, batch.size()).concatMap(i -> OutboxRelay.allAcknowledged(sends.get(i))).collectList()
                .flatMap(acks -> {
                    List<String> failed = new ArrayList<>();
                    Map<String, Long> revisions = new LinkedHashMap<>();
                    List<Written> acknowledged = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        Written written = batch.get(i);
                        if (acks.get(i)) {
                            relay.acknowledged().addAll(written.entries());
                            revisions.put(written.subjectId(), written.revision());
                            acknowledged.add(written);
                        } else {
                            failed.add(written.subjectId());
                        }
                    }
                    return subjects.clearOutboxesAt(revisions)
                            .flatMap(cleared -> cleared < revisions.size() ? removeOneByOne(acknowledged)
                                    : Mono.<Void>empty())
                            .thenReturn(failed);
                });
    }

    /** Some document moved on since its write: remove what was published (nothing where the clear matched). */
    private Mono<Void> removeOneByOne(List<Written> acknowledged) {
        return Flux.fromIterable(acknowledged).flatMap(written -> {
            Set<String> ids = new HashSet<>();
            written.entries().forEach(entry -> ids.add(entry.eventId()));
            return relay.markSent(written.subjectId(), ids)
                    .retryWhen(Retry.max(10).filter(ConcurrentUpdateException.class::isInstance));
        }, PARALLEL_REMOVALS).then();
    }
}
