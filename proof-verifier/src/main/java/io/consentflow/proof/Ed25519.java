package io.consentflow.proof;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * Ed25519 keys as the suite writes them: private keys PKCS#8 DER base64, public keys X.509 DER base64, signatures
 * base64, and a key id of the first 16 hex digits of SHA-256 over the X.509 encoding (what a checkpoint names).
 * Error messages never contain a key.
 */
public final class Ed25519 {

    private final PrivateKey privateKey;
    private final String publicKeyBase64;

    private Ed25519(PrivateKey privateKey, String publicKeyBase64) {
        this.privateKey = privateKey;
        this.publicKeyBase64 = publicKeyBase64;
    }

    /** A signer from a PKCS#8 base64 private key; its public key is derived (Bouncy Castle does what the JDK cannot). */
    public static Ed25519 signer(String pkcs8Base64) {
        try {
            byte[] der = Base64.getDecoder().decode(pkcs8Base64.strip());
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(der).parsePrivateKey()).getOctets();
            byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            byte[] x509 = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), publicKey)
                    .getEncoded();
            return new Ed25519(key, Base64.getEncoder().encodeToString(x509));
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8, base64)");
        }
    }

    public String publicKeyBase64() {
        return publicKeyBase64;
    }

    public String keyId() {
        return keyIdOf(publicKeyBase64);
    }

    public String sign(String text) {
        return sign(text.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static String keyIdOf(String x509Base64) {
        return Sha256.hex(Base64.getDecoder().decode(x509Base64.strip())).substring(0, 16);
    }

    public static PublicKey publicKey(String x509Base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509Base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509, base64)");
        }
    }

    /** False for a wrong, malformed or missing signature. */
    public static boolean verify(String x509Base64, byte[] data, String signatureBase64) {
        if (signatureBase64 == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey(x509Base64));
            signature.update(data);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean verify(String x509Base64, String text, String signatureBase64) {
        return verify(x509Base64, text.getBytes(StandardCharsets.UTF_8), signatureBase64);
    }
}
