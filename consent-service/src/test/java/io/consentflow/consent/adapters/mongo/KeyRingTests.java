package io.consentflow.consent.adapters.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.app.StoredSubject;
import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * Crypto-shredding that reaches backups, and master-key rotation without downtime, on the running service's stores
 * (the MongoDB wire protocol): keys in the key ring, data in the registry.
 */
class KeyRingTests extends IntegrationTestSupport {

    private static final String CURRENT = "bG9jYWwtZGV2ZWxvcG1lbnQtbWFzdGVyLWtleS0zMmI="; // the service's (test) key
    private static final String NEXT = Base64.getEncoder().encodeToString("next-master-key-for-rotation-32b".getBytes());

    @Autowired
    KeyRing keyRing;
    @Autowired
    MongoCollections collections;

    @Test
    void erasureShredsTheKeySoABackupOfTheDocumentCanNoLongerBeRead() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        Document backup = subjects.rawDocument(subjectId).block();
        assertThat(backup).doesNotContainKey("wrappedKey");
        assertThat(keyRing.find(subjectId).block()).as("the key, in the ring").isNotNull();
        // control: while the key exists, the backup restored elsewhere reads back in full
        assertThat(restoredCopy(backup).subject().e164()).isEqualTo(number);

        kafka.publish(Topics.RETENTION_COMMANDS.name(), subjectId, ErasureRequested.newBuilder()
                .setEventId(Events.newEventId()).setOccurredAt(Instant.now()).setProducer("retention-service")
                .setErasureId("erasure-" + subjectId).setSubjectId(subjectId).setScope(ErasureScope.SUBJECT)
                .setReason(ErasureReason.SUBJECT_REQUEST).setDueAt(Instant.now())
                .setRequiredReceipts(List.of("SubjectErased")).build());
        org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> subjects.rawDocument(subjectId).blockOptional().isEmpty());

        assertThat(keyRing.find(subjectId).blockOptional()).as("the key is shredded").isEmpty();
        StoredSubject restored = restoredCopy(backup);
        assertThat(restored.subject().e164()).as("the backup's number cannot be decrypted").isNull();
        assertThat(restored.subject().evidence()).isEmpty();
        assertThat(restored.dataKey()).isNull();
    }

    @Test
    void aMasterKeyRotationRewrapsEveryKeyWhileBothKeysReadAndThenTheOldKeyCanGo() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        String oldId = keyRing.find(subjectId).block().masterKeyId();
        SubjectCrypto rotating = new SubjectCrypto(new MasterKeys(NEXT, List.of(CURRENT)));
        SubjectCrypto onlyNext = new SubjectCrypto(new MasterKeys(NEXT, List.of()));
        assertThat(rotating.masterKeys().currentId()).isNotEqualTo(oldId);
        // during the rotation an instance with both keys reads what the old key wrapped
        assertThat(repository(rotating).byId(subjectId).block().subject().e164()).isEqualTo(number);
        // control: without the old key nothing wrapped by it opens
        assertThatThrownBy(() -> repository(onlyNext).byId(subjectId).block())
                .hasMessageContaining("is not configured").hasMessageNotContaining(NEXT);

        KeyRingRotation rotation = new KeyRingRotation(keyRing, rotating, Duration.ofMinutes(1));
        while (rotation.rewrapBatch().block() > 0) {
            // until nothing is wrapped by the old key
        }

        assertThat(keyRing.find(subjectId).block().masterKeyId()).isEqualTo(rotating.masterKeys().currentId());
        assertThat(repository(onlyNext).byId(subjectId).block().subject().e164()).isEqualTo(number);
        // the ciphertexts were not touched: only the key was re-wrapped
        assertThat(subjects.rawDocument(subjectId).block().getString("number")).isNotNull();
        // put the ring back under the service's own key for the other tests of this context
        KeyRingRotation back = new KeyRingRotation(keyRing, new SubjectCrypto(new MasterKeys(CURRENT, List.of(NEXT))),
                Duration.ofMinutes(1));
        while (back.rewrapBatch().block() > 0) {
            // until everything is under the service's key again
        }
        assertThat(subjects.byId(subjectId).block().subject().e164()).isEqualTo(number);
    }

    @Test
    void aDocumentWrittenBeforeTheKeyRingIsReadAndItsKeyMovesIntoTheRingOnTheNextWrite() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        MasterKeys.WrappedKey ringKey = keyRing.find(subjectId).block();
        SubjectCrypto crypto = new SubjectCrypto(CURRENT);
        var dataKey = crypto.unwrap(ringKey, subjectId);
        // as an earlier version stored it: the wrapped key inside the document, none in the ring
        Document legacy = subjects.rawDocument(subjectId).block();
        legacy.put("wrappedKey", ringKey.sealed());
        Mono.from(collections.named("subjects").replaceOne(new Document("_id", subjectId), legacy)).block();
        keyRing.shred(subjectId).block();

        StoredSubject read = subjects.byId(subjectId).block();
        assertThat(read.subject().e164()).isEqualTo(number);
        assertThat(read.dataKey().getEncoded()).isEqualTo(dataKey.getEncoded());
        subjects.save(read).block();

        assertThat(subjects.rawDocument(subjectId).block()).doesNotContainKey("wrappedKey");
        assertThat(keyRing.find(subjectId).block()).isNotNull();
        assertThat(subjects.byId(subjectId).block().subject().e164()).isEqualTo(number);
    }

    private StoredSubject restoredCopy(Document backup) {
        return new SubjectDocumentsProbe(subjects).read(backup);
    }

    private SubjectRepository repository(SubjectCrypto crypto) {
        return new SubjectRepository(collections, crypto, keyRing);
    }
}
