package io.consentflow.consent.domain;

import io.consentflow.consent.domain.DomainEvent.StateSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The policy, subject and helpers the domain tests of the consent state machine share. */
abstract class LifecycleFixture {

    static final ConsentPolicy POLICY = new ConsentPolicy(List.of(new Purpose("offers", true),
            new Purpose("new-collections", true), new Purpose("event-updates", true), new Purpose("support", false)),
            Duration.ofHours(48), "Musterladen", "optin_confirmation", Set.of("offers", "new-collections"),
            "de");
    static final Instant T0 = Instant.parse("2026-11-29T06:00:00Z");
    static final String NUMBER = "+4915112345678";

    final ConsentLifecycle lifecycle = new ConsentLifecycle(POLICY);
    final Subject subject = Subject.create("subject-1", "contact-key-1", NUMBER, "de", T0);

    static Evidence evidence() {
        return new Evidence(null, T0, "WEB_FORM", "203.0.113.9", "Firefox", "https://shop.example/opt-in", "v7",
                "Ich willige ein ...", Evidence.sha256Hex("Ich willige ein ..."), null);
    }

    ConfirmationToken optIn(Set<String> purposes, Instant at) {
        return lifecycle.requestOptIn(subject, purposes, OptInSource.WEB_FORM, "de", evidence(), at).orElseThrow();
    }

    <T extends DomainEvent> List<T> queued(Class<T> type) {
        return subject.queued().stream().filter(type::isInstance).map(type::cast).toList();
    }

    StateSnapshot lastSnapshot() {
        List<StateSnapshot> snapshots = queued(StateSnapshot.class);
        return snapshots.get(snapshots.size() - 1);
    }
}
