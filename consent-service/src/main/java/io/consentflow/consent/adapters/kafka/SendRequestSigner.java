package io.consentflow.consent.adapters.kafka;

import io.consentflow.events.SendRequest;
import io.consentflow.schemas.SendRequestSignatures;
import io.consentflow.schemas.Services;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;

/**
 * Signs consent-service's SendRequests as they leave the outbox (docs/architecture.md#who-may-send-without-consent):
 * the gateway lets a request through without consent only with this signature, so that no other writer of
 * {@code send-requests} can pass off a message as consent-service's. Signed at publication, not when queued, so the
 * key never reaches the domain or the database; the signature is deterministic, so a republished entry carries the
 * same one.
 */
final class SendRequestSigner {

    /** HMAC-SHA256 keys shorter than its output would be the weak link. */
    static final int MIN_KEY_BYTES = 32;

    private final byte[] key;

    SendRequestSigner(String key) {
        if (key == null || key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalStateException("consentflow.consent.send-signing-key (CONSENTFLOW_SEND_SIGNING_KEY) must "
                    + "be set to at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** The value to publish: a SendRequest signed (a copy; the queued entry is unchanged), anything else as it is. */
    SpecificRecord signed(SpecificRecord value) {
        if (!(value instanceof SendRequest request)) {
            return value;
        }
        SendRequest copy = SendRequest.newBuilder(request).setSignature(null).build();
        copy.setSignature(SendRequestSignatures.sign(copy, Services.CONSENT, key));
        return copy;
    }
}
