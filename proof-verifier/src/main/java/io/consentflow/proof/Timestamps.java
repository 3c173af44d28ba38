package io.consentflow.proof;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * RFC 3161 time-stamps over a SHA-256 digest: the request a client sends, the token it keeps from the answer, and the
 * check of a token (signature of the TSA, its certificate's timeStamping purpose and validity at the stamped time,
 * the imprint, and, when a certificate is pinned, that the TSA is that one).
 */
public final class Timestamps {

    /** The content type of an RFC 3161 request body. */
    public static final String QUERY_MEDIA_TYPE = "application/timestamp-query";
    public static final String REPLY_MEDIA_TYPE = "application/timestamp-reply";

    private static final SecureRandom NONCES = new SecureRandom();

    private Timestamps() {
    }

    /** A request for {@code sha256} with a random nonce, asking for the TSA's certificate in the token. */
    public static TimeStampRequest request(byte[] sha256) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        return generator.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(63, NONCES));
    }

    /** The token (DER, base64) of a granted answer to {@code request}; refused answers and mismatches throw. */
    public static String tokenOf(TimeStampRequest request, byte[] response) {
        try {
            TimeStampResponse answer = new TimeStampResponse(response);
            answer.validate(request);
            if (answer.getTimeStampToken() == null) {
                throw new TimestampException("the TSA refused the request (status " + answer.getStatus() + ")");
            }
            return Base64.getEncoder().encodeToString(answer.getTimeStampToken().getEncoded());
        } catch (TSPException | IOException e) {
            throw new TimestampException("the TSA answer is not a valid time-stamp response: " + e.getMessage());
        }
    }

    /**
     * Checks {@code tokenBase64} over {@code sha256} and returns the time it states.
     *
     * @param pinned the TSA certificate to trust; null checks the token against the certificate it carries only
     */
    public static Instant verify(String tokenBase64, byte[] sha256, X509Certificate pinned) {
        if (tokenBase64 == null || tokenBase64.isBlank()) {
            throw new TimestampException("no time-stamp token");
        }
        try {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode(tokenBase64)));
            Collection<X509CertificateHolder> carried = token.getCertificates().getMatches(token.getSID());
            X509CertificateHolder signer = pinned != null ? new X509CertificateHolder(pinned.getEncoded())
                    : carried.stream().findFirst().orElseThrow(
                            () -> new TimestampException("the token carries no TSA certificate and none is pinned"));
            if (!token.getSID().match(signer)) {
                throw new TimestampException("the token was not signed by the pinned TSA certificate");
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
            if (!NISTObjectIdentifiers.id_sha256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())
                    || !Arrays.equals(sha256, token.getTimeStampInfo().getMessageImprintDigest())) {
                throw new TimestampException("the token stamps a different digest");
            }
            return token.getTimeStampInfo().getGenTime().toInstant();
        } catch (TSPException | CMSException | IOException | OperatorCreationException | CertificateException
                | IllegalArgumentException e) {
            throw new TimestampException("the time-stamp token does not verify: " + e.getMessage());
        }
    }

    /** Reads a PEM or base64 DER X.509 certificate. */
    public static X509Certificate certificate(String pemOrBase64) {
        String body = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(body)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an X.509 certificate (PEM or base64 DER)");
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A time-stamp that could not be obtained or does not verify. */
    public static final class TimestampException extends RuntimeException {
        public TimestampException(String message) {
            super(message);
        }
    }
}
