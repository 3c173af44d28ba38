package io.consentflow.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The breaker's state and the limiter's permits are on the registry under Resilience4j's own names. */
class ResilienceMetersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void theBreakerPublishesItsStateAndTheOpenStateIsOne() {
        var breaker = ResilienceMeters.circuitBreaker("cloud-api", CircuitBreakerConfig.ofDefaults(), meters);
        assertThat(state("closed")).isEqualTo(1);
        assertThat(state("open")).isZero();
        breaker.transitionToOpenState();
        assertThat(state("open")).isEqualTo(1);
        assertThat(state("closed")).isZero();
    }

    @Test
    void theLimiterPublishesItsAvailablePermits() {
        var limiter = ResilienceMeters.rateLimiter("sender-1", RateLimiterConfig.custom().limitForPeriod(5)
                .limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build(), meters);
        limiter.acquirePermission(2);
        assertThat(meters.get("resilience4j.ratelimiter.available.permissions").tag("name", "sender-1").gauge()
                .value()).isEqualTo(3);
    }

    private double state(String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("name", "cloud-api").tag("state", state).gauge()
                .value();
    }
}
