package io.consentflow.gateway.domain;

import java.util.Set;

/**
 * What the gate knows about one contact's consent.
 *
 * @param subjectId              consent-service's id of the subject (null when unknown)
 * @param status                 consent status from the latest snapshot
 * @param purposes               purposes currently granted
 * @param marketingStoppedAtMeta the user chose "stop" for marketing messages in WhatsApp
 * @param since                  when consent-service made the snapshot, epoch millis (0: not known; the view keeps
 *                               whole seconds, rounded down)
 */
public record ConsentFacts(String subjectId, ConsentStatus status, Set<String> purposes,
        boolean marketingStoppedAtMeta, long since) {

    public ConsentFacts {
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
        status = status == null ? ConsentStatus.UNKNOWN : status;
    }

    public ConsentFacts(String subjectId, ConsentStatus status, Set<String> purposes, boolean marketingStoppedAtMeta) {
        this(subjectId, status, purposes, marketingStoppedAtMeta, 0);
    }
}
