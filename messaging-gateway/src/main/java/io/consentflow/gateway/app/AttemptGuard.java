package io.consentflow.gateway.app;

import reactor.core.publisher.Mono;

/**
 * Asked by {@link CloudApiClient} right before each HTTP attempt leaves (after the limiter's wait and every
 * back-off): {@code true} lets it leave; {@code false} ends the send with {@link CallResult#refused()}, nothing having
 * left this time.
 */
@FunctionalInterface
public interface AttemptGuard {

    AttemptGuard ALWAYS = attempt -> Mono.just(true);

    /** @param attempt 1 for the first attempt, then 2, 3, ... for the retries */
    Mono<Boolean> mayLeave(int attempt);
}
