package io.consentflow.retention.app;

import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.DeadlineKey;
import io.consentflow.retention.domain.DeadlineKind;
import io.consentflow.retention.domain.DeadlinePlan;
import io.consentflow.retention.domain.DeadlineRules;
import io.consentflow.retention.domain.Erasure;
import io.consentflow.retention.domain.Instruction;
import io.consentflow.retention.domain.RetentionEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Applies consent and message events to the deadlines and receipts, and takes Art. 17 requests. */
@Service
public class DeadlineService {

    private static final int MAX_ATTEMPTS = 20;

    private final DeadlineRules rules;
    private final DeadlineStore deadlines;
    private final ErasureStore erasures;
    private final Clock clock;

    public DeadlineService(DeadlineRules rules, DeadlineStore deadlines, ErasureStore erasures, Clock clock) {
        this.rules = rules;
        this.deadlines = deadlines;
        this.erasures = erasures;
        this.clock = clock;
    }

    /** Applies one event; safe to repeat after a crash half-way (all steps idempotent). */
    public Mono<Void> handle(RetentionEvent event) {
        return handleAll(List.of(event));
    }

    /**
     * Applies a batch as if its events came one by one, in order: one plan per deadline, read in one query and written
     * in one bulk write; receipts matched per event (rare). The listener hands over only events not applied before
     * (platform's IdempotentConsumer on {@code processed_events}, which remembers their ids after this succeeded;
     * messages recorded are never remembered, {@link RetentionEvent#rememberedById}). A crash half-way, or between
     * this and the remember, is safe to repeat: reapplying a plan is idempotent.
     */
    public Mono<Void> handleAll(List<RetentionEvent> batch) {
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        DeadlinePlan plan = DeadlinePlan.of(rules, batch);
        return write(plan, plan.keys(), 1)
                .then(Flux.fromIterable(batch).filter(e -> e.receiptType() != null)
                        .concatMap(this::recordReceipt).then());
    }

    /** Reads the keys' deadlines, applies the plan and writes the changed ones; rereads only what raced. */
    private Mono<Void> write(DeadlinePlan plan, Set<DeadlineKey> keys, int attempt) {
        return deadlines.findAll(keys).flatMap(current -> {
            Instant now = clock.instant();
            List<DeadlineStore.Change> changes = new ArrayList<>();
            for (var key : keys) {
                Deadline before = current.get(key);
                Deadline after = plan.apply(key, before, now, () -> UUID.randomUUID().toString());
                if (after != before) {
                    changes.add(new DeadlineStore.Change(after, before));
                }
            }
            return deadlines.saveAll(changes);
        }).flatMap(raced -> raced.isEmpty() ? Mono.<Void>empty()
                : attempt >= MAX_ATTEMPTS ? Mono.<Void>error(new ConcurrentUpdate())
                : write(plan, raced, attempt + 1));
    }

    /** Art. 17: the subject's erasure falls due now; an erasure of the whole subject still awaiting receipts is reused. */
    public Mono<Deadline> requestErasure(String subjectId) {
        DeadlineKey key = DeadlineKey.of(subjectId, DeadlineKind.SUBJECT_REQUEST);
        return deadlines.find(key)
                .filter(current -> current.status() != Deadline.Status.CANCELLED
                        && current.status() != Deadline.Status.COMPLETED)
                .filterWhen(current -> current.open() || current.status() == Deadline.Status.FIRING
                        ? Mono.just(true)
                        : erasures.find(current.erasureId()).map(e -> e.status() == Erasure.Status.AWAITING_RECEIPTS)
                                .defaultIfEmpty(false))
                .switchIfEmpty(Mono.defer(() -> apply(rules.subjectRequest(subjectId, clock.instant()),
                        "art17-" + UUID.randomUUID()).then(deadlines.find(key))));
    }

    private Mono<Void> apply(Instruction instruction, String eventId) {
        return Mono.defer(() -> deadlines.find(instruction.key())
                        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(current -> {
                            Deadline before = current.orElse(null);
                            Deadline after = Deadline.apply(before, instruction, eventId, clock.instant(),
                                    () -> UUID.randomUUID().toString());
                            return after == before ? Mono.just(true) : deadlines.save(after, before);
                        }))
                .flatMap(saved -> saved ? Mono.just(true) : Mono.error(new ConcurrentUpdate()))
                .retryWhen(reactor.util.retry.Retry.max(MAX_ATTEMPTS - 1).filter(ConcurrentUpdate.class::isInstance))
                .then();
    }

    private Mono<Void> recordReceipt(RetentionEvent event) {
        String type = event.receiptType();
        if (type == null) {
            return Mono.empty();
        }
        Mono<Erasure> byId = event.erasureId() == null ? Mono.empty() : erasures.find(event.erasureId());
        Flux<String> targets = byId.filter(erasure -> erasure.subjectId().equals(event.subjectId()))
                .map(Erasure::erasureId).flux()
                .switchIfEmpty(Flux.defer(() -> erasures.awaitingForSubject(event.subjectId())
                        .filter(erasure -> erasure.awaits(type)).map(Erasure::erasureId)));
        return targets.concatMap(erasureId -> addReceipt(erasureId, type, event.eventId())).then();
    }

    private Mono<Boolean> addReceipt(String erasureId, String type, String receiptEventId) {
        return Mono.defer(() -> erasures.find(erasureId).flatMap(current -> {
                    Erasure next = current.withReceipt(type, receiptEventId, clock.instant());
                    return next == current ? Mono.just(true) : erasures.save(next, current);
                }))
                .flatMap(saved -> saved ? Mono.just(true) : Mono.error(new ConcurrentUpdate()))
                .retryWhen(reactor.util.retry.Retry.max(MAX_ATTEMPTS - 1).filter(ConcurrentUpdate.class::isInstance));
    }

    /** Another writer changed the document between read and write: read again and reapply. */
    static final class ConcurrentUpdate extends RuntimeException {
        ConcurrentUpdate() {
            super("concurrent update", null, false, false);
        }
    }
}
