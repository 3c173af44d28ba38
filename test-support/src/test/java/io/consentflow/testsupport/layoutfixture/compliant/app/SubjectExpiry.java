package io.consentflow.testsupport.layoutfixture.compliant.app;

import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/** Scheduled work returns a Mono; platform blocks on it (rule 6). */
public class SubjectExpiry extends ReactivePeriodicTask {

    private final EraseSubject erase;

    public SubjectExpiry(EraseSubject erase) {
        super("subject-expiry", Duration.ofMinutes(5), Duration.ofMinutes(1));
        this.erase = erase;
    }

    @Override
    protected Mono<Void> run() {
        return erase.eraseLater(List.of());
    }
}
