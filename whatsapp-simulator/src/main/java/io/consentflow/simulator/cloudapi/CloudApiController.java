package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.cloudapi.CloudApiDtos.SendResponse;
import io.consentflow.simulator.control.Faults;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Cloud API send endpoints of Meta's spec: POST /{Version}/{Phone-Number-ID}/messages and /marketing_messages. */
@RestController
public class CloudApiController {

    private final SendService sends;
    private final Faults faults;
    private final JsonMapper json;

    public CloudApiController(SendService sends, Faults faults, JsonMapper json) {
        this.sends = sends;
        this.faults = faults;
        this.json = json;
    }

    @PostMapping(path = "/{version:v\\d+\\.\\d+}/{phoneNumberId}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SendResponse> messages(@PathVariable String version, @PathVariable String phoneNumberId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        return handle(version, phoneNumberId, authorization, body, false);
    }

    @PostMapping(path = "/{version:v\\d+\\.\\d+}/{phoneNumberId}/marketing_messages",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SendResponse> marketingMessages(@PathVariable String version, @PathVariable String phoneNumberId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        return handle(version, phoneNumberId, authorization, body, true);
    }

    private Mono<SendResponse> handle(String version, String phoneNumberId, String authorization, String body,
            boolean marketing) {
        long latency = faults.current().latencyMs();
        Mono<SendResponse> send = Mono.fromCallable(
                () -> sends.send(version, phoneNumberId, authorization, parse(body), marketing));
        // Injected latency delays the answer without holding a request thread.
        return latency > 0 ? Mono.delay(Duration.ofMillis(latency), Schedulers.parallel()).then(send) : send;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new CloudApiException(CloudApiError.INVALID_PARAMETER, "The request body is empty.");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new CloudApiException(CloudApiError.INVALID_PARAMETER, "The request body is not valid JSON.");
        }
    }
}
