package io.consentflow.consent.adapters.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** AES-GCM with one cipher per thread: every message its own IV, bound to its subject and field, tamper-evident. */
class SubjectCryptoTest {

    private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);
    private final SubjectCrypto crypto = new SubjectCrypto(MASTER);
    private final SecretKey key = crypto.newDataKey();

    @Test
    void textAndBytesComeBackAndTheSameTextNeverEncryptsTheSameTwice() {
        String first = crypto.encrypt(key, "s1", "number", "+4915112345678");
        String second = crypto.encrypt(key, "s1", "number", "+4915112345678");
        assertThat(first).isNotEqualTo(second).doesNotContain("4915112345678");
        assertThat(crypto.decrypt(key, "s1", "number", first)).isEqualTo("+4915112345678");
        assertThat(crypto.decrypt(key, "s1", "number", second)).isEqualTo("+4915112345678");
        byte[] value = "avro bytes".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = crypto.encryptBytes(key, "s1", "outbox-value", value);
        assertThat(sealed).hasSize(12 + value.length + 16);
        assertThat(crypto.decryptBytes(key, "s1", "outbox-value", sealed)).isEqualTo(value);
        assertThat(crypto.encrypt(key, "s1", "number", null)).isNull();
    }

    @Test
    void aCiphertextMovedToAnotherFieldOrSubjectOrTamperedWithDoesNotOpen() {
        String sealed = crypto.encrypt(key, "s1", "number", "+4915112345678");
        assertThatThrownBy(() -> crypto.decrypt(key, "s1", "evidence", sealed)).hasMessageContaining("decryption failed");
        assertThatThrownBy(() -> crypto.decrypt(key, "s2", "number", sealed)).hasMessageContaining("decryption failed");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> crypto.decrypt(key, "s1", "number", tampered)).hasMessageContaining("decryption failed");
        assertThatThrownBy(() -> crypto.decrypt(crypto.newDataKey(), "s1", "number", sealed))
                .hasMessageContaining("decryption failed");
        // a failed opening leaves the thread's cipher usable
        assertThat(crypto.decrypt(key, "s1", "number", sealed)).isEqualTo("+4915112345678");
    }

    @Test
    void threadsEncryptingAtOnceEachGetTheirOwnMessagesBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String text = "subject " + thread + " message " + i;
                        String sealed = crypto.encrypt(key, "s" + thread, "evidence", text);
                        if (!text.equals(crypto.decrypt(key, "s" + thread, "evidence", sealed))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWrappedDataKeyUnwrapsOnlyForItsSubject() {
        var wrapped = crypto.wrap(key, "s1");
        assertThat(crypto.unwrap(wrapped, "s1").getEncoded()).isEqualTo(key.getEncoded());
        assertThatThrownBy(() -> crypto.unwrap(wrapped, "s2")).hasMessageContaining("decryption failed");
    }
}
