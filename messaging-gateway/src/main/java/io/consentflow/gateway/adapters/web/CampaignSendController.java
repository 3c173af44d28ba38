package io.consentflow.gateway.adapters.web;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.app.ApiPublisher;
import io.consentflow.gateway.config.CampaignApiProperties;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.InvalidInputException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The REST send API for campaign systems (role CAMPAIGN, docs/producers.md#rest): validates every request first
 * (400 naming the field and the item, nothing published), claims the requestIds with the posting client, publishes
 * the new ones on send-requests keyed by the number, exactly as a Kafka producer would ({@link ApiPublisher}; single
 * requests in chunks with those posted at the same moment, {@link SingleRequestBatcher}), and answers 202. A batch is
 * decoded as a stream of array elements, so its size is bounded by {@code max-batch}, not by the request-body buffer.
 */
@RestController
class CampaignSendController {

    static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private final CampaignRequests requests;
    private final ApiPublisher publisher;
    private final SingleRequestBatcher singles;
    private final int maxBatch;

    CampaignSendController(CampaignRequests requests, ApiPublisher publisher, SingleRequestBatcher singles,
            CampaignApiProperties properties) {
        this.requests = requests;
        this.publisher = publisher;
        this.singles = singles;
        this.maxBatch = properties.maxBatch();
    }

    /** What a send answers: the requestId and where its timeline is; a repeat gets the same answer. */
    record Accepted(String requestId, String timeline) {
    }

    /** What a batch answers: how many were published now and how many had been accepted before. */
    record BatchAccepted(String campaignId, int accepted, int alreadyAccepted, String timelines) {
    }

    @PostMapping("/api/v1/send-requests")
    Mono<ResponseEntity<Accepted>> send(@RequestBody SendRequestBody body, Authentication caller) {
        String client = client(caller);
        if (body.campaignId() != null && !CAMPAIGN_ID.matcher(body.campaignId()).matches()) {
            throw new InvalidInputException("campaignId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        List<FieldError> errors = new ArrayList<>();
        SendRequest request = requests.convert(body, null, "", errors, true)
                .orElseThrow(() -> new InvalidInputException(errors));
        return singles.publish(new ApiPublisher.Submission(request, client)).map(result -> {
            if (result == ApiPublisher.Result.FAILED) {
                throw unavailable();
            }
            String timeline = timeline(request.getRequestId());
            return ResponseEntity.accepted().location(URI.create(timeline))
                    .body(new Accepted(request.getRequestId(), timeline));
        });
    }

    @PostMapping(CampaignBatchBodyLimit.SEND_BATCH)
    Mono<ResponseEntity<BatchAccepted>> sendBatch(@PathVariable String campaignId,
            @RequestBody Flux<SendRequestBody> items, Authentication caller) {
        String client = client(caller);
        if (!CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw new InvalidInputException("campaignId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        return items.take(maxBatch + 1L).collectList().flatMap(bodies -> {
            List<SendRequest> batch = requests.batch(campaignId, bodies, maxBatch, true);
            return publisher.publish(batch.stream().map(r -> new ApiPublisher.Submission(r, client)).toList())
                    .map(results -> {
                        List<ApiPublisher.Result> all = List.of(results);
                        if (all.contains(ApiPublisher.Result.FAILED)) {
                            throw unavailable();
                        }
                        int published = (int) all.stream().filter(ApiPublisher.Result.PUBLISHED::equals).count();
                        return ResponseEntity.accepted().body(new BatchAccepted(campaignId, published,
                                batch.size() - published, timeline("{requestId}")));
                    });
        });
    }

    private static String client(Authentication caller) {
        return CampaignClients.client(caller).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "the token names no client (client_id or sub)"));
    }

    private static ResponseStatusException unavailable() {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "send-requests unavailable");
    }

    private static String timeline(String requestId) {
        return "/api/v1/messages/" + requestId;
    }
}
