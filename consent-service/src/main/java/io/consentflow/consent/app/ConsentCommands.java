package io.consentflow.consent.app;

import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.platform.observability.TraceParents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs one domain change on one subject: load, apply, write the document (state and outbox together) if its revision
 * is unchanged, else reload and apply again; then hand the written outbox to the relay. Inbound events are applied
 * at most once per subject: their eventIds are remembered in the document with the change they caused. The events a change queues keep
 * the trace context of the request or record that caused it, for the relay ({@link TraceParents}).
 */
@Service
public class ConsentCommands {

    /** A change to a loaded subject; returns a non-null result for the caller. */
    @FunctionalInterface
    public interface Change<T> {
        T apply(Subject subject, Instant now);
    }

    private final SubjectStore subjects;
    private final EventEncoder encoder;
    private final OutboxHandOver relay;
    private final Clock clock;
    private final TraceParents traces;

    public ConsentCommands(SubjectStore subjects, EventEncoder encoder, OutboxHandOver relay, Clock clock,
            TraceParents traces) {
        this.subjects = subjects;
        this.encoder = encoder;
        this.relay = relay;
        this.clock = clock;
        this.traces = traces;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Changes the subject with this number, creating it when {@code createIfMissing}; empty if none or a duplicate. */
    public <T> Mono<T> onContact(String contactKey, String e164, String locale, boolean createIfMissing,
            String eventId, Change<T> change) {
        Supplier<Subject> creator = createIfMissing
                ? () -> Subject.create(UUID.randomUUID().toString(), contactKey, e164, locale, now()) : null;
        return run(() -> subjects.byContactKey(contactKey), creator, eventId, change);
    }

    public <T> Mono<T> onSubjectId(String subjectId, String eventId, Change<T> change) {
        return run(() -> subjects.byId(subjectId), null, eventId, change);
    }

    public <T> Mono<T> onTokenHash(String tokenHash, Change<T> change) {
        return run(() -> subjects.byTokenHash(tokenHash), null, null, change);
    }

    private <T> Mono<T> run(Supplier<Mono<StoredSubject>> load, Supplier<Subject> creator, String eventId,
            Change<T> change) {
        // the caller's trace context, read on subscription: the request's (Reactor context) or the listener's thread
        return Mono.deferContextual(context -> {
            String traceparent = traces.current(context);
            return Mono.defer(() -> load.get()
                            .switchIfEmpty(Mono.defer(() -> creator == null ? Mono.empty()
                                    : Mono.just(subjects.newSubject(creator.get()))))
                            .flatMap(stored -> apply(stored, eventId, change, traceparent)))
                    .retryWhen(Retry.max(20).filter(ConcurrentUpdateException.class::isInstance));
        });
    }

    private <T> Mono<T> apply(StoredSubject stored, String eventId, Change<T> change, String traceparent) {
        Subject subject = stored.subject();
        if (subject.alreadyProcessed(eventId)) {
            return Mono.empty();
        }
        int outboxBefore = subject.outbox().size();
        long versionBefore = subject.stateVersion();
        T result = change.apply(subject, now());
        // encoded now, so the document carries the events exactly as the relay will publish them
        subject.encodeQueued(event -> encoder.encode(event, traceparent));
        boolean changed = subject.outbox().size() != outboxBefore || subject.stateVersion() != versionBefore;
        if (!changed && stored.revision() < 0) {
            // nothing happened to a number we did not know: store nothing about it
            return Mono.just(result);
        }
        subject.markProcessed(eventId);
        if (!changed && eventId == null) {
            return Mono.just(result);
        }
        // the document now holds exactly this outbox at the next revision: the relay publishes it from memory
        return subjects.save(stored).then(Mono.fromRunnable(() -> handOver(subject, stored.revision() + 1)))
                .thenReturn(result);
    }

    private void handOver(Subject subject, long revision) {
        if (subject.status() == SubjectStatus.ERASED) {
            // the relay deletes an erased subject's document after its last event: that path reads it back
            relay.kick(subject.subjectId());
        } else {
            relay.written(subject.subjectId(), revision, subject.outbox());
        }
    }
}
