package io.consentflow.consent.domain;

import io.consentflow.proof.Sha256;
import java.time.Instant;
import java.util.List;

/**
 * What proves one opt-in: when, from where, through which channel, and the exact text and notice version shown.
 * Personal data: held only encrypted at rest and only decrypted for an Art. 15 export.
 */
public record Evidence(String optInId, Instant at, String channel, String clientAddress, String userAgent,
        String pageUrl, String noticeVersion, String consentText, String consentTextHash, String inboundMessageId) {

    public static String sha256Hex(String text) {
        return Sha256.hex(text);
    }

    public Evidence forOptIn(String id) {
        return new Evidence(id, at, channel, clientAddress, userAgent, pageUrl, noticeVersion, consentText,
                consentTextHash, inboundMessageId);
    }

    /** Salted with the subjectId, so equal evidence of two people never yields the same digest. */
    public String digest(String subjectId) {
        return sha256Hex(String.join("\u001f", digestInput(subjectId)));
    }

    /** Exactly what {@link #digest} hashes, joined by U+001F: a proof bundle carries it so anyone can recompute it. */
    public List<String> digestInput(String subjectId) {
        return List.of(subjectId, optInId, String.valueOf(at), channel, String.valueOf(clientAddress),
                String.valueOf(userAgent), String.valueOf(pageUrl), String.valueOf(noticeVersion),
                String.valueOf(consentTextHash), String.valueOf(inboundMessageId));
    }
}
