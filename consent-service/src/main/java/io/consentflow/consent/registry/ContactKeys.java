package io.consentflow.consent.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * contactKey = base64url(HMAC-SHA256(pepper, E.164)) (docs/architecture.md#contactkey): looks a number up without
 * storing it.
 */
public final class ContactKeys {

    private final SecretKeySpec key;

    public ContactKeys(String pepper) {
        if (pepper == null || pepper.isBlank()) {
            throw new IllegalStateException("consentflow.consent.pepper (CONSENTFLOW_PEPPER) is not set");
        }
        this.key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String e164) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
