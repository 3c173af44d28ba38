package io.consentflow.consent.adapters.mongo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: every subject has its own random AES-256 data key, stored only wrapped (AES-GCM) by a master
 * key ({@link MasterKeys}) in the key ring ({@link KeyRing}), apart from the data. Deleting the wrapped key makes the
 * subject's ciphertexts unreadable wherever they are, backups included (crypto-shredding). Each ciphertext is bound
 * to its subject and field through the associated data, so it cannot be moved to another document.
 */
public final class SubjectCrypto {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(SubjectCrypto::newCipher);

    private final MasterKeys masterKeys;

    public SubjectCrypto(String masterKeyBase64) {
        this(new MasterKeys(masterKeyBase64, java.util.List.of()));
    }

    public SubjectCrypto(MasterKeys masterKeys) {
        this.masterKeys = masterKeys;
    }

    public MasterKeys masterKeys() {
        return masterKeys;
    }

    public SecretKey newDataKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    public MasterKeys.WrappedKey wrap(SecretKey dataKey, String subjectId) {
        return masterKeys.wrap(dataKey, subjectId);
    }

    public SecretKey unwrap(MasterKeys.WrappedKey wrapped, String subjectId) {
        return masterKeys.unwrap(wrapped, subjectId);
    }

    public String encrypt(SecretKey dataKey, String subjectId, String field, String plaintext) {
        return plaintext == null ? null : BASE64.encodeToString(
                sealBytes(dataKey, plaintext.getBytes(StandardCharsets.UTF_8), subjectId + ":" + field));
    }

    public String decrypt(SecretKey dataKey, String subjectId, String field, String sealed) {
        return sealed == null ? null : new String(open(dataKey, sealed, subjectId + ":" + field),
                StandardCharsets.UTF_8);
    }

    public byte[] encryptBytes(SecretKey dataKey, String subjectId, String field, byte[] plaintext) {
        return sealBytes(dataKey, plaintext, subjectId + ":" + field);
    }

    public byte[] decryptBytes(SecretKey dataKey, String subjectId, String field, byte[] sealed) {
        return openBytes(dataKey, sealed, subjectId + ":" + field);
    }

    static String seal(SecretKey key, byte[] plaintext, String associatedData) {
        return BASE64.encodeToString(sealBytes(key, plaintext, associatedData));
    }

    /** IV (12 random bytes, fresh for every message) followed by the ciphertext and its tag. */
    private static byte[] sealBytes(SecretKey key, byte[] plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            int written = cipher.doFinal(plaintext, 0, plaintext.length, sealed, IV_BYTES);
            return written == sealed.length - IV_BYTES ? sealed : Arrays.copyOf(sealed, IV_BYTES + written);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    static byte[] open(SecretKey key, String sealed, String associatedData) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered document)");
        }
        return openBytes(key, bytes, associatedData);
    }

    private static byte[] openBytes(SecretKey key, byte[] bytes, String associatedData) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message names no data: it may be logged
            throw new IllegalStateException("decryption failed (wrong key or tampered document)");
        }
    }

    /**
     * One AES-GCM cipher per thread, initialised anew for every message: looking the transformation up per message
     * cost more than the encryption of a number. A cipher whose last use failed is re-initialised all the same.
     */
    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }
}
