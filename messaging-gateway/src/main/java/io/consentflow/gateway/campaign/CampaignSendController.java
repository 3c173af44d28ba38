package io.consentflow.gateway.campaign;

import io.consentflow.events.SendRequest;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.InvalidInputException;
import io.consentflow.schemas.Topics;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The REST send API for campaign systems (role CAMPAIGN, docs/producers.md#rest): validates every request first
 * (400 naming the field and the item, nothing published), claims the requestIds, publishes the new ones on
 * send-requests keyed by the number, exactly as a Kafka producer would, and answers 202. A batch is decoded as a
 * stream of array elements, so its size is bounded by {@code max-batch}, not by the request-body buffer.
 */
@RestController
class CampaignSendController {

    static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private final CampaignRequests requests;
    private final ApiRequestClaims claims;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final int maxBatch;

    CampaignSendController(CampaignRequests requests, ApiRequestClaims claims,
            KafkaTemplate<String, SpecificRecord> kafka, CampaignApiProperties properties) {
        this.requests = requests;
        this.claims = claims;
        this.kafka = kafka;
        this.maxBatch = properties.maxBatch();
    }

    /** What a send answers: the requestId and where its timeline is; a repeat gets the same answer. */
    record Accepted(String requestId, String timeline) {
    }

    /** What a batch answers: how many were published now and how many had been accepted before. */
    record BatchAccepted(String campaignId, int accepted, int alreadyAccepted, String timelines) {
    }

    @PostMapping("/api/v1/send-requests")
    Mono<ResponseEntity<Accepted>> send(@RequestBody SendRequestBody body) {
        if (body.campaignId() != null && !CAMPAIGN_ID.matcher(body.campaignId()).matches()) {
            throw new InvalidInputException("campaignId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        List<FieldError> errors = new ArrayList<>();
        SendRequest request = requests.convert(body, null, "", errors, true)
                .orElseThrow(() -> new InvalidInputException(errors));
        return publish(List.of(request), body.campaignId()).map(published -> {
            String timeline = timeline(request.getRequestId());
            return ResponseEntity.accepted().location(URI.create(timeline))
                    .body(new Accepted(request.getRequestId(), timeline));
        });
    }

    @PostMapping("/api/v1/campaigns/{campaignId}/send-requests")
    Mono<ResponseEntity<BatchAccepted>> sendBatch(@PathVariable String campaignId,
            @RequestBody Flux<SendRequestBody> items) {
        if (!CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw new InvalidInputException("campaignId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        return items.take(maxBatch + 1L).collectList().flatMap(bodies -> {
            List<SendRequest> batch = requests.batch(campaignId, bodies, maxBatch, true);
            return publish(batch, campaignId).map(published -> ResponseEntity.accepted().body(new BatchAccepted(
                    campaignId, published, batch.size() - published, timeline("{requestId}"))));
        });
    }

    /** Claims, publishes the newly claimed ones and waits for the broker; returns how many were published now. */
    private Mono<Integer> publish(List<SendRequest> batch, String campaignId) {
        List<String> ids = batch.stream().map(SendRequest::getRequestId).toList();
        return claims.claim(ids, campaignId).flatMap(fresh -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            boolean[] unpublished = new boolean[fresh.length];
            int count = 0;
            for (int i = 0; i < fresh.length; i++) {
                if (fresh[i]) {
                    int index = i;
                    SendRequest request = batch.get(i);
                    sends.add(kafka.send(Topics.SEND_REQUESTS.name(), request.getTo(), request)
                            .whenComplete((result, error) -> unpublished[index] = error != null));
                    count++;
                }
            }
            int published = count;
            return Mono.fromFuture(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                            .handle((ok, error) -> error))
                    .flatMap(error -> claims.release(ids, unpublished).then(Mono.<Integer>error(
                            new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "send-requests unavailable"))))
                    .switchIfEmpty(Mono.just(published));
        });
    }

    private static String timeline(String requestId) {
        return "/api/v1/messages/" + requestId;
    }
}
