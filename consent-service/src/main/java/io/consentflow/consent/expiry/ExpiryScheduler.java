package io.consentflow.consent.expiry;

import io.consentflow.consent.application.ConsentCommands;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.registry.SubjectRepository;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Ends pending opt-ins whose confirmation deadline passed (OptInExpired, pending data deleted). Explicit and
 * periodic: MongoDB TTL indexes are not the mechanism (DESIGN.md §4), and the wire server in tests has none.
 */
@Component
public class ExpiryScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryScheduler.class);

    private final SubjectRepository subjects;
    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;
    private final ConsentProperties properties;
    private volatile ScheduledExecutorService executor;

    public ExpiryScheduler(SubjectRepository subjects, ConsentCommands commands, ConsentLifecycle lifecycle,
            ConsentProperties properties) {
        this.subjects = subjects;
        this.commands = commands;
        this.lifecycle = lifecycle;
        this.properties = properties;
    }

    /** Expires every opt-in due now; returns how many expired. */
    public int expireDue() {
        List<String> ids = subjects.idsWithPendingExpiredBy(commands.now(), 500).collectList().block();
        if (ids == null || ids.isEmpty()) {
            return 0;
        }
        List<Boolean> expired = Flux.fromIterable(ids)
                .concatMap(id -> commands.onSubjectId(id, null, lifecycle::expire))
                .collectList().block();
        return expired == null ? 0 : (int) expired.stream().filter(Boolean::booleanValue).count();
    }

    @Override
    public synchronized void start() {
        subjects.createIndexes().block();
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "opt-in-expiry"));
        long interval = properties.expiryScanInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                expireDue();
            } catch (RuntimeException e) {
                log.warn("opt-in expiry scan failed: {}", e.getClass().getSimpleName());
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
