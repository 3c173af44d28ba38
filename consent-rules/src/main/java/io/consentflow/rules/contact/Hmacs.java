package io.consentflow.rules.contact;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Initialised HMAC-SHA256 instances, for the per-thread Macs of {@link ContactKeys} and the gateway's webhook signatures. */
public final class Hmacs {

    private Hmacs() {
    }

    public static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /**
     * One initialised Mac per thread for this key: {@code Mac.getInstance} + {@code init} per call (a provider lookup
     * and the key schedule) cost more than the HMAC itself. A Mac is not thread-safe; {@code doFinal} resets it for the
     * next use. The prototype is made now, so an unavailable algorithm fails at construction, not on first use.
     */
    public static ThreadLocal<Mac> perThread(SecretKeySpec key) {
        Mac prototype = newMac(key);
        return ThreadLocal.withInitial(() -> copy(prototype, key));
    }

    /** A clone of an initialised prototype (no provider lookup, no key schedule), or a new Mac if it cannot clone. */
    private static Mac copy(Mac prototype, SecretKeySpec key) {
        try {
            synchronized (prototype) {
                return (Mac) prototype.clone();
            }
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }
}
