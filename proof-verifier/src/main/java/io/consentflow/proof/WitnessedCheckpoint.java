package io.consentflow.proof;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A checkpoint as audit-service hands it to its witness and to a proof bundle: the exact signed canonical bytes (as a
 * UTF-8 string), the Ed25519 signature over them, the key id, and the RFC 3161 token over SHA-256 of the signed bytes
 * ({@link #digest()}, which is also what the next checkpoint names as previousDigest). Everything a verifier reads
 * (number, previous digest, heads) is read from the signed bytes, never from unsigned fields.
 */
public record WitnessedCheckpoint(long number, String createdAt, String keyId, String signed, String signature,
        String digest, String timestampToken) {

    public record Head(long count, String hash) {
    }

    public static WitnessedCheckpoint fromJson(JsonNode node) {
        String what = "checkpoint";
        return new WitnessedCheckpoint(node.path("number").asLong(-1), node.path("createdAt").asString(null),
                node.path("keyId").asString(null), Json.text(node, "signed", what), node.path("signature").asString(null),
                node.path("digest").asString(null), node.path("timestampToken").asString(null));
    }

    public static WitnessedCheckpoint parse(String json) {
        return fromJson(Json.parse(json, "checkpoint"));
    }

    public String toJson() {
        return Json.write(this);
    }

    public byte[] signedBytes() {
        return signed.getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of the signed bytes, recomputed (the stored {@code digest} is only a convenience). */
    public String recomputedDigest() {
        return Sha256.hex(signedBytes());
    }

    private JsonNode content() {
        return Json.parse(signed, "signed checkpoint " + number);
    }

    public long signedNumber() {
        return content().path("number").asLong(-1);
    }

    public String signedKeyId() {
        return content().path("keyId").asString(null);
    }

    public String previousDigest() {
        return content().path("previousDigest").asString(null);
    }

    public long signedCreatedAtMillis() {
        return content().path("createdAt").asLong(-1);
    }

    /** chainId -> (count, hash of the entry at count-1), as signed. */
    public Map<String, Head> heads() {
        Map<String, Head> heads = new TreeMap<>();
        JsonNode signedHeads = content().path("heads");
        for (Map.Entry<String, JsonNode> head : signedHeads.properties()) {
            heads.put(head.getKey(), new Head(head.getValue().path("count").asLong(-1),
                    head.getValue().path("hash").asString(null)));
        }
        return heads;
    }
}
