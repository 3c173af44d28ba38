package io.consentflow.gateway.adapters.mongo;

import static io.consentflow.gateway.adapters.mongo.LogCollections.CLAIMED_AT;
import static io.consentflow.gateway.adapters.mongo.LogCollections.SUBJECT_ID;

import com.mongodb.client.model.Filters;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Claims without a subjectId (requests for a number no consent named: refused NO_CONSENT, or a customer-service
 * reply) keep a contactKey that no subject's erasure or deadline reaches, so they expire on their own: deleted with
 * their outcomes once {@code consentflow.gateway.retention.unlinked-claims} (7 days) old. The period must outlast
 * the last copy of a request on {@code send-requests}, so no redelivery can meet a request whose claim is gone
 * (which would send it again), and the 7-day frequency window the log is rebuilt from.
 */
@Component
class UnlinkedClaimsExpiry extends ReactivePeriodicTask {

    private final SubjectLogEraser eraser;
    private final Clock clock;
    private final Duration keep;
    private final Duration interval;

    UnlinkedClaimsExpiry(SubjectLogEraser eraser, Clock clock,
            @Value("${consentflow.gateway.retention.unlinked-claims:P7D}") Duration keep,
            @Value("${consentflow.gateway.retention.unlinked-claims-interval:PT1H}") Duration interval) {
        super("unlinked-claims-expiry", Duration.ofMinutes(5));
        Duration floor = Topics.lastCopyGoneWithin(Topics.SEND_REQUESTS);
        if (keep.compareTo(floor) < 0) {
            throw new IllegalStateException("consentflow.gateway.retention.unlinked-claims must be at least "
                    + floor + " (the last copy of a send request)");
        }
        this.eraser = eraser;
        this.clock = clock;
        this.keep = keep;
        this.interval = interval;
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected reactor.core.publisher.Mono<Long> run() {
        return expire();
    }

    reactor.core.publisher.Mono<Long> expire() {
        Date cutoff = Date.from(clock.instant().minus(keep));
        return eraser.delete(Filters.and(Filters.eq(SUBJECT_ID, null), Filters.lt(CLAIMED_AT, cutoff)));
    }
}
