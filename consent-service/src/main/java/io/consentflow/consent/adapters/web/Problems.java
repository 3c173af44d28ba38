package io.consentflow.consent.adapters.web;

import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.ProblemDetailsAdvice;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * problem+json answers built in this service. The {@code instance} is set to the matched route template: left empty,
 * Spring fills in the concrete request path, and staff paths hold phone numbers.
 */
public final class Problems {

    private Problems() {
    }

    public static ResponseEntity.BodyBuilder builder(HttpStatus status) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    public static ProblemDetail problem(HttpStatus status, String title, String field, String reason,
            ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetailsAdvice.problem(status, title, List.of(new FieldError(field, reason)));
        problem.setInstance(routeOf(exchange));
        return problem;
    }

    static URI routeOf(ServerWebExchange exchange) {
        Object pattern = exchange == null ? null
                : exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof PathPattern path ? path.getPatternString() : "about:blank";
        return URI.create(route.replace("{", "%7B").replace("}", "%7D"));
    }
}
