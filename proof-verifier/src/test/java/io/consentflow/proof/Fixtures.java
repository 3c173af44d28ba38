package io.consentflow.proof;

import io.consentflow.proof.tsa.LocalTimestampAuthority;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Chains, signed and time-stamped checkpoints and bundles made with real keys and a real local TSA over HTTP. */
final class Fixtures {

    static final Ed25519 AUDIT = Ed25519.signer("MC4CAQAwBQYDK2VwBCIEINCSywBKE2LxCe/uJQ2UO3Ueac8KTGfkFUqCrO/4ORaU");
    static final Ed25519 PROOF = Ed25519.signer("MC4CAQAwBQYDK2VwBCIEIKdUqFVfNlxFZ5rg7RMzGydGmkkHax9HaSbyERJjayAT");
    static final LocalTimestampAuthority TSA = LocalTimestampAuthority.start("127.0.0.1", 0, null);
    static final String SUBJECT = "6f1c2a44-0d1e-4c57-9a55-1f0c1e2d3b4a";

    private Fixtures() {
    }

    /** A chain of {@code count} entries; entry 1 is the subject's OptInRequested with {@code evidenceDigest}. */
    static List<ProofBundle.Row> chain(String chainId, int count, String evidenceDigest) {
        List<ProofBundle.Row> rows = new ArrayList<>();
        String prev = Sha256.GENESIS;
        for (int sequence = 0; sequence < count; sequence++) {
            boolean mine = sequence == 1;
            Map<String, Object> entry = new TreeMap<>(Map.of("v", 1, "chainId", chainId, "sequence", sequence,
                    "type", mine ? "OptInRequested" : "OptInExpired", "subjectId",
                    mine ? SUBJECT : "00000000-0000-4000-8000-00000000000" + sequence, "recordedAt", 1_780_000_000_000L,
                    "payload", mine ? Map.of("optInId", "opt-1", "evidenceDigest", evidenceDigest) : Map.of("n", sequence)));
            String canonical = Json.write(entry);
            String hash = Sha256.chained(prev, canonical);
            rows.add(new ProofBundle.Row(sequence, prev, hash, canonical));
            prev = hash;
        }
        return rows;
    }

    static WitnessedCheckpoint checkpoint(long number, String previousDigest, Map<String, WitnessedCheckpoint.Head> heads,
            boolean stamped) {
        Map<String, Object> encodedHeads = new TreeMap<>();
        heads.forEach((chain, head) -> encodedHeads.put(chain, Map.of("count", head.count(), "hash", head.hash())));
        String signed = Json.write(new TreeMap<>(Map.of("v", 1, "number", number, "createdAt", 1_780_000_100_000L,
                "previousDigest", previousDigest, "keyId", AUDIT.keyId(), "totalEntries", 1, "heads", encodedHeads)));
        String digest = Sha256.hex(signed);
        return new WitnessedCheckpoint(number, "2026-05-28T20:15:00Z", AUDIT.keyId(), signed, AUDIT.sign(signed),
                digest, stamped ? stamp(digest) : null);
    }

    static String stamp(String digestHex) {
        var request = Timestamps.request(Sha256.parseHex(digestHex));
        try {
            byte[] answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TSA.url()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            return Timestamps.tokenOf(request, answer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle with one evidence item whose digest input hashes to {@code evidenceDigest} when untouched. */
    static ProofBundle bundle(String chainedDigest, boolean stamped) {
        List<String> input = List.of(SUBJECT, "opt-1", "2026-05-28T20:00:00Z", "WEB_FORM", "203.0.113.7", "Firefox",
                "https://example.com/opt-in", "2026-11", Sha256.hex("Ja, ich will Angebote."), "null");
        String digest = Sha256.hex(String.join("\u001f", input));
        List<ProofBundle.Row> rows = chain("consent-events-0", 4, chainedDigest == null ? digest : chainedDigest);
        WitnessedCheckpoint checkpoint = checkpoint(1, Sha256.GENESIS, Map.of("consent-events-0",
                new WitnessedCheckpoint.Head(4, rows.get(3).hash())), stamped);
        var item = new ProofBundle.EvidenceItem("opt-1", "2026-05-28T20:00:00Z", "WEB_FORM", "203.0.113.7", "Firefox",
                "https://example.com/opt-in", "2026-11", "Ja, ich will Angebote.", Sha256.hex("Ja, ich will Angebote."),
                null, input, digest);
        return new ProofBundle(ProofBundle.FORMAT, "2026-05-29T00:00:00Z", "de",
                new ProofBundle.Subject("+4915112345678", SUBJECT, "CONFIRMED", List.of("offers"), "de"), List.of(item),
                List.of(), List.of(new ProofBundle.EntryRef("consent-events-0-1", "consent-events-0", 1, "OptInRequested")),
                List.of(new ProofBundle.Segment("consent-events-0", rows.subList(1, 4))), List.of(checkpoint),
                new ProofBundle.AuditVerification(true, null, null, 1), List.of());
    }

    /** The audit CSV export of rows (all cells quoted, formula characters defused, as audit-service writes it). */
    static String csv(List<ProofBundle.Row> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", AuditCsv.COLUMNS)).append("\r\n");
        for (ProofBundle.Row row : rows) {
            Map<String, Object> content = ProofBundle.content(row);
            List<String> cells = List.of("id", String.valueOf(content.get("chainId")), String.valueOf(row.sequence()),
                    "consent-events", "0", "0", "e", String.valueOf(content.get("type")),
                    String.valueOf(content.get("subjectId")), "", "", Json.write(content.get("payload")), row.prevHash(),
                    row.hash(), row.canonical());
            csv.append(String.join(",", cells.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList()))
                    .append("\r\n");
        }
        return csv.toString();
    }
}
