package io.consentflow.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * docs/architecture.md#contactkey: contactKey = base64url(HMAC-SHA256(pepper, E.164)), computed independently of the
 * services.
 */
final class Contacts {

    static final String LOCAL_PEPPER = "local-development-pepper-0123456789abcdef";

    private Contacts() {
    }

    static String contactKey(String e164) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(LOCAL_PEPPER.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
