package io.consentflow.consent.adapters.web.proof;

import io.consentflow.proof.Ed25519;
import io.consentflow.proof.Json;
import io.consentflow.proof.Sha256;
import io.consentflow.proof.Timestamps;
import io.consentflow.proof.tsa.LocalTimestampAuthority;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real chain data as audit-service serves it for a proof, made here for the peer stub: entries hashed into a chain
 * after other subjects' entries, a checkpoint over the head signed with audit's documented development key, and a
 * time-stamp from a real local TSA over HTTP. Only the digests the test chooses differ from what audit would store.
 */
final class AuditChainFixture {

    /** audit-service's documented development key (audit-service/README.md). */
    static final Ed25519 AUDIT_KEY = Ed25519.signer("MC4CAQAwBQYDK2VwBCIEINCSywBKE2LxCe/uJQ2UO3Ueac8KTGfkFUqCrO/4ORaU");
    static final LocalTimestampAuthority TSA = LocalTimestampAuthority.start("127.0.0.1", 0, null);
    static final String CHAIN = "consent-events-3";

    /** One audited event of the subject: its type and payload. */
    record Event(String type, Map<String, Object> payload) {
    }

    static String keysJson() {
        return Json.write(Map.of("keyId", AUDIT_KEY.keyId(), "publicKey", AUDIT_KEY.publicKeyBase64(),
                "keys", List.of(Map.of("keyId", AUDIT_KEY.keyId(), "status", "current",
                        "publicKey", AUDIT_KEY.publicKeyBase64()))));
    }

    /** The evidence-chain answer: two entries of other subjects, then the subject's events, then the checkpoint. */
    static String evidenceChain(String subjectId, List<Event> events) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> refs = new ArrayList<>();
        String prev = Sha256.GENESIS;
        List<Event> all = new ArrayList<>(List.of(new Event("OptInExpired", Map.of("optInId", "other-1")),
                new Event("OptInExpired", Map.of("optInId", "other-2"))));
        all.addAll(events);
        for (int sequence = 0; sequence < all.size(); sequence++) {
            Event event = all.get(sequence);
            boolean mine = sequence >= 2;
            Map<String, Object> entry = new TreeMap<>(Map.of("v", 1, "chainId", CHAIN, "sequence", sequence,
                    "topic", "consent-events", "partition", 3, "offset", 100 + sequence, "type", event.type(),
                    "subjectId", mine ? subjectId : "00000000-0000-4000-8000-00000000000" + sequence,
                    "recordedAt", 1_780_000_000_000L + sequence, "payload", new TreeMap<>(event.payload())));
            entry.put("occurredAt", 1_780_000_000_000L + sequence);
            String canonical = Json.write(entry);
            String hash = Sha256.chained(prev, canonical);
            if (sequence >= 2) {
                rows.add(row(sequence, prev, hash, canonical));
                refs.add(Map.of("entryId", "consent-events-3-" + (100 + sequence), "chainId", CHAIN,
                        "sequence", sequence, "type", event.type()));
            }
            prev = hash;
        }
        Map<String, Object> signed = new TreeMap<>(Map.of("v", 1, "number", 7, "createdAt", 1_780_000_100_000L,
                "previousDigest", "ab".repeat(32), "keyId", AUDIT_KEY.keyId(), "totalEntries", all.size(),
                "heads", Map.of(CHAIN, Map.of("count", all.size(), "hash", prev))));
        String signedText = Json.write(signed);
        String digest = Sha256.hex(signedText);
        Map<String, Object> checkpoint = new LinkedHashMap<>(Map.of("number", 7, "createdAt",
                "2026-05-28T20:15:00Z", "keyId", AUDIT_KEY.keyId(), "signed", signedText,
                "signature", AUDIT_KEY.sign(signedText), "digest", digest, "timestampToken", stamp(digest)));
        return Json.write(Map.of("subjectId", subjectId, "entries", refs,
                "segments", List.of(Map.of("chainId", CHAIN, "rows", rows)), "checkpoints", List.of(checkpoint),
                "verification", Map.of("valid", true, "entriesChecked", all.size(), "chains", 1,
                        "latestCheckpoint", 7)));
    }

    private static Map<String, Object> row(long sequence, String prev, String hash, String canonical) {
        return Map.of("sequence", sequence, "prevHash", prev, "hash", hash, "canonical", canonical);
    }

    private static String stamp(String digestHex) {
        var request = Timestamps.request(Sha256.parseHex(digestHex));
        try {
            byte[] answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TSA.url()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            return Timestamps.tokenOf(request, answer);
        } catch (Exception e) {
            throw new IllegalStateException("the local TSA did not answer", e);
        }
    }
}
