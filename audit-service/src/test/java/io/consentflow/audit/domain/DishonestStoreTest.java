package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A dishonest store: over many seeded random logs, every kind of tampering must be detected (100%), and an untouched
 * log must always verify. "Strong" kinds recompute every hash after the change, as an attacker with write access to
 * the collection but without the signing key would; only the signed checkpoint can catch those, so they are applied
 * within what the latest checkpoint commits to.
 */
class DishonestStoreTest {

    static final int LOGS = 150;

    enum Tamper {
        CHANGE_FIELD, CHANGE_AND_REHASH, REMOVE_ENTRY, REMOVE_AND_REHASH, INSERT_ENTRY, INSERT_AND_REHASH,
        SWAP_ENTRIES, SWAP_AND_REHASH, TRUNCATE_TAIL, BAD_CHECKPOINT_SIGNATURE, CHECKPOINT_CONTENT_CHANGED,
        CHECKPOINT_REMOVED, CHECKPOINT_FROM_OTHER_KEY, CHECKPOINT_KEY_ID_REMOVED, CHECKPOINT_RELABELLED_TO_PREVIOUS_KEY
    }

    /** The verifier also trusts a listed previous key, so relabelling a checkpoint to a trusted key is tried too. */
    static final VerificationKeys KEYS = VerificationKeys.of(RandomLogs.KEYS.publicKey(),
            List.of(KeyRotationTest.OLD.publicKeyBase64()));

    @Test
    void anUntamperedLogAlwaysVerifies() {
        for (long seed = 0; seed < LOGS; seed++) {
            RandomLogs.Log log = RandomLogs.generate(seed);
            VerificationResult result = verify(log.entries(), log.checkpoints());
            assertThat(result.valid()).as("seed %d: %s", seed, result.failure()).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(log.entries().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void everyTamperingIsDetected(Tamper tamper) {
        int applied = 0;
        for (long seed = 0; seed < LOGS; seed++) {
            RandomLogs.Log log = RandomLogs.generate(seed);
            Optional<RandomLogs.Log> tampered = apply(tamper, log, new Random(seed * 31 + tamper.ordinal()));
            if (tampered.isEmpty()) {
                continue; // this log offers no place for this kind (e.g. a single checkpoint to remove)
            }
            applied++;
            VerificationResult result = verify(tampered.get().entries(), tampered.get().checkpoints());
            assertThat(result.valid()).as("seed %d, %s went unnoticed", seed, tamper).isFalse();
            assertThat(result.failure().reason()).isNotBlank();
        }
        assertThat(applied).as("tampering applied to enough logs").isGreaterThan(LOGS / 4);
    }

    @Test
    void reportsTheFirstBrokenEntry() {
        RandomLogs.Log log = RandomLogs.generate(7);
        List<AuditEntry> entries = new ArrayList<>(log.entries());
        AuditEntry target = entries.get(entries.size() / 2);
        entries.set(entries.size() / 2, copy(target, e -> withPayload(e, Map.of("changed", true))));
        VerificationResult result = verify(entries, log.checkpoints());
        assertThat(result.failure().kind()).isEqualTo(VerificationResult.Kind.CHANGED_ENTRY);
        assertThat(result.failure().entryId()).isEqualTo(target.id());
        assertThat(result.failure().sequence()).isEqualTo(target.sequence());
    }

    static VerificationResult verify(List<AuditEntry> entries, List<Checkpoint> checkpoints) {
        ChainVerifier verifier = ChainVerifier.start(checkpoints, KEYS, chain -> true);
        // what the store's query does: order by (chainId, sequence); a stable sort keeps duplicates as stored
        List<AuditEntry> ordered = entries.stream().sorted(Comparator.comparing((AuditEntry e) -> e.chainId())
                .thenComparingLong(AuditEntry::sequence)).toList();
        for (AuditEntry entry : ordered) {
            if (!verifier.accept(entry)) {
                break;
            }
        }
        return verifier.finish();
    }

    static Optional<RandomLogs.Log> apply(Tamper tamper, RandomLogs.Log log, Random random) {
        Map<String, List<AuditEntry>> chains = new TreeMap<>();
        log.entries().forEach(e -> chains.computeIfAbsent(e.chainId(), c -> new ArrayList<>()).add(e));
        Map<String, Long> committed = log.committed();
        List<String> ids = new ArrayList<>(chains.keySet());
        String chainId = ids.get(random.nextInt(ids.size()));
        List<AuditEntry> chain = chains.get(chainId);
        int size = chain.size();
        int covered = (int) (long) committed.getOrDefault(chainId, 0L);
        List<Checkpoint> checkpoints = new ArrayList<>(log.checkpoints());
        switch (tamper) {
            case CHANGE_FIELD -> {
                int i = random.nextInt(size);
                chain.set(i, changeOneField(chain.get(i), random));
            }
            case CHANGE_AND_REHASH -> {
                if (covered == 0) {
                    return Optional.empty();
                }
                int i = random.nextInt(covered);
                chain.set(i, changeOneField(chain.get(i), random));
                rehash(chain, i);
            }
            case REMOVE_ENTRY -> {
                // removing the uncommitted last entry is indistinguishable from it never having been written
                int limit = Math.max(size - 1, covered);
                if (limit == 0) {
                    return Optional.empty();
                }
                chain.remove(random.nextInt(limit));
            }
            case REMOVE_AND_REHASH -> {
                if (covered == 0) {
                    return Optional.empty();
                }
                chain.remove(random.nextInt(covered));
                renumber(chain);
                rehash(chain, 0);
            }
            case INSERT_ENTRY -> {
                int i = random.nextInt(size);
                AuditEntry forged = forge(chain, i, random);
                chain.add(i, forged.withHashes(i == 0 ? Sha256.GENESIS : chain.get(i - 1).hash()));
            }
            case INSERT_AND_REHASH -> {
                if (covered == 0) {
                    return Optional.empty();
                }
                int i = random.nextInt(covered);
                chain.add(i, forge(chain, i, random));
                renumber(chain);
                rehash(chain, 0);
            }
            case SWAP_ENTRIES, SWAP_AND_REHASH -> {
                int limit = tamper == Tamper.SWAP_ENTRIES ? size : Math.min(size, covered);
                if (limit < 2) {
                    return Optional.empty();
                }
                int i = random.nextInt(limit - 1);
                AuditEntry a = chain.get(i);
                AuditEntry b = chain.get(i + 1);
                chain.set(i, copy(b, e -> withSequence(e, a.sequence())));
                chain.set(i + 1, copy(a, e -> withSequence(e, b.sequence())));
                if (tamper == Tamper.SWAP_AND_REHASH) {
                    rehash(chain, 0);
                }
            }
            case TRUNCATE_TAIL -> {
                if (covered == 0) {
                    return Optional.empty();
                }
                int keep = random.nextInt(covered);
                chain.subList(keep, size).clear();
            }
            case BAD_CHECKPOINT_SIGNATURE -> {
                int i = random.nextInt(checkpoints.size());
                byte[] signature = java.util.Base64.getDecoder().decode(checkpoints.get(i).signature());
                signature[random.nextInt(signature.length)] ^= (byte) (1 + random.nextInt(255));
                checkpoints.set(i, checkpoints.get(i).withSignature(java.util.Base64.getEncoder().encodeToString(signature)));
            }
            case CHECKPOINT_CONTENT_CHANGED -> {
                int i = random.nextInt(checkpoints.size());
                Checkpoint c = checkpoints.get(i);
                TreeMap<String, Checkpoint.Head> heads = new TreeMap<>(c.heads());
                String key = heads.firstKey();
                heads.put(key, new Checkpoint.Head(heads.get(key).count() - 1, heads.get(key).hash()));
                checkpoints.set(i, new Checkpoint(c.number(), c.createdAt(), c.previousDigest(), c.keyId(), heads,
                        c.totalEntries(), c.signature()));
            }
            case CHECKPOINT_REMOVED -> {
                if (checkpoints.size() < 2) {
                    return Optional.empty();
                }
                checkpoints.remove(random.nextInt(checkpoints.size() - 1));
            }
            case CHECKPOINT_FROM_OTHER_KEY -> {
                SigningKeys other = otherKey(random);
                Checkpoint c = checkpoints.get(checkpoints.size() - 1);
                checkpoints.set(checkpoints.size() - 1, Checkpoint.sign(c.number(), c.createdAt(),
                        c.previousDigest(), new TreeMap<>(Map.of()), other));
            }
            case CHECKPOINT_KEY_ID_REMOVED, CHECKPOINT_RELABELLED_TO_PREVIOUS_KEY -> {
                int i = random.nextInt(checkpoints.size());
                Checkpoint c = checkpoints.get(i);
                checkpoints.set(i, new Checkpoint(c.number(), c.createdAt(), c.previousDigest(),
                        tamper == Tamper.CHECKPOINT_KEY_ID_REMOVED ? null : KeyRotationTest.OLD.keyId(), c.heads(),
                        c.totalEntries(), c.signature()));
            }
            default -> throw new IllegalStateException();
        }
        List<AuditEntry> all = new ArrayList<>();
        chains.values().forEach(all::addAll);
        return Optional.of(new RandomLogs.Log(all, checkpoints));
    }

    private static SigningKeys otherKey(Random random) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            return SigningKeys.fromPkcs8Base64(java.util.Base64.getEncoder()
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditEntry forge(List<AuditEntry> chain, int position, Random random) {
        AuditEntry model = chain.get(position);
        return new AuditEntry(model.chainId(), model.sequence(), model.topic(), model.partition(), model.offset(),
                "forged-" + random.nextInt(), "OptInConfirmed", model.subjectId(), model.occurredAt(),
                model.recordedAt(), Map.of("forged", true), model.prevHash(), null).withHashes(model.prevHash());
    }

    private static AuditEntry changeOneField(AuditEntry e, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> copy(e, x -> withPayload(x, Map.of("purposes", List.of("offers", "tampered"))));
            case 1 -> new AuditEntry(e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset(), e.eventId(),
                    e.type(), e.subjectId() == null ? "someone" : e.subjectId() + "x", e.occurredAt(), e.recordedAt(),
                    e.payload(), e.prevHash(), e.hash());
            case 2 -> new AuditEntry(e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset(), e.eventId(),
                    e.type() + "X", e.subjectId(), e.occurredAt(), e.recordedAt(), e.payload(), e.prevHash(), e.hash());
            case 3 -> new AuditEntry(e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset(), e.eventId(),
                    e.type(), e.subjectId(), e.occurredAt(), e.recordedAt().plusMillis(1), e.payload(), e.prevHash(),
                    e.hash());
            case 4 -> new AuditEntry(e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset() + 1, e.eventId(),
                    e.type(), e.subjectId(), e.occurredAt(), e.recordedAt(), e.payload(), e.prevHash(), e.hash());
            case 5 -> new AuditEntry(e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset(), "other-event",
                    e.type(), e.subjectId(), e.occurredAt(), e.recordedAt(), e.payload(), e.prevHash(), e.hash());
            case 6 -> new AuditEntry(e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset(), e.eventId(),
                    e.type(), e.subjectId(), e.occurredAt() == null ? Instant.EPOCH : null, e.recordedAt(),
                    e.payload(), e.prevHash(), e.hash());
            default -> {
                Map<String, Object> payload = new LinkedHashMap<>(e.payload());
                payload.remove(payload.keySet().iterator().next());
                yield copy(e, x -> withPayload(x, payload));
            }
        };
    }

    private static AuditEntry copy(AuditEntry e, Function<AuditEntry, AuditEntry> change) {
        return change.apply(e);
    }

    private static AuditEntry withPayload(AuditEntry e, Map<String, Object> payload) {
        return new AuditEntry(e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset(), e.eventId(), e.type(),
                e.subjectId(), e.occurredAt(), e.recordedAt(), payload, e.prevHash(), e.hash());
    }

    private static AuditEntry withSequence(AuditEntry e, long sequence) {
        return new AuditEntry(e.chainId(), sequence, e.topic(), e.partition(), e.offset(), e.eventId(), e.type(),
                e.subjectId(), e.occurredAt(), e.recordedAt(), e.payload(), e.prevHash(), e.hash());
    }

    private static void renumber(List<AuditEntry> chain) {
        for (int i = 0; i < chain.size(); i++) {
            chain.set(i, withSequence(chain.get(i), i));
        }
    }

    /** What an attacker without the signing key can do: make every link consistent again from {@code from} on. */
    private static void rehash(List<AuditEntry> chain, int from) {
        for (int i = from; i < chain.size(); i++) {
            chain.set(i, chain.get(i).withHashes(i == 0 ? Sha256.GENESIS : chain.get(i - 1).hash()));
        }
    }
}
