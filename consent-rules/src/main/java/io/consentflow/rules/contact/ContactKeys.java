package io.consentflow.rules.contact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * contactKey = base64url without padding of HMAC-SHA256(pepper, E.164 with its leading '+', UTF-8)
 * (docs/architecture.md#contactkey): how consent-service and the gateway find a contact without storing the number,
 * computed here once for both.
 */
public final class ContactKeys {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** One initialised Mac per thread ({@link Hmacs#perThread}). */
    private final ThreadLocal<Mac> macs;

    public ContactKeys(String pepper) {
        if (pepper == null || pepper.isBlank()) {
            throw new IllegalStateException("the contact-key pepper (CONSENTFLOW_PEPPER) is not set");
        }
        this.macs = Hmacs.perThread(new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    public String of(String e164) {
        return BASE64URL.encodeToString(macs.get().doFinal(e164.getBytes(StandardCharsets.UTF_8)));
    }
}
