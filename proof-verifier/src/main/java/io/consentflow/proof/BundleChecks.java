package io.consentflow.proof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks of a proof bundle's content, the same when consent-service makes the bundle and when the offline
 * verifier re-reads it: each evidence item's digest recomputed from its input and equal to the digest the audit log
 * chained; each entry of the subject re-hashed at its chain position; each chain segment linked up to the head of a
 * signed, time-stamped checkpoint.
 */
public final class BundleChecks {

    private static final String SEPARATOR = "\u001f";

    private BundleChecks() {
    }

    public static List<Check> check(ProofBundle bundle, CheckpointChecks checkpoints) {
        List<Check> checks = new ArrayList<>();
        Map<String, ProofBundle.Row> rows = new HashMap<>();
        Map<String, WitnessedCheckpoint> covering = new HashMap<>();
        for (ProofBundle.Segment segment : bundle.segments()) {
            checks.addAll(segment(segment, bundle.checkpoints(), covering));
            segment.rows().forEach(row -> rows.putIfAbsent(position(segment.chainId(), row.sequence()), row));
        }
        for (ProofBundle.EvidenceItem item : bundle.evidence()) {
            checks.addAll(evidence(bundle, item, rows));
        }
        for (ProofBundle.EntryRef entry : bundle.entries()) {
            String at = position(entry.chainId(), entry.sequence());
            checks.add(entry(bundle, entry, rows.get(at), covering.get(at)));
        }
        checks.addAll(checkpoints.checkSeries(bundle.checkpoints()));
        return checks;
    }

    static List<Check> evidence(ProofBundle bundle, ProofBundle.EvidenceItem item, Map<String, ProofBundle.Row> rows) {
        String subject = "evidence " + item.optInId();
        List<Check> checks = new ArrayList<>();
        boolean textMatches = item.consentText() != null
                && Sha256.hex(item.consentText()).equals(item.consentTextHash());
        checks.add(textMatches ? Check.pass(subject, "consent text", "SHA-256 of the text equals its recorded hash")
                : Check.fail(subject, "consent text", "the consent text does not hash to the recorded hash"));
        List<String> input = item.digestInput() == null ? List.of() : item.digestInput();
        boolean inputHolds = input.contains(bundle.subject().subjectId()) && input.contains(item.optInId())
                && input.contains(item.at()) && input.contains(item.channel())
                && input.contains(String.valueOf(item.clientAddress())) && input.contains(String.valueOf(item.userAgent()))
                && input.contains(String.valueOf(item.pageUrl())) && input.contains(String.valueOf(item.noticeVersion()))
                && input.contains(String.valueOf(item.consentTextHash()))
                && input.contains(String.valueOf(item.initiatingMessageId()));
        String recomputed = Sha256.hex(String.join(SEPARATOR, input));
        checks.add(inputHolds && recomputed.equals(item.digest())
                ? Check.pass(subject, "evidence digest", "recomputed from the evidence shown: " + short12(recomputed))
                : Check.fail(subject, "evidence digest", inputHolds
                        ? "the evidence does not hash to its digest" : "the evidence shown is not what was digested"));
        Optional<ProofBundle.Row> chained = rows.values().stream().filter(row -> {
            Map<String, Object> content = ProofBundle.content(row);
            return "OptInRequested".equals(content.get("type")) && payload(content).get("optInId") != null
                    && item.optInId().equals(payload(content).get("optInId"));
        }).findFirst();
        if (chained.isEmpty()) {
            checks.add(Check.fail(subject, "chained digest", "the audit log holds no OptInRequested for this opt-in"));
        } else {
            Object inLog = payload(ProofBundle.content(chained.get())).get("evidenceDigest");
            checks.add(Objects.equals(inLog, recomputed)
                    ? Check.pass(subject, "chained digest", "equals the digest chained at "
                            + ProofBundle.content(chained.get()).get("chainId") + " #" + chained.get().sequence())
                    : Check.fail(subject, "chained digest", "the audit log chained a different digest ("
                            + short12(String.valueOf(inLog)) + ") at " + ProofBundle.content(chained.get()).get("chainId")
                            + " #" + chained.get().sequence()));
        }
        return checks;
    }

    static Check entry(ProofBundle bundle, ProofBundle.EntryRef entry, ProofBundle.Row row,
            WitnessedCheckpoint checkpoint) {
        String subject = entry.type() + " " + entry.chainId() + " #" + entry.sequence();
        if (row == null) {
            return Check.fail(subject, "chain position", "the bundle holds no chain row for this entry");
        }
        Map<String, Object> content = ProofBundle.content(row);
        if (!Objects.equals(content.get("subjectId"), bundle.subject().subjectId())
                || !Objects.equals(content.get("type"), entry.type())) {
            return Check.fail(subject, "chain position", "the entry at this position is not this subject's " + entry.type());
        }
        if (checkpoint == null) {
            return Check.fail(subject, "chain position", "no signed checkpoint covers this position");
        }
        return Check.pass(subject, "chain position", "hash " + short12(row.hash()) + ", covered by checkpoint "
                + checkpoint.number());
    }

    /**
     * The rows link and re-hash, and the last one is the head of a checkpoint of the bundle; every position of a
     * segment that passes is recorded in {@code covering} with that checkpoint.
     */
    static List<Check> segment(ProofBundle.Segment segment, List<WitnessedCheckpoint> checkpoints,
            Map<String, WitnessedCheckpoint> covering) {
        String subject = "chain " + segment.chainId();
        List<Check> checks = new ArrayList<>();
        ProofBundle.Row before = null;
        for (ProofBundle.Row row : segment.rows()) {
            if (before != null && (row.sequence() != before.sequence() + 1 || !row.prevHash().equals(before.hash()))) {
                checks.add(Check.fail(subject, "links", "#" + row.sequence() + " does not follow #" + before.sequence()));
                return checks;
            }
            if (!Sha256.isHex64(row.prevHash()) || !Sha256.chained(row.prevHash(), row.canonical()).equals(row.hash())) {
                checks.add(Check.fail(subject, "entry hash", "#" + row.sequence()
                        + " does not hash to its recorded hash: the entry was changed"));
                return checks;
            }
            Object chainId = ProofBundle.content(row).get("chainId");
            Object sequence = ProofBundle.content(row).get("sequence");
            if (!segment.chainId().equals(chainId) || !(sequence instanceof Number n) || n.longValue() != row.sequence()) {
                checks.add(Check.fail(subject, "links", "#" + row.sequence() + " names another chain position"));
                return checks;
            }
            before = row;
        }
        if (before == null) {
            checks.add(Check.fail(subject, "links", "an empty segment"));
            return checks;
        }
        ProofBundle.Row last = before;
        Optional<WitnessedCheckpoint> head = checkpoints.stream().filter(checkpoint -> {
            WitnessedCheckpoint.Head committed = checkpoint.heads().get(segment.chainId());
            return committed != null && committed.count() == last.sequence() + 1 && last.hash().equals(committed.hash());
        }).findFirst();
        if (head.isEmpty()) {
            checks.add(Check.fail(subject, "covered", "no checkpoint of the bundle commits to #" + last.sequence()));
        } else {
            segment.rows().forEach(row -> covering.put(position(segment.chainId(), row.sequence()), head.get()));
            checks.add(Check.pass(subject, "links", segment.rows().size() + " entries re-hashed and linked, #"
                    + segment.rows().get(0).sequence() + " to #" + last.sequence() + ", the head of checkpoint "
                    + head.get().number()));
        }
        return checks;
    }

    /** Each checkpoint of the bundle must be the witness's copy of that number. */
    public static List<Check> againstWitness(ProofBundle bundle, List<WitnessedCheckpoint> witness) {
        Map<Long, WitnessedCheckpoint> byNumber = new HashMap<>();
        witness.forEach(head -> byNumber.put(head.number(), head));
        List<Check> checks = new ArrayList<>();
        for (WitnessedCheckpoint checkpoint : bundle.checkpoints()) {
            WitnessedCheckpoint copy = byNumber.get(checkpoint.number());
            String subject = "checkpoint " + checkpoint.number();
            if (copy == null) {
                checks.add(Check.fail(subject, "witness", "the witness never received this checkpoint"));
            } else if (!copy.recomputedDigest().equals(checkpoint.recomputedDigest())) {
                checks.add(Check.fail(subject, "witness", "differs from the witness's copy"));
            } else {
                checks.add(Check.pass(subject, "witness", "equals the witness's copy"));
            }
        }
        return checks;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> content) {
        return content.get("payload") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String position(String chainId, long sequence) {
        return chainId + "#" + sequence;
    }

    private static String short12(String hash) {
        return hash == null || hash.length() < 12 ? String.valueOf(hash) : hash.substring(0, 12) + "…";
    }
}
