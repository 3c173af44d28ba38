package io.consentflow.e2e;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/** What the erasure scan looks for besides the number itself, and how it checks a deletion certificate. */
final class ErasureEvidence {

    private static final String AUDIT_SALT = "local-development-audit-salt";

    private ErasureEvidence() {
    }

    /** Verifies a deletion certificate as a recipient would: with the key audit-service publishes, nothing else. */
    static boolean verifies(JsonNode signed, String auditUrl) throws Exception {
        String publicKey = Http.get(auditUrl + "/api/v1/audit/checkpoints/key", null).json()
                .path("publicKey").asString();
        var key = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(signed.path("canonical").asString().getBytes(StandardCharsets.UTF_8));
        boolean signatureHolds = verifier.verify(Base64.getDecoder().decode(signed.path("signature").asString()));
        // the signed text is the certificate shown: same erasure, same subject, same last-copy date
        JsonNode canonical = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(signed.path("canonical").asString());
        return signatureHolds && canonical.equals(signed.path("certificate"));
    }

    /** audit-service's digest under its (development) salt, as entries without a contact salt would hold it. */
    static String auditDigest(String value) throws Exception {
        return "sd:" + hmacHex(AUDIT_SALT, value);
    }

    /** Where audit-service keeps a contact's salt: gone with the salt. */
    static String saltLookup(String digits) throws Exception {
        return hmacHex(AUDIT_SALT, "contact-salt|" + digits);
    }

    private static String hmacHex(String key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
}
