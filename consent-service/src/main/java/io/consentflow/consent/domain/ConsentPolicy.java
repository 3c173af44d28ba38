package io.consentflow.consent.domain;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules that come from configuration: the purpose catalogue, how long an opt-in may stay pending, the brand name
 * in the confirmation template and which purposes an opt-in started in WhatsApp asks for.
 */
public record ConsentPolicy(List<Purpose> purposes, Duration optInTtl, String brandName,
        Set<String> whatsappOptInPurposes) {

    public ConsentPolicy {
        purposes = List.copyOf(purposes);
        whatsappOptInPurposes = Set.copyOf(whatsappOptInPurposes);
        Set<String> names = new TreeSet<>();
        purposes.forEach(purpose -> names.add(purpose.name()));
        if (!names.containsAll(whatsappOptInPurposes)) {
            throw new IllegalArgumentException("WhatsApp opt-in purposes must be configured purposes");
        }
    }

    public Set<String> unknown(Collection<String> names) {
        Set<String> unknown = new TreeSet<>(names);
        purposes.forEach(purpose -> unknown.remove(purpose.name()));
        return unknown;
    }

    public boolean isMarketing(String name) {
        return purposes.stream().anyMatch(purpose -> purpose.name().equals(name) && purpose.marketing());
    }
}
