package io.consentflow.proof;

import tools.jackson.databind.JsonNode;

/**
 * A proof bundle and its signature: {@code bundle} is the bundle's JSON text exactly as signed (Ed25519 over its
 * UTF-8 bytes), so no re-encoding can change what the signature covers. {@code publicKey} names the signer; a
 * verifier trusts it only when it equals the key it was given.
 */
public record SignedProof(String format, String bundle, String keyId, String publicKey, String signature) {

    public static final String FORMAT = "consentflow-signed-proof/1";
    /** The name of the JSON attached to the PDF. */
    public static final String PDF_ATTACHMENT = "proof.json";

    public static SignedProof sign(ProofBundle bundle, Ed25519 signer) {
        String text = Json.write(bundle);
        return new SignedProof(FORMAT, text, signer.keyId(), signer.publicKeyBase64(), signer.sign(text));
    }

    public static SignedProof parse(String json) {
        JsonNode node = Json.parse(json, "proof bundle");
        String what = "proof bundle";
        if (!FORMAT.equals(node.path("format").asString(null))) {
            throw new Json.ProofFormatException("not a signed ConsentFlow proof (format " + FORMAT + " expected)");
        }
        return new SignedProof(FORMAT, Json.text(node, "bundle", what), node.path("keyId").asString(null),
                Json.text(node, "publicKey", what), Json.text(node, "signature", what));
    }

    public String toJson() {
        return Json.write(this);
    }

    /** The bundle, with every part a check reads present (a part missing is a format error, not a crash). */
    public ProofBundle content() {
        ProofBundle content;
        try {
            content = Json.MAPPER.readValue(bundle, ProofBundle.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new Json.ProofFormatException("the signed bundle is not a ConsentFlow proof bundle");
        }
        if (content.subject() == null || content.subject().subjectId() == null || content.evidence() == null
                || content.history() == null || content.entries() == null || content.segments() == null
                || content.checkpoints() == null || content.checks() == null
                || content.evidence().stream().anyMatch(item -> item == null || item.optInId() == null)
                || content.segments().stream().anyMatch(segment -> segment == null || segment.chainId() == null
                        || segment.rows() == null || segment.rows().stream().anyMatch(row -> row == null
                                || row.prevHash() == null || row.hash() == null || row.canonical() == null))
                || content.entries().stream().anyMatch(entry -> entry == null || entry.chainId() == null)
                || content.checkpoints().stream().anyMatch(c -> c == null || c.signed() == null)) {
            throw new Json.ProofFormatException("the signed bundle lacks a part every proof has (subject, evidence, "
                    + "entries, segments or checkpoints)");
        }
        return content;
    }

    public boolean signatureValid() {
        return Ed25519.verify(publicKey, bundle, signature);
    }
}
