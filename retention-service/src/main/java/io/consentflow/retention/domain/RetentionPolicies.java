package io.consentflow.retention.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The validated policy document (see {@link PolicyDocumentParser}); every required kind is present exactly once. */
public record RetentionPolicies(String controller, ZoneId zone, List<RetentionPolicy> policies) {

    public RetentionPolicies {
        policies = List.copyOf(policies);
    }

    public RetentionPolicy single(PolicyKind kind) {
        return policies.stream().filter(policy -> policy.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " policy"));
    }

    public Instant deadline(PolicyKind kind, Instant from) {
        return single(kind).period().addTo(from, zone);
    }

    /** Purposes with a last day, and the instant their consent ends (the start of the following day). */
    public Map<String, Instant> purposeEnds() {
        return policies.stream().filter(policy -> policy.kind() == PolicyKind.PURPOSE_END)
                .collect(Collectors.toUnmodifiableMap(RetentionPolicy::purpose,
                        policy -> policy.lastDay().plusDays(1).atStartOfDay(zone).toInstant()));
    }

    public Map<String, Duration> topicRetention() {
        return policies.stream().filter(policy -> policy.kind() == PolicyKind.TOPIC_RETENTION)
                .collect(Collectors.toUnmodifiableMap(RetentionPolicy::topic, policy -> policy.period().atMost()));
    }

    public Optional<RetentionPolicy> byId(String id) {
        return policies.stream().filter(policy -> policy.id().equals(id)).findFirst();
    }
}
