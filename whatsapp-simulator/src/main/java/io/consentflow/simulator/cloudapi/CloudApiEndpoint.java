package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.control.Faults;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Cloud API send endpoints of Meta's spec: POST /{Version}/{Phone-Number-ID}/messages and /marketing_messages.
 * They carry the whole send load of a benchmark, so they are answered here, ahead of WebFlux's annotated-controller
 * dispatch (handler lookup, argument resolution, content negotiation, result encoding), which cost several times
 * the simulator's own work per send. Everything else passes on to the controllers. Meta's spec documents these
 * endpoints; /v3/api-docs describes the control API.
 */
@Component
public class CloudApiEndpoint implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(CloudApiEndpoint.class);
    private static final Pattern PATH = Pattern.compile("/(v\\d+\\.\\d+)/([^/]+)/(messages|marketing_messages)");
    private static final int MAX_BODY_BYTES = 256 * 1024;
    /** Stands for a body above MAX_BODY_BYTES (compared by identity). */
    private static final byte[] TOO_LARGE = new byte[0];

    private final SendService sends;
    private final Faults faults;
    private final JsonMapper json;

    public CloudApiEndpoint(SendService sends, Faults faults, JsonMapper json) {
        this.sends = sends;
        this.faults = faults;
        this.json = json;
    }

    /** Whether this request is a Cloud API send. */
    public static boolean handles(ServerHttpRequest request) {
        return HttpMethod.POST.equals(request.getMethod())
                && PATH.matcher(request.getPath().pathWithinApplication().value()).matches();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return chain.filter(exchange);
        }
        Matcher path = PATH.matcher(request.getPath().pathWithinApplication().value());
        if (!path.matches()) {
            return chain.filter(exchange);
        }
        String version = path.group(1);
        String phoneNumberId = path.group(2);
        boolean marketing = "marketing_messages".equals(path.group(3));
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        long latency = faults.current().latencyMs();
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(CloudApiEndpoint::bytes)
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(TOO_LARGE))
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    Mono<Answer> answer = Mono.fromCallable(
                            () -> answer(version, phoneNumberId, authorization, body, marketing));
                    // Injected latency delays the answer without holding a request thread.
                    return latency > 0 ? Mono.delay(Duration.ofMillis(latency), Schedulers.parallel()).then(answer)
                            : answer;
                })
                .flatMap(answer -> write(exchange.getResponse(), answer));
    }

    private record Answer(HttpStatus status, byte[] body, boolean invalidToken) {
    }

    private Answer answer(String version, String phoneNumberId, String authorization, byte[] body,
            boolean marketing) {
        try {
            return new Answer(HttpStatus.OK, json.writeValueAsBytes(
                    sends.send(version, phoneNumberId, authorization, parse(body), marketing)), false);
        } catch (CloudApiException e) {
            log.debug("cloud api error {}: {}", e.error().code(), e.details());
            return new Answer(e.error().status(), json.writeValueAsBytes(CloudApiErrors.body(e)),
                    e.error() == CloudApiError.INVALID_TOKEN);
        }
    }

    private JsonNode parse(byte[] body) {
        if (body == TOO_LARGE) {
            throw new CloudApiException(CloudApiError.INVALID_PARAMETER, "The request body is too large.");
        }
        if (isBlank(body)) {
            throw new CloudApiException(CloudApiError.INVALID_PARAMETER, "The request body is empty.");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new CloudApiException(CloudApiError.INVALID_PARAMETER, "The request body is not valid JSON.");
        }
    }

    private static Mono<Void> write(ServerHttpResponse response, Answer answer) {
        response.setStatusCode(answer.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(answer.body().length);
        if (answer.invalidToken()) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, CloudApiErrors.INVALID_TOKEN_CHALLENGE);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
