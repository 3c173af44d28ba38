package io.consentflow.gateway.adapters.mongo;

import io.consentflow.gateway.config.CampaignApiProperties;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code api_send_requests} does not grow for ever: an entry is deleted once {@code keep-requests} (30 days) old, by
 * an explicit periodic delete on the {@code at} index (the wire server has no TTL indexes, and MongoDB's would run on
 * its own clock). After that a repeat of the requestId is a new request to the API (the send path still sends a
 * requestId at most once while its message log holds the claim), and the client no longer reads its timeline.
 */
@Component
public class ApiRequestExpiry extends ReactivePeriodicTask {

    private final MongoApiRequestClaims claims;
    private final Clock clock;
    private final Duration keep;
    private final Duration interval;

    ApiRequestExpiry(MongoApiRequestClaims claims, Clock clock, CampaignApiProperties properties) {
        super("api-send-requests-expiry", Duration.ofMinutes(5));
        if (properties.keepRequests().compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalStateException("consentflow.gateway.campaign-api.keep-requests must be at least a day:"
                    + " campaign systems retry and read their figures for longer");
        }
        this.claims = claims;
        this.clock = clock;
        this.keep = properties.keepRequests();
        this.interval = properties.expiryInterval();
    }

    @Override
    protected Mono<Void> prepare() {
        return claims.createIndexes();
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected Mono<Long> run() {
        return expire();
    }

    /** Deletes what is older than the keep period; answers how many entries. */
    public Mono<Long> expire() {
        return claims.expire(clock.instant().minus(keep));
    }
}
