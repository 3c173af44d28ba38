package io.consentflow.consent.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
        return plaintext == null ? null
                : seal(dataKey, plaintext.getBytes(StandardCharsets.UTF_8), subjectId + ":" + field);
    }

    public String decrypt(SecretKey dataKey, String subjectId, String field, String sealed) {
        return sealed == null ? null : new String(open(dataKey, sealed, subjectId + ":" + field),
                StandardCharsets.UTF_8);
    }

    public byte[] encryptBytes(SecretKey dataKey, String subjectId, String field, byte[] plaintext) {
        return Base64.getDecoder().decode(seal(dataKey, plaintext, subjectId + ":" + field));
    }

    public byte[] decryptBytes(SecretKey dataKey, String subjectId, String field, byte[] sealed) {
        return open(dataKey, Base64.getEncoder().encodeToString(sealed), subjectId + ":" + field);
    }

    static String seal(SecretKey key, byte[] plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    static byte[] open(SecretKey key, String sealed, String associatedData) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message names no data: it may be logged
            throw new IllegalStateException("decryption failed (wrong key or tampered document)");
        }
    }
}
