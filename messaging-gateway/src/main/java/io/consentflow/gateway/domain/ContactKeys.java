package io.consentflow.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * contactKey = base64url without padding of HMAC-SHA256(pepper, E.164 with its leading '+', UTF-8): the same
 * computation as consent-service's, so both find a contact without storing the number.
 */
public final class ContactKeys {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /**
     * One initialised Mac per thread: {@code Mac.getInstance} + {@code init} per call (a provider lookup and the key
     * schedule) cost more than the HMAC itself. A Mac is not thread-safe; {@code doFinal} resets it for the next use.
     */
    private final ThreadLocal<Mac> macs;

    public ContactKeys(String pepper) {
        if (pepper == null || pepper.isBlank()) {
            throw new IllegalStateException("the contact-key pepper (CONSENTFLOW_PEPPER) is not set");
        }
        SecretKeySpec key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        Mac prototype = Hmacs.newMac(key); // fails at construction, not on the first request, when unavailable
        this.macs = ThreadLocal.withInitial(() -> Hmacs.copy(prototype, key));
    }

    public String of(String e164) {
        return BASE64URL.encodeToString(macs.get().doFinal(e164.getBytes(StandardCharsets.UTF_8)));
    }
}
