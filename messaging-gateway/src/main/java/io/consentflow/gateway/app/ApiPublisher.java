package io.consentflow.gateway.app;

import io.consentflow.events.SendRequest;
import io.consentflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Claims requests in {@code api_send_requests} (one insertMany), publishes the newly claimed ones on send-requests
 * keyed by the number, exactly as a Kafka producer would, waits for the broker, and forgets the claims whose
 * publication failed so the client's retry publishes them. One place for a campaign batch and for a chunk of
 * concurrent single requests ({@link SingleRequestBatcher}).
 */
@Component
public class ApiPublisher {

    /** What became of one request. */
    public enum Result { PUBLISHED, REPEATED, FAILED }

    /** A validated request and the client whose token posted it. */
    public record Submission(SendRequest request, String client) {
    }

    private final ApiRequestClaims claims;
    private final EventPublisher kafka;

    ApiPublisher(ApiRequestClaims claims, EventPublisher kafka) {
        this.claims = claims;
        this.kafka = kafka;
    }

    /** Element i is what became of submission i; an error only when the claims could not be stored. */
    public Mono<Result[]> publish(List<Submission> submissions) {
        List<String> ids = submissions.stream().map(s -> s.request().getRequestId()).toList();
        return claims.claim(submissions.stream().map(s -> new ApiRequestClaims.Claim(s.request().getRequestId(),
                s.request().getCampaignId(), s.client())).toList()).flatMap(fresh -> {
            Result[] results = new Result[fresh.length];
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < fresh.length; i++) {
                results[i] = Result.REPEATED;
                if (fresh[i]) {
                    int index = i;
                    SendRequest request = submissions.get(i).request();
                    results[i] = Result.PUBLISHED;
                    sends.add(kafka.send(Topics.SEND_REQUESTS.name(), request.getTo(), request)
                            .whenComplete((sent, error) -> {
                                if (error != null) {
                                    results[index] = Result.FAILED;
                                }
                            }));
                }
            }
            // continued off the producer's I/O thread, which completes the futures and must only do I/O
            return Mono.fromFuture(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                            .handle((ok, error) -> results))
                    .publishOn(Schedulers.parallel())
                    .flatMap(done -> claims.release(ids, failed(done)).thenReturn(done));
        });
    }

    private static boolean[] failed(Result[] results) {
        boolean[] failed = new boolean[results.length];
        for (int i = 0; i < results.length; i++) {
            failed[i] = results[i] == Result.FAILED;
        }
        return failed;
    }
}
