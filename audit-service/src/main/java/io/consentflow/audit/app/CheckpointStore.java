package io.consentflow.audit.app;

import io.consentflow.audit.domain.Checkpoint;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Port: signed checkpoints by number; two instances writing the same number cannot both succeed. Insert/find only. */
public interface CheckpointStore {

    Mono<Checkpoint> latest();

    /**
     * The newest checkpoint, looking only at numbers from {@code atLeast} on (a number this instance has seen: numbers
     * only grow, so the newest is among them); without any there (0, or a store that lost them) all of them.
     */
    Mono<Checkpoint> latest(long atLeast);

    /** The checkpoints numbered above {@code number}, ascending: what anchoring has not handled yet. */
    Flux<Checkpoint> after(long number);

    Flux<Checkpoint> ascending();

    /** Every stored checkpoint number, ascending. */
    Flux<Long> numbers();

    Flux<Checkpoint> newestFirst(int page, int size);

    /** True when written, false when another writer took this number first. */
    Mono<Boolean> insert(Checkpoint checkpoint);
}
