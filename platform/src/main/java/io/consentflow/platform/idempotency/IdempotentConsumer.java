package io.consentflow.platform.idempotency;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * The one idempotent-consumer helper (docs/architecture.md#layout-inside-a-service): a listener hands it a poll's
 * events and its one application call; it drops the events whose id it remembers (and repeats of an id within the
 * batch), applies the rest in their order with one call, and remembers their ids only after that call succeeded -
 * one lookup and one insert per batch, not per record.
 * <p>
 * A failed apply remembers nothing, so the redelivered batch is applied again. The window: a crash (or a failed
 * remember) after the apply and before the remember also leaves the batch unremembered, and it is applied again on
 * redelivery. Every consumer's apply must therefore be repeatable; where a repeat would not be harmless on its own, the
 * consumer keeps a stronger dedupe atomic with its change as the second line (consent's eventIds in the subject
 * document, audit's chain offsets, the gateway's send claims). This helper is the first line: it keeps redeliveries
 * from costing a full apply.
 */
public final class IdempotentConsumer {

    private final ProcessedEvents processed;
    private final Clock clock;

    public IdempotentConsumer(ProcessedEvents processed, Clock clock) {
        this.processed = Objects.requireNonNull(processed, "processed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Applies the batch's events not seen before, each id once; every applied id is remembered. */
    public <E> Mono<Void> process(List<E> batch, Function<? super E, String> eventId,
            Function<? super List<E>, ? extends Mono<?>> apply) {
        return process(batch, eventId, event -> true, apply);
    }

    /**
     * As {@link #process(List, Function, Function)}, but only events matching {@code remembered} are looked up and
     * remembered; the others (events whose second application changes nothing, e.g. retention's MessageRecorded)
     * are applied on every delivery and cost no lookup or insert. Repeats of an id within the batch are dropped
     * either way.
     */
    public <E> Mono<Void> process(List<E> batch, Function<? super E, String> eventId,
            Predicate<? super E> remembered, Function<? super List<E>, ? extends Mono<?>> apply) {
        return Mono.defer(() -> {
            Map<String, E> unique = new LinkedHashMap<>();
            for (E event : batch) {
                String id = eventId.apply(event);
                if (id == null || id.isBlank()) {
                    return Mono.error(new IllegalArgumentException("an event without an id cannot be deduplicated"));
                }
                unique.putIfAbsent(id, event);
            }
            if (unique.isEmpty()) {
                return Mono.<Void>empty();
            }
            List<String> lookedUp = idsOf(unique, remembered);
            return seen(lookedUp).flatMap(seen -> {
                List<E> fresh = new ArrayList<>();
                unique.forEach((id, event) -> {
                    if (!seen.contains(id)) {
                        fresh.add(event);
                    }
                });
                if (fresh.isEmpty()) {
                    return Mono.<Void>empty();
                }
                List<String> toRemember = lookedUp.stream().filter(id -> !seen.contains(id)).toList();
                return Mono.defer(() -> apply.apply(fresh)).then(Mono.defer(() -> remember(toRemember, clock.instant())));
            });
        });
    }

    /** Forgets the ids remembered before {@code cutoff} (the consumer's explicit purge); emits how many. */
    public Mono<Long> forgetBefore(Instant cutoff) {
        return processed.forgetBefore(cutoff);
    }

    private static <E> List<String> idsOf(Map<String, E> unique, Predicate<? super E> remembered) {
        List<String> ids = new ArrayList<>(unique.size());
        unique.forEach((id, event) -> {
            if (remembered.test(event)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private Mono<Set<String>> seen(Collection<String> ids) {
        return ids.isEmpty() ? Mono.just(Set.of()) : processed.seenAmong(ids);
    }

    private Mono<Void> remember(List<String> ids, Instant at) {
        return ids.isEmpty() ? Mono.empty() : processed.rememberAll(ids, at);
    }
}
