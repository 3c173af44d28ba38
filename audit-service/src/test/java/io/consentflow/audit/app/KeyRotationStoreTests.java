package io.consentflow.audit.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.audit.adapters.mongo.MongoCheckpointStore;
import io.consentflow.audit.domain.ChainHead;
import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.audit.domain.VerificationResult.Kind;
import io.consentflow.audit.domain.VerificationResult;
import io.consentflow.proof.Sha256;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A signing-key rotation on the real MongoDB wire protocol with the production services: checkpoints signed before
 * the rotation keep verifying when the old public key is listed, and stop verifying when it is not; a checkpoint
 * document written without a key id (before checkpoints named their key) still verifies with the current key.
 */
class KeyRotationStoreTests {

    static final String OLD_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIMLMt9t6l9SwYC3qEUMIntSu1+YRxaidvUV7sIO1o5Le";
    static final SigningKeys OLD = SigningKeys.fromPkcs8Base64(OLD_PRIVATE);
    static final SigningKeys CURRENT = SigningKeys.fromPkcs8Base64(SigningKeys.DEVELOPMENT_KEY);

    private final String topic = "rotation-" + UUID.randomUUID().toString().substring(0, 8);
    private final String database = "audit-rotation-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void checkpointsOfTheRotatedKeyVerifyOnlyWhileItsPublicKeyIsListed() {
        try (var before = instance(OLD_PRIVATE, List.of())) {
            before.log.append(records(0, 4)).block(java.time.Duration.ofSeconds(60));
            assertThat(before.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60))).get().extracting(Checkpoint::keyId)
                    .isEqualTo(OLD.keyId());
            before.log.append(records(4, 2)).block(java.time.Duration.ofSeconds(60));
            assertThat(before.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60))).isPresent();
        }
        // the rotation: a new signing key, the old public key listed
        try (var after = instance(SigningKeys.DEVELOPMENT_KEY, List.of(OLD.publicKeyBase64()))) {
            after.log.append(records(6, 3)).block(java.time.Duration.ofSeconds(60));
            assertThat(after.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60))).get().extracting(Checkpoint::keyId)
                    .isEqualTo(CURRENT.keyId());
            VerificationResult result = after.verification.verifyAll().block(Duration.ofSeconds(30));
            assertThat(result.valid()).as("%s", result.failure()).isTrue();
            assertThat(result.latestCheckpoint()).isEqualTo(3);
            assertThat(result.entriesChecked()).isEqualTo(9);
        }
        try (var unaware = instance(SigningKeys.DEVELOPMENT_KEY, List.of())) {
            VerificationResult result = unaware.verification.verifyAll().block(Duration.ofSeconds(30));
            assertThat(result.valid()).isFalse();
            assertThat(result.failure().kind()).isEqualTo(Kind.UNKNOWN_CHECKPOINT_KEY);
            assertThat(result.failure().checkpoint()).isEqualTo(1);
        }
    }

    @Test
    void aCheckpointDocumentWithoutKeyIdStillVerifiesWithTheCurrentKey() {
        try (var audit = instance(SigningKeys.DEVELOPMENT_KEY, List.of())) {
            audit.log.append(records(0, 5)).block(java.time.Duration.ofSeconds(60));
            ChainHead head = audit.entries.head(topic + "-0").block(Duration.ofSeconds(30));
            Checkpoint legacy = new Checkpoint(1, Instant.ofEpochMilli(System.currentTimeMillis()), Sha256.GENESIS,
                    null, new TreeMap<>(Map.of(head.chainId(), new Checkpoint.Head(head.count(), head.hash()))),
                    head.count(), null);
            legacy = legacy.withSignature(CURRENT.sign(legacy.signedBytes()));
            // stored as the code before key ids stored it: no keyId field at all
            Document document = new Document("_id", 1L).append("createdAt", Date.from(legacy.createdAt()))
                    .append("previousDigest", Sha256.GENESIS).append("totalEntries", head.count())
                    .append("heads", new Document(head.chainId(),
                            new Document("count", head.count()).append("hash", head.hash())))
                    .append("signature", legacy.signature());
            Mono.from(audit.client.getDatabase(database).getCollection(MongoCheckpointStore.COLLECTION)
                    .insertOne(document)).block(Duration.ofSeconds(30));

            audit.log.append(records(5, 2)).block(java.time.Duration.ofSeconds(60));
            Checkpoint next = audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            assertThat(next.number()).isEqualTo(2);
            assertThat(next.previousDigest()).isEqualTo(legacy.digest());
            VerificationResult result = audit.verification.verifyAll().block(Duration.ofSeconds(30));
            assertThat(result.valid()).as("%s", result.failure()).isTrue();
            assertThat(result.latestCheckpoint()).isEqualTo(2);

            // the same document with a forged signature is refused
            Mono.from(audit.client.getDatabase(database).getCollection(MongoCheckpointStore.COLLECTION)
                    .replaceOne(new Document("_id", 1L), document.append("signature",
                            CURRENT.sign("something else".getBytes())))).block(Duration.ofSeconds(30));
            assertThat(audit.verification.verifyAll().block(Duration.ofSeconds(30)).failure().kind())
                    .isEqualTo(Kind.BAD_CHECKPOINT_SIGNATURE);
        }
    }

    private IsolatedAudit instance(String signingKey, List<String> previous) {
        return new IsolatedAudit(database, signingKey, previous, 1_000_000, Duration.ofHours(1));
    }

    private List<SourceRecord> records(long from, int count) {
        return LongStream.range(from, from + count).mapToObj(offset -> new SourceRecord(topic, 0, offset,
                UUID.randomUUID().toString(), "OptInExpired", UUID.randomUUID().toString(), Instant.now(),
                Map.of("n", offset))).toList();
    }
}
