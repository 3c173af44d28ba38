package io.consentflow.platform.staff;

import io.consentflow.platform.security.StaffReason;
import io.consentflow.platform.web.InvalidInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Staff accountability for the requests a service names ({@link StaffRequests}): each one needs a reason in
 * {@link StaffReason#HEADER} (without it 400 problem+json naming the header, and nothing is read or done) and becomes
 * a {@code StaffAccessRecorded} ({@link StaffAccessRecorder}) before the handler runs; without the broker's
 * acknowledgement 503 and nothing is read or done. It runs after Spring Security's filter chain, so only authorised
 * requests are recorded.
 */
public final class StaffAccountabilityFilter implements WebFilter, Ordered {

    /** What a staff request does ({@code action}) and the subject it concerns (empty: none or unknown). */
    public record Access(String action, Mono<String> subjectId) {

        public static Access of(String action, String subjectIdOrNull) {
            return new Access(action, Mono.justOrEmpty(subjectIdOrNull));
        }
    }

    /** A service's map of the staff requests that read personal data or act on it. */
    @FunctionalInterface
    public interface StaffRequests {
        Optional<Access> of(ServerHttpRequest request);
    }

    /** The encoded reason in the Reactor context of the handler, for {@link #relayReason()}. */
    private static final String REASON_CONTEXT_KEY = StaffAccountabilityFilter.class.getName() + ".reason";

    /**
     * subjectIds are random UUIDs (consent-service assigns them): anything else in a subject's place (a phone number
     * typed into {@code ?subjectId=}) is not recorded, and the handler refuses it.
     */
    private static final Pattern SUBJECT_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final StaffAccessRecorder recorder;
    private final StaffRequests requests;

    public StaffAccountabilityFilter(StaffAccessRecorder recorder, StaffRequests requests) {
        this.recorder = recorder;
        this.requests = requests;
    }

    /**
     * For a {@code WebClient} that calls another service's staff API on behalf of the caller (with the caller's
     * token): sends the caller's reason along, so the other service can record its own part of the access.
     */
    public static ExchangeFilterFunction relayReason() {
        return (request, next) -> Mono.deferContextual(context -> next.exchange(
                context.<String>getOrEmpty(REASON_CONTEXT_KEY)
                        .map(reason -> ClientRequest.from(request).header(StaffReason.HEADER, reason).build())
                        .orElse(request)));
    }

    @Override
    public int getOrder() {
        return 0; // after Spring Security's WebFilterChainProxy (-100): the caller is authenticated and authorised
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<Access> access = requests.of(exchange.getRequest());
        if (access.isEmpty()) {
            return chain.filter(exchange);
        }
        String reason;
        try {
            reason = StaffReason.required(exchange.getRequest().getHeaders().getFirst(StaffReason.HEADER));
        } catch (InvalidInputException e) {
            return refuse(exchange, HttpStatus.BAD_REQUEST, "Invalid request", StaffReason.HEADER,
                    e.errors().get(0).reason());
        }
        return exchange.getPrincipal().ofType(JwtAuthenticationToken.class)
                .flatMap(caller -> access.get().subjectId().filter(id -> SUBJECT_ID.matcher(id).matches())
                        .map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(subjectId -> recorder.record(caller.getToken(), access.get().action(),
                                subjectId.orElse(null), reason)))
                .then(chain.filter(exchange).contextWrite(Context.of(REASON_CONTEXT_KEY,
                        URLEncoder.encode(reason, StandardCharsets.UTF_8))))
                .onErrorResume(StaffAccessRecorder.NotRecorded.class, e -> refuse(exchange,
                        HttpStatus.SERVICE_UNAVAILABLE, "Staff access not recorded", "audit",
                        "the audit record could not be written; nothing was read or done"));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String title, String field,
            String reason) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        // constant texts only (no request value is echoed), so building the JSON by hand needs no escaping
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + field + ": " + reason + "\",\"errors\":[{\"field\":\"" + field
                + "\",\"reason\":\"" + reason + "\"}]}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
