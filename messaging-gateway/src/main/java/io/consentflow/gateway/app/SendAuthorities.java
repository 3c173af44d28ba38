package io.consentflow.gateway.app;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.Authority;
import io.consentflow.schemas.SendRequestSignatures;
import io.consentflow.schemas.Services;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads what a SendRequest's signature authorises (docs/architecture.md#who-may-send-without-consent). The keys are
 * held by the signers and the gateway only; the signer's name is inside the mac, so a customer-service key cannot
 * sign as consent-service. A signature that does not verify grants nothing and is counted: it is either a
 * misconfigured producer or a forgery.
 */
@Component
public class SendAuthorities {

    static final int MIN_KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(SendAuthorities.class);

    private final byte[] consentServiceKey;
    private final Map<String, byte[]> customerServiceKeys = new HashMap<>();
    private final Counter invalid;

    public SendAuthorities(SendSettings signing, MeterRegistry meters) {
        this.consentServiceKey = key("consentflow.gateway.signing.consent-service-key", signing.consentServiceKey());
        signing.customerServiceKeys().forEach((signer, key) -> {
            if (Services.CONSENT.equals(signer) || SendRequestSignatures.signerOf("v1:" + signer + ":x") == null) {
                throw new IllegalStateException("consentflow.gateway.signing.customer-service-keys: '" + signer
                        + "' is not a permitted signer name");
            }
            customerServiceKeys.put(signer, key("consentflow.gateway.signing.customer-service-keys." + signer, key));
        });
        this.invalid = meters.counter("consentflow.gateway.send.signature.invalid");
    }

    private static byte[] key(String property, String value) {
        if (value == null || value.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalStateException(property + " must be set to at least " + MIN_KEY_BYTES + " bytes");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public Authority of(SendRequest request) {
        String signature = request.getSignature();
        if (signature == null) {
            return Authority.NONE;
        }
        String signer = SendRequestSignatures.signerOf(signature);
        if (Services.CONSENT.equals(signer) && SendRequestSignatures.verify(request, signer, consentServiceKey)) {
            return Authority.CONSENT_SERVICE;
        }
        byte[] key = signer == null ? null : customerServiceKeys.get(signer);
        if (key != null && SendRequestSignatures.verify(request, signer, key)) {
            return Authority.CUSTOMER_SERVICE;
        }
        invalid.increment();
        // the requestId and signer name only: the request carries a number and text
        log.warn("send request {} has a signature that does not verify (signer {}): judged as unsigned",
                request.getRequestId(), signer == null ? "malformed" : signer);
        return Authority.NONE;
    }
}
