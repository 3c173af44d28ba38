package io.consentflow.consent.app;

import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.platform.observability.TraceParents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        return onContact(SubjectsReadAhead.none(subjects), contactKey, e164, locale, createIfMissing, eventId, change);
    }

    /** {@link #onContact}, its first read of the subject the one read ahead with the poll's others, if any. */
    <T> Mono<T> onContact(SubjectsReadAhead reads, String contactKey, String e164, String locale,
            boolean createIfMissing, String eventId, Change<T> change) {
        Supplier<Subject> creator = createIfMissing
                ? () -> Subject.create(UUID.randomUUID().toString(), contactKey, e164, locale, now()) : null;
        return run(() -> reads.byContactKey(contactKey), creator, eventId, change);
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

    /** A change for {@link #onContacts}: as {@link #onContact} with {@code createIfMissing}, in its caller's trace. */
    public record ContactChange<T>(String contactKey, String e164, String locale, String traceparent,
            Change<T> change) {
    }

    /**
     * {@link #onContact} with {@code createIfMissing} for many numbers, in shared commands: one lookup of all the
     * numbers, then the numbers not known yet are created with one key-ring insert and one subject insert. A number
     * known already, met twice in the list, or created meanwhile by a concurrent write takes the lone path (after the
     * shared commands), exactly as a lone request whose first write lost that race. Element i answers change i as
     * {@link #onContact} would (a deferred lone path where it takes one; subscribe it in the caller's context).
     */
    public <T> Mono<List<Mono<T>>> onContacts(List<ContactChange<T>> changes) {
        if (changes.isEmpty()) {
            return Mono.just(List.of());
        }
        return subjects.knownContactKeys(changes.stream().map(ContactChange::contactKey).distinct().toList())
                .map(known -> plan(changes, known))
                .flatMap(plan -> subjects.insertAll(plan.fresh()).map(outcomes -> {
                    List<Mono<T>> answers = plan.answers();
                    for (int j = 0; j < plan.fresh().size(); j++) {
                        int i = plan.freshAt().get(j);
                        Throwable failure = outcomes.get(j);
                        if (failure == null) {
                            handOver(plan.fresh().get(j).subject(), 0);
                        } else {
                            answers.set(i, failure instanceof ConcurrentUpdateException ? alone(changes.get(i))
                                    : Mono.error(failure));
                        }
                    }
                    return answers;
                }));
    }

    /** What {@link #onContacts} answers before its insert, the new subjects to insert and whose answers they are. */
    private record Plan<T>(List<Mono<T>> answers, List<StoredSubject> fresh, List<Integer> freshAt) {
    }

    private <T> Plan<T> plan(List<ContactChange<T>> changes, Set<String> known) {
        Set<String> seen = new HashSet<>();
        Plan<T> plan = new Plan<>(new ArrayList<>(changes.size()), new ArrayList<>(), new ArrayList<>());
        for (ContactChange<T> c : changes) {
            if (known.contains(c.contactKey()) || !seen.add(c.contactKey())) {
                plan.answers().add(alone(c));
                continue;
            }
            StoredSubject stored = subjects.newSubject(
                    Subject.create(UUID.randomUUID().toString(), c.contactKey(), c.e164(), c.locale(), now()));
            try {
                Applied<T> applied = applyInMemory(stored, null, c.change(), c.traceparent());
                plan.answers().add(Mono.just(applied.result()));
                if (applied.write()) {
                    plan.fresh().add(stored);
                    plan.freshAt().add(plan.answers().size() - 1);
                }
            } catch (RuntimeException e) {
                // a change refused by the consent rules fails its own request, as alone
                plan.answers().add(Mono.error(e));
            }
        }
        return plan;
    }

    private <T> Mono<T> alone(ContactChange<T> c) {
        return onContact(c.contactKey(), c.e164(), c.locale(), true, null, c.change());
    }

    private <T> Mono<T> apply(StoredSubject stored, String eventId, Change<T> change, String traceparent) {
        Applied<T> applied = applyInMemory(stored, eventId, change, traceparent);
        if (applied == null) {
            return Mono.empty();
        }
        if (!applied.write()) {
            return Mono.just(applied.result());
        }
        // the document now holds exactly this outbox at the next revision: the relay publishes it from memory
        return subjects.save(stored).then(Mono.fromRunnable(() -> handOver(stored.subject(), stored.revision() + 1)))
                .thenReturn(applied.result());
    }

    /** A change applied to the loaded subject, its events encoded; whether the document is to be written. */
    private record Applied<T>(T result, boolean write) {
    }

    /** Null when the event was applied before. */
    private <T> Applied<T> applyInMemory(StoredSubject stored, String eventId, Change<T> change, String traceparent) {
        Subject subject = stored.subject();
        if (subject.alreadyProcessed(eventId)) {
            return null;
        }
        int outboxBefore = subject.outbox().size();
        long versionBefore = subject.stateVersion();
        T result = change.apply(subject, now());
        // encoded now, so the document carries the events exactly as the relay will publish them
        subject.encodeQueued(event -> encoder.encode(event, traceparent));
        boolean changed = subject.outbox().size() != outboxBefore || subject.stateVersion() != versionBefore;
        if (!changed && stored.revision() < 0) {
            // nothing happened to a number we did not know: store nothing about it
            return new Applied<>(result, false);
        }
        subject.markProcessed(eventId);
        return new Applied<>(result, changed || eventId != null);
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
