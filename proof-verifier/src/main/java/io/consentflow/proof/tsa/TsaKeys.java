package io.consentflow.proof.tsa;

import io.consentflow.proof.Timestamps;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The local TSA's ECDSA P-256 key and self-signed certificate (critical extended key usage: timeStamping). */
record TsaKeys(PrivateKey privateKey, X509Certificate certificate) {

    static final String CERTIFICATE_FILE = "tsa-cert.pem";
    static final String KEY_FILE = "tsa-key.pk8.b64";

    static TsaKeys generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=ConsentFlow local development TSA (no legal effect)");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return new TsaKeys(pair.getPrivate(), certificate);
    }

    /** The key kept in {@code folder}, created on the first start (the certificate is public, the key stays there). */
    static TsaKeys loadOrCreate(Path folder) throws Exception {
        Path key = folder.resolve(KEY_FILE);
        Path certificate = folder.resolve(CERTIFICATE_FILE);
        if (Files.exists(key) && Files.exists(certificate)) {
            PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(Files.readString(key).strip())));
            return new TsaKeys(privateKey, Timestamps.certificate(Files.readString(certificate)));
        }
        TsaKeys fresh = generate();
        Files.createDirectories(folder);
        write(key, Base64.getEncoder().encodeToString(fresh.privateKey().getEncoded()));
        write(certificate, Timestamps.pem(fresh.certificate()));
        return fresh;
    }

    private static void write(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
