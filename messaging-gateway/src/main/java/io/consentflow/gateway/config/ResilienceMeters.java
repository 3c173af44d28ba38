package io.consentflow.gateway.config;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Circuit breakers and rate limiters that publish Resilience4j's own meters: state, calls, failure rate
 * ({@code resilience4j_circuitbreaker_*}, the breaker-open alert reads the state) and available permits and waiting
 * callers ({@code resilience4j_ratelimiter_*}), tagged with the instance's name.
 */
public final class ResilienceMeters {

    private ResilienceMeters() {
    }

    public static CircuitBreaker circuitBreaker(String name, CircuitBreakerConfig config, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry.circuitBreaker(name);
    }

    public static RateLimiter rateLimiter(String name, RateLimiterConfig config, MeterRegistry meters) {
        RateLimiterRegistry registry = RateLimiterRegistry.of(config);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(registry).bindTo(meters);
        return registry.rateLimiter(name);
    }
}
