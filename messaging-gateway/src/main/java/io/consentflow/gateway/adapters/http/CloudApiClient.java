package io.consentflow.gateway.adapters.http;

import io.consentflow.gateway.app.AttemptGuard;
import io.consentflow.gateway.app.CallResult;
import io.consentflow.gateway.app.CloudApi;
import io.consentflow.gateway.config.GatewayProperties;
import io.consentflow.gateway.config.ResilienceMeters;
import io.consentflow.gateway.domain.CallPacer;
import io.consentflow.gateway.domain.OutboundMessage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.DefaultUriBuilderFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.ObjectMapper;

/**
 * Meta's Cloud API send endpoints, non-blocking, behind a per-sender-number rate limiter and a circuit breaker.
 * Retries (exponential back-off) only what Meta says it did not process (throttling: 130429, 131056) and requests
 * that never left (breaker open, connection refused). A 5xx answer or a timeout after the request left is
 * ambiguous (Meta may have accepted it) and final: the caller settles it from the status webhooks, never by sending
 * again. Every attempt asks the caller's {@link AttemptGuard} right before it leaves, after every wait.
 */
@Component
public class CloudApiClient implements CloudApi {

    private static final byte[] NO_BODY = new byte[0];

    private final WebClient web;
    private final GatewayProperties.WhatsApp whatsapp;
    private final GatewayProperties.Send send;
    private final RateLimiter senderLimiter;
    private final CallPacer pacer;
    private final LeaveWindow leaving;
    private final CircuitBreaker breaker;
    private final ObjectMapper json;
    private final CloudApiAnswers answers;
    private final URI messagesUri;
    private final URI marketingMessagesUri;

    CloudApiClient(GatewayProperties properties, ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.whatsapp = properties.whatsapp();
        this.send = properties.send();
        this.json = json;
        this.answers = new CloudApiAnswers(json, clock);
        var pool = ConnectionProvider.builder("cloud-api").maxConnections(Math.max(16, send.concurrency()))
                .pendingAcquireMaxCount(-1).build();
        // both endpoints expanded once, by the factory WebClient builds from baseUrl, instead of parsing and
        // expanding the URI template on every call (~2 % of the event loops' CPU)
        var uris = new DefaultUriBuilderFactory(whatsapp.baseUrl());
        String prefix = "/" + whatsapp.apiVersion() + "/" + whatsapp.phoneNumberId();
        this.messagesUri = uris.expand(prefix + "/messages");
        this.marketingMessagesUri = uris.expand(prefix + "/marketing_messages");
        // the answer's deadline as Netty's read timeout on the connection, not a Reactor timer per call
        this.web = WebClient.builder().baseUrl(whatsapp.baseUrl())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)
                        .responseTimeout(whatsapp.responseTimeout())))
                .defaultHeaders(h -> h.setBearerAuth(whatsapp.accessToken())).build();
        this.pacer = new CallPacer(send.rateLimitPerSecond());
        this.leaving = new LeaveWindow(send.rateLimitPerSecond());
        this.senderLimiter = ResilienceMeters.rateLimiter("sender-" + whatsapp.phoneNumberId(),
                RateLimiterConfig.custom()
                .limitForPeriod(send.rateLimitPerSecond()).limitRefreshPeriod(Duration.ofSeconds(1))
                // a permit at most the pacer's horizon ahead, at the share current now; a call that gets none is
                // paced again instead of failing (throttling is backpressure, not loss) or waiting at a stale share
                .timeoutDuration(Duration.ofNanos(CallPacer.HORIZON_NANOS)).build(), meters);
        this.breaker = ResilienceMeters.circuitBreaker("cloud-api", CircuitBreakerConfig.custom()
                .failureRateThreshold(send.circuitBreaker().failureRateThreshold())
                .slidingWindowSize(send.circuitBreaker().slidingWindowSize())
                .minimumNumberOfCalls(Math.min(10, send.circuitBreaker().slidingWindowSize()))
                .waitDurationInOpenState(send.circuitBreaker().waitInOpenState())
                .recordException(CloudApiAnswers::countsAgainstMeta).build(), meters);
    }

    /** This instance's share of the number's rate changed (SendRateShares): waiting permits see it at once. */
    @Override
    public void rateLimit(int perSecond) {
        pacer.rate(perSecond);
        leaving.rate(perSecond);
        senderLimiter.changeLimitForPeriod(perSecond);
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** A message no gate guards (callers that judged it already). */
    @Override
    public Mono<CallResult> send(OutboundMessage message, boolean marketing) {
        return send(message, marketing, AttemptGuard.ALWAYS);
    }

    /** @param marketing the template's category is MARKETING: sent to marketing_messages, as Meta requires */
    @Override
    public Mono<CallResult> send(OutboundMessage message, boolean marketing, AttemptGuard guard) {
        boolean template = message.content() instanceof OutboundMessage.Template;
        URI uri = marketing && template ? marketingMessagesUri : messagesUri;
        // serialized once with our mapper and sent as bytes: cheaper than the codec's per-request JSON encoder, and
        // a retry re-sends the identical body
        byte[] body = json.writeValueAsBytes(CloudApiRequests.body(message));
        return attempt(uri, body, 1, guard);
    }

    /**
     * One attempt, then a retry with exponential back-off while the answer asks for one (throttling, 5xx, a request
     * that never left) and attempts remain; the last answer is the result. Rate limiter and circuit breaker are
     * called directly rather than through their Reactor operators, and the retry is scheduled only when one is due:
     * on the usual first-time success nothing is allocated for them (the operators and {@code retryWhen} cost about
     * a tenth of the event loops' time per message).
     */
    private Mono<CallResult> attempt(URI uri, byte[] body, int attempt, AttemptGuard guard) {
        return permitted(uri, body, attempt, guard).flatMap(result -> retryNow(result)
                && attempt < send.retry().maxAttempts()
                ? Mono.delay(backoff(attempt)).then(Mono.defer(() -> attempt(uri, body, attempt + 1, guard)))
                : Mono.just(result));
    }

    private static boolean retryNow(CallResult result) {
        return !result.accepted() && result.retryable() && result.deferredUntil() == null;
    }

    /**
     * The call paced at this instance's share (one slot per interval, so calls do not leave in bursts), then behind the
     * sender number's rate limiter (a wait, not a refusal), the caller's guard (asked after both waits), the
     * {@link LeaveWindow} and the circuit breaker.
     */
    private Mono<CallResult> permitted(URI uri, byte[] body, int attempt, AttemptGuard guard) {
        long paced = pacer.reserve(System.nanoTime());
        if (paced == CallPacer.NOT_YET) {
            return askAgain(uri, body, attempt, guard);
        }
        Mono<CallResult> limited = Mono.defer(() -> limited(uri, body, attempt, guard));
        return paced == 0 ? limited : Mono.delay(Duration.ofNanos(paced)).then(limited);
    }

    /**
     * No slot or permit within the pacer's horizon (the share fell since, or more calls wait than a horizon holds):
     * the call is paced again shortly, at the share this instance has then; it is not an attempt.
     */
    private Mono<CallResult> askAgain(URI uri, byte[] body, int attempt, AttemptGuard guard) {
        return Mono.delay(Duration.ofNanos(CallPacer.ASK_AGAIN_NANOS))
                .then(Mono.defer(() -> permitted(uri, body, attempt, guard)));
    }

    private Mono<CallResult> limited(URI uri, byte[] body, int attempt, AttemptGuard guard) {
        long waitNanos = senderLimiter.reservePermission();
        if (waitNanos < 0) {
            return askAgain(uri, body, attempt, guard);
        }
        Mono<CallResult> guarded = Mono.defer(() -> leave(uri, body, attempt, guard));
        return waitNanos == 0 ? guarded : Mono.delay(Duration.ofNanos(waitNanos)).then(guarded);
    }

    /**
     * The guard, then the {@link LeaveWindow}: a call that finds this instance's last second full waits until a
     * place frees and asks its guard again, so the guard's answer is never older than the call's leaving.
     */
    private Mono<CallResult> leave(URI uri, byte[] body, int attempt, AttemptGuard guard) {
        return guard.mayLeave(attempt).flatMap(leave -> {
            if (!leave) {
                return Mono.just(CallResult.refused());
            }
            long full = leaving.tryLeave(System.nanoTime());
            return full == 0 ? guarded(uri, body)
                    : Mono.delay(Duration.ofNanos(full)).then(Mono.defer(() -> leave(uri, body, attempt, guard)));
        });
    }

    private Mono<CallResult> guarded(URI uri, byte[] body) {
        if (!breaker.tryAcquirePermission()) {
            return Mono.just(CloudApiAnswers.notSent(CallNotPermittedException.class));
        }
        long started = breaker.getCurrentTimestamp();
        return web.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(NO_BODY)
                        .map(bytes -> answers.interpret(response.statusCode().value(), bytes)))
                .doOnNext(result -> {
                    long took = breaker.getCurrentTimestamp() - started;
                    if (retryNow(result) || result.httpStatus() >= 500) {
                        breaker.onError(took, breaker.getTimestampUnit(), new RetryableAnswer(result));
                    } else {
                        breaker.onSuccess(took, breaker.getTimestampUnit());
                    }
                })
                .doOnCancel(breaker::releasePermission)
                .onErrorResume(error -> {
                    breaker.onError(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(), error);
                    return Mono.just(CloudApiAnswers.failed(error));
                });
    }

    /** Reactor's exponential back-off: first × 2^(attempt-1), at most max, with ±50 % jitter inside those bounds. */
    private Duration backoff(int attempt) {
        long first = send.retry().firstBackoff().toMillis();
        long max = send.retry().maxBackoff().toMillis();
        long next = attempt >= 31 ? max : Math.min(max, first << (attempt - 1));
        long jitter = next / 2;
        long low = Math.max(first - next, -jitter);
        long high = Math.min(max - next, jitter);
        return Duration.ofMillis(next + (high > low ? ThreadLocalRandom.current().nextLong(low, high + 1) : 0));
    }
}
