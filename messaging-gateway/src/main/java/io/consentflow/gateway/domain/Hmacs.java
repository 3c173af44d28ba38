package io.consentflow.gateway.domain;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Initialised HMAC-SHA256 instances, for the per-thread Macs of {@link ContactKeys} and {@link WebhookSignature}. */
final class Hmacs {

    private Hmacs() {
    }

    static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** A clone of an initialised prototype (no provider lookup, no key schedule), or a new Mac if it cannot clone. */
    static Mac copy(Mac prototype, SecretKeySpec key) {
        try {
            synchronized (prototype) {
                return (Mac) prototype.clone();
            }
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }
}
