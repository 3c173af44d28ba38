package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.app.ApiPublisher;
import io.consentflow.gateway.config.CampaignApiProperties;
import io.consentflow.platform.batching.RequestBatcher;
import io.consentflow.platform.batching.RequestBatcher.Pending;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Single REST requests arriving together share one claim insert and one round of publication (platform's
 * {@link RequestBatcher}): each waits up to {@code single-linger} (2 ms) for others, and while {@link #WRITES_IN_FLIGHT}
 * chunks are being written (a claim insert and a broker acknowledgement, a few ms) the requests arriving meanwhile
 * gather into the next chunk, so chunks grow with the load. Each request still gets its own answer: published, a
 * repeat of an earlier requestId (also one posted in the same chunk), or failed.
 */
@Component
class SingleRequestBatcher {

    private static final int BATCH = 256;
    private static final int WRITES_IN_FLIGHT = 2;

    private final RequestBatcher<ApiPublisher.Submission, ApiPublisher.Result> batcher;

    SingleRequestBatcher(ApiPublisher publisher, CampaignApiProperties properties) {
        this.batcher = new RequestBatcher<>(BATCH, WRITES_IN_FLIGHT, properties.singleLinger(),
                chunk -> write(publisher, chunk));
    }

    /** What became of the request; answered on a parallel thread, never on the producer's or the driver's. */
    Mono<ApiPublisher.Result> publish(ApiPublisher.Submission submission) {
        return batcher.submit(submission);
    }

    private static Mono<Void> write(ApiPublisher publisher,
            List<Pending<ApiPublisher.Submission, ApiPublisher.Result>> chunk) {
        return publisher.publish(chunk.stream().map(Pending::request).toList())
                .doOnNext(results -> {
                    for (int i = 0; i < results.length; i++) {
                        chunk.get(i).sink().success(results[i]);
                    }
                }).then();
    }
}
