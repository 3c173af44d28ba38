package io.consentflow.consent.app;

import io.consentflow.consent.domain.ConsentLifecycle;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * Ends pending opt-ins whose confirmation deadline passed (OptInExpired, pending data deleted). Explicit and
 * periodic (config's {@code ExpiryScheduling} runs it): MongoDB TTL indexes are not the mechanism
 * (docs/architecture.md#retention), and the wire server in tests has none.
 */
@Service
public class ExpirePendingOptIns {

    private final SubjectStore subjects;
    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;

    public ExpirePendingOptIns(SubjectStore subjects, ConsentCommands commands, ConsentLifecycle lifecycle) {
        this.subjects = subjects;
        this.commands = commands;
        this.lifecycle = lifecycle;
    }

    /** The indexes the scan and every other subject query use; before the first scan. */
    public void prepare() {
        subjects.createIndexes().block();
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
}
