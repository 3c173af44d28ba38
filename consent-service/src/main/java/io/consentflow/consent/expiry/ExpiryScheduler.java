package io.consentflow.consent.expiry;

import io.consentflow.consent.application.ConsentCommands;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.registry.SubjectRepository;
import io.consentflow.platform.scheduling.PeriodicTask;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Ends pending opt-ins whose confirmation deadline passed (OptInExpired, pending data deleted). Explicit and
 * periodic: MongoDB TTL indexes are not the mechanism (docs/architecture.md#retention), and the wire server in tests
 * has none.
 */
@Component
public class ExpiryScheduler extends PeriodicTask {

    private final SubjectRepository subjects;
    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;
    private final ConsentProperties properties;

    public ExpiryScheduler(SubjectRepository subjects, ConsentCommands commands, ConsentLifecycle lifecycle,
            ConsentProperties properties) {
        super("opt-in-expiry");
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
    protected void beforeFirstRun() {
        subjects.createIndexes().block();
    }

    @Override
    protected Duration interval() {
        return properties.expiryScanInterval();
    }

    @Override
    protected void runOnce() {
        expireDue();
    }
}
