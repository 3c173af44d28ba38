package io.consentflow.consent.adapters.mongo;

import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import java.time.Duration;
import javax.crypto.SecretKey;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Master-key rotation without downtime: with the new key as {@code CONSENTFLOW_MASTER_KEY} and the old one in
 * {@code CONSENTFLOW_PREVIOUS_MASTER_KEYS}, every instance reads keys wrapped by either, and this task re-wraps the
 * old ones in batches (one conditional update per key) until none is left; then the old key can be removed. The
 * data itself is never re-encrypted: only the data keys are re-wrapped.
 */
@Component
class KeyRingRotation extends ReactivePeriodicTask {

    private static final int BATCH = 500;
    private final KeyRing ring;
    private final MasterKeys masterKeys;
    private final Duration interval;

    KeyRingRotation(KeyRing ring, SubjectCrypto crypto,
            @Value("${consentflow.consent.key-ring.rotation-interval:PT1M}") Duration interval) {
        super("key-ring-rotation", Duration.ofMinutes(10));
        this.ring = ring;
        this.masterKeys = crypto.masterKeys();
        this.interval = interval;
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    /** Re-wraps batch after batch while full batches come back. */
    @Override
    protected Mono<Void> run() {
        return rewrapBatch().expand(count -> count == BATCH ? rewrapBatch() : Mono.empty()).then();
    }

    /** Re-wraps up to one batch of keys; emits how many were looked at. */
    public Mono<Integer> rewrapBatch() {
        return ring.wrappedByOtherThan(masterKeys.currentId(), BATCH).collectList()
                .flatMap(batch -> Flux.fromIterable(batch).concatMap(this::rewrap).then(Mono.just(batch.size())));
    }

    private Mono<Void> rewrap(Document doc) {
        String subjectId = doc.getString("_id");
        var old = new MasterKeys.WrappedKey(doc.getString("masterKeyId"), doc.getString("wrapped"));
        SecretKey dataKey = masterKeys.unwrap(old, subjectId);
        return ring.rewrap(subjectId, old.masterKeyId(), masterKeys.wrap(dataKey, subjectId)).then();
    }
}
