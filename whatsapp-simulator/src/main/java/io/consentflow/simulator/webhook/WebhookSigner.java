package io.consentflow.simulator.webhook;

import io.consentflow.simulator.SimulatorProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/** Signs webhook bodies as Meta does: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, raw body). */
@Component
public class WebhookSigner {

    public static final String HEADER = "X-Hub-Signature-256";

    private final SecretKeySpec key;
    /** One initialised Mac per thread: looking the algorithm up for every webhook showed in the profile. */
    private final ThreadLocal<Mac> macs;

    public WebhookSigner(SimulatorProperties properties) {
        this.key = new SecretKeySpec(properties.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String sign(byte[] rawBody) {
        // doFinal resets the Mac for the next body
        return "sha256=" + HexFormat.of().formatHex(macs.get().doFinal(rawBody));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
