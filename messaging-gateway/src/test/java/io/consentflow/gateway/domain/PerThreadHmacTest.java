package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.contact.ContactKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The per-thread Macs give what a fresh Mac per call gave, also when many threads use one instance at once. */
class PerThreadHmacTest {

    private static final String PEPPER = "local-development-pepper-0123456789abcdef";

    private static byte[] freshHmac(String secret, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static String freshContactKey(String e164) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(freshHmac(PEPPER, e164.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void contactKeysEqualAFreshMacPerCallAcrossThreads() throws Exception {
        ContactKeys keys = new ContactKeys(PEPPER);
        assertThat(keys.of("+4915112345678")).isEqualTo(freshContactKey("+4915112345678"));
        onThreads(thread -> {
            for (int i = 0; i < 2_000; i++) {
                String e164 = "+49151" + (10_000_000 + thread * 100_000 + i);
                assertThat(keys.of(e164)).isEqualTo(freshContactKey(e164));
                assertThat(keys.of(e164)).isEqualTo(keys.of(e164)); // the Mac is reset after each use
            }
        });
    }

    @Test
    void webhookSignaturesVerifyAsWithAFreshMacAcrossThreads() throws Exception {
        WebhookSignature signature = new WebhookSignature("new-secret", "old-secret");
        onThreads(thread -> {
            for (int i = 0; i < 1_000; i++) {
                byte[] body = ("{\"n\":" + thread + "," + i + "}").getBytes(StandardCharsets.UTF_8);
                String current = "sha256=" + HexFormat.of().formatHex(freshHmac("new-secret", body));
                String previous = "sha256=" + HexFormat.of().formatHex(freshHmac("old-secret", body));
                String other = "sha256=" + HexFormat.of().formatHex(freshHmac("other", body));
                assertThat(WebhookSignature.sign("new-secret", body)).isEqualTo(current);
                assertThat(signature.verify(current, body)).isEqualTo(WebhookSignature.Verdict.VALID);
                assertThat(signature.verify(previous, body)).isEqualTo(WebhookSignature.Verdict.VALID);
                assertThat(signature.verify(other, body)).isEqualTo(WebhookSignature.Verdict.INVALID);
            }
        });
    }

    /** A check that may throw, run by one of the threads. */
    private interface ThreadCheck {
        void run(int thread) throws Exception;
    }

    /** Runs the check on 8 threads at once and fails with the first failure. */
    private static void onThreads(ThreadCheck check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    check.run(thread);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
