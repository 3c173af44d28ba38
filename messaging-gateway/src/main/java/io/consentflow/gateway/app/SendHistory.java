package io.consentflow.gateway.app;

import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.RecipientPacer;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes the frequency cap and the recipient pacing survive a restart without a write per send: the message log
 * already holds every claim with its contactKey, category and time, so at start (before the send listener runs) the
 * in-memory ledger and pacer are rebuilt from the claims inside their windows.
 */
@Component
public class SendHistory {

    private static final Logger LOG = LoggerFactory.getLogger(SendHistory.class);

    private final MessageLog log;
    private final FrequencyLedger ledger;
    private final RecipientPacer pacer;
    private final Clock clock;

    SendHistory(MessageLog log, FrequencyLedger ledger, RecipientPacer pacer, Clock clock) {
        this.log = log;
        this.ledger = ledger;
        this.pacer = pacer;
        this.clock = clock;
    }

    public Mono<Void> restore() {
        return restore(log, ledger, pacer, clock.instant());
    }

    /** Replays the claims inside the windows into the given ledger and pacer. */
    static Mono<Void> restore(MessageLog log, FrequencyLedger ledger, RecipientPacer pacer, Instant now) {
        Instant pacingSince = now.minus(pacer.spacing());
        AtomicLong marketing = new AtomicLong();
        return log.recentSends(now.minus(ledger.window()), pacingSince).doOnNext(send -> {
            String contactKey = send.contactKey();
            Instant at = send.claimedAt();
            if ("MARKETING".equals(send.category())) {
                ledger.record(contactKey, send.requestId(), at);
                marketing.incrementAndGet();
            }
            if (!at.isBefore(pacingSince)) {
                pacer.restore(contactKey, at);
            }
        }).then(Mono.fromRunnable(() -> LOG.info("frequency ledger restored from {} marketing sends", marketing)));
    }
}
