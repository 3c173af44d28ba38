package io.consentflow.simulator.cloudapi;

import java.security.SecureRandom;
import java.util.Base64;

/** Message ids that look like Meta's (wamid. + base64) and fbtrace ids for error bodies. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String wamid() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return "wamid." + Base64.getEncoder().encodeToString(bytes);
    }

    public static String fbtraceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "A" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
    }
}
