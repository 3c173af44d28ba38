package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.platform.web.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Why was this message blocked?": the consent the gate judges a contact by right now, for support staff. Addressed
 * by contactKey (the pseudonym), so no number travels in a URL or an access log.
 */
@RestController
class ContactConsentController {

    /** base64url of an HMAC-SHA256, without padding. */
    static final Pattern CONTACT_KEY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final ConsentLookup consents;
    private final ConsentTable snapshots;

    ContactConsentController(ConsentLookup consents, ConsentTable snapshots) {
        this.consents = consents;
        this.snapshots = snapshots;
    }

    @GetMapping("/api/v1/contacts/{contactKey}/consent")
    GateView consent(@PathVariable String contactKey) {
        if (!CONTACT_KEY.matcher(contactKey).matches()) {
            throw new InvalidInputException("contactKey", "43 base64url characters (an HMAC-SHA256)");
        }
        ConsentFacts snapshot = snapshots.get(contactKey);
        ConsentFacts judged = consents.facts(contactKey);
        if (judged == null) {
            return new GateView(contactKey, "UNKNOWN", List.of(), false, null, false);
        }
        return new GateView(contactKey, judged.status().name(), judged.purposes().stream().sorted().toList(),
                judged.marketingStoppedAtMeta(), snapshot == null || snapshot.since() == 0 ? null
                        : Instant.ofEpochMilli(snapshot.since()), !judged.equals(snapshot));
    }

    /**
     * @param snapshotAt  when consent-service made the snapshot the view holds (null: none)
     * @param stopPending a STOP read on the webhook or on whatsapp-inbound narrows the snapshot until consent-service's
     *                    next snapshot reflects it
     */
    record GateView(String contactKey, String status, List<String> purposes, boolean marketingStoppedAtMeta,
            Instant snapshotAt, boolean stopPending) {
    }
}
