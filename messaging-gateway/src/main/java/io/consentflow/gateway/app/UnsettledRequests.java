package io.consentflow.gateway.app;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The requests whose call may have reached Meta without an answer, until they are settled (port). */
public interface UnsettledRequests {

    record Unsettled(String requestId, int partition, Instant since) {
    }

    Mono<Void> add(List<Unsettled> requests);

    Flux<Unsettled> all();

    Mono<Void> settled(String requestId);
}
