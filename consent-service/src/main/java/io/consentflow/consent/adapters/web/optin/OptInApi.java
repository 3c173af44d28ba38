package io.consentflow.consent.adapters.web.optin;

import io.consentflow.consent.adapters.web.Problems;
import io.consentflow.consent.app.ClientContext;
import io.consentflow.consent.app.OptInRequest;
import io.consentflow.consent.app.OptInService;
import io.consentflow.consent.app.RateLimitedException;
import io.consentflow.consent.domain.ConsentLifecycle.ConfirmResult;
import io.consentflow.consent.domain.ConsentRuleViolation;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.ProblemDetailsAdvice;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** JSON double opt-in API for sites that render their own form. */
@RestController
@RestControllerAdvice
class OptInApi {

    private final OptInService optIns;

    OptInApi(OptInService optIns) {
        this.optIns = optIns;
    }

    /**
     * 202: the confirmation message is on its way; the response never reveals whether the number was known. JSON
     * requests accepting JSON, all real ones, are answered by {@link OptInRoute} first; this mapping answers the rest
     * as it always did (415 for another content type, 406 when JSON is not accepted).
     */
    @PostMapping(path = OptInRoute.PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, String>>> request(@RequestBody OptInRequest request,
            ServerWebExchange exchange) {
        return optIns.request(request, client(exchange))
                .map(outcome -> ResponseEntity.accepted().body(Map.of("status", "CONFIRMATION_REQUESTED")));
    }

    /** JSON variant of the confirmation page's POST. */
    @PostMapping(path = "/opt-ins/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, String>>> confirm(@RequestBody Map<String, String> body) {
        return optIns.confirm(body.get("token")).map(result -> result == ConfirmResult.CONFIRMED
                ? ResponseEntity.ok(Map.of("status", "CONFIRMED"))
                : ResponseEntity.badRequest().body(Map.of("status", "INVALID_OR_EXPIRED_TOKEN")));
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        ProblemDetail problem = ProblemDetailsAdvice.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                List.of(new FieldError("phoneNumber", "too many confirmation requests; retry later")));
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(ConsentRuleViolation.class)
    ResponseEntity<ProblemDetail> conflict(ConsentRuleViolation e, ServerWebExchange exchange) {
        // staff paths hold the number: the problem's instance is the route template, never the concrete path
        return Problems.builder(HttpStatus.CONFLICT).body(Problems.problem(HttpStatus.CONFLICT,
                "Not possible in this state", "subject", e.getMessage(), exchange));
    }

    static ClientContext client(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        // forwarded addresses (X-Forwarded-For behind a proxy) arrive unresolved: use the literal
        String address = remote == null ? "unknown"
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String page = headers.getFirst(HttpHeaders.REFERER);
        return new ClientContext(address, headers.getFirst(HttpHeaders.USER_AGENT),
                page != null ? page : exchange.getRequest().getURI().toString());
    }
}
