package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The Ed25519 key pair that signs checkpoints, read from configuration. */
public final class SigningKeys {

    /**
     * The documented LOCAL DEVELOPMENT signing key (README). Public knowledge: the prod profile refuses it.
     */
    public static final String DEVELOPMENT_KEY = "MC4CAQAwBQYDK2VwBCIEINCSywBKE2LxCe/uJQ2UO3Ueac8KTGfkFUqCrO/4ORaU";

    private final KeyPair keyPair;
    private final String keyId;

    private SigningKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.keyId = keyIdOf(keyPair.getPublic());
    }

    /** The first 16 hex digits of SHA-256 over the X.509 encoding of the public key: what a checkpoint names. */
    public static String keyIdOf(PublicKey publicKey) {
        return Sha256.hex(publicKey.getEncoded()).substring(0, 16);
    }

    /** Reads a PKCS#8 base64 Ed25519 private key and derives its public key. Never puts the key in a message. */
    public static SigningKeys fromPkcs8Base64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("the audit signing key is not configured");
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64.trim());
            var privateKey = (EdECPrivateKey) KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = privateKey.getBytes().orElseThrow();
            // The JDK derives an Ed25519 public key only while generating a pair: feed it the seed as its "randomness".
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair derived = generator.generateKeyPair();
            return new SigningKeys(new KeyPair(derived.getPublic(), privateKey));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("the audit signing key is not a PKCS#8 base64 Ed25519 private key");
        }
    }

    public static boolean isDevelopmentKey(String base64) {
        return base64 != null && DEVELOPMENT_KEY.equals(base64.trim());
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
    }

    public String sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keyPair.getPrivate());
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] data, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    public static PublicKey publicKeyFromBase64(String x509Base64) {
        try {
            if (x509Base64 == null) {
                throw new IllegalArgumentException("not an Ed25519 public key");
            }
            return KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(x509Base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    private static final class FixedSeed extends SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
