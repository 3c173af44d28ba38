package io.consentflow.simulator.cloudapi;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Message ids that look like Meta's (wamid. + base64) and fbtrace ids for error bodies. 240 random bits make a
 * collision practically impossible; they need no secrecy, so ThreadLocalRandom replaces SecureRandom, whose
 * NativePRNG read /dev/urandom under a global lock on every send.
 */
public final class Ids {

    private Ids() {
    }

    public static String wamid() {
        byte[] bytes = new byte[30];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "wamid." + Base64.getEncoder().encodeToString(bytes);
    }

    public static String fbtraceId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "A" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
    }
}
