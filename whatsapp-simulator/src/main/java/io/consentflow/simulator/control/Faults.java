package io.consentflow.simulator.control;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The currently injected faults; read on every send and every webhook delivery. */
@Component
public class Faults {

    private final AtomicReference<FaultSettings> current = new AtomicReference<>(FaultSettings.NONE);

    public FaultSettings current() {
        return current.get();
    }

    public void set(FaultSettings settings) {
        current.set(settings.normalized());
    }

    public void clear() {
        current.set(FaultSettings.NONE);
    }

    /** Whether this accepted send should be answered 500 all the same ("accept, then 5xx"). */
    public boolean rollAcceptThenError() {
        double rate = current.get().acceptThenErrorRate();
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** Whether this send should fail with the injected error code. */
    public boolean rollError() {
        double rate = current.get().errorRate();
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
