package io.consentflow.consent.domain;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules that come from configuration: the purpose catalogue, how long an opt-in may stay pending, the brand name
 * in the confirmation template, the name of that template as registered with Meta, which purposes an opt-in
 * started in WhatsApp asks for, and the language of a chat reply when neither the message nor the subject names one.
 */
public record ConsentPolicy(List<Purpose> purposes, Duration optInTtl, String brandName,
        String confirmationTemplate, Set<String> whatsappOptInPurposes, String replyFallbackLanguage) {

    /** Meta's rule for template names: lowercase letters, digits and underscores, at most 512 characters. */
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");

    public ConsentPolicy {
        if (confirmationTemplate == null || !TEMPLATE_NAME.matcher(confirmationTemplate).matches()) {
            throw new IllegalArgumentException("the confirmation template name must be 1-512 lowercase letters,"
                    + " digits or underscores, as Meta registers it");
        }
        if (replyFallbackLanguage == null || !replyFallbackLanguage.matches("[a-z]{2}")) {
            throw new IllegalArgumentException("the reply fallback language must be an ISO 639-1 code such as de");
        }
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
