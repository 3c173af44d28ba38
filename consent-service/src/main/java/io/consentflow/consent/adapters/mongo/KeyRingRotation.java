package io.consentflow.consent.adapters.mongo;

import io.consentflow.platform.scheduling.PeriodicTask;
import java.time.Duration;
import javax.crypto.SecretKey;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Master-key rotation without downtime: with the new key as {@code CONSENTFLOW_MASTER_KEY} and the old one in
 * {@code CONSENTFLOW_PREVIOUS_MASTER_KEYS}, every instance reads keys wrapped by either, and this task re-wraps the
 * old ones in batches (one conditional update per key) until none is left; then the old key can be removed. The
 * data itself is never re-encrypted: only the data keys are re-wrapped.
 */
@Component
class KeyRingRotation extends PeriodicTask {

    private static final int BATCH = 500;
    private final KeyRing ring;
    private final MasterKeys masterKeys;
    private final Duration interval;

    KeyRingRotation(KeyRing ring, SubjectCrypto crypto,
            @Value("${consentflow.consent.key-ring.rotation-interval:PT1M}") Duration interval) {
        super("key-ring-rotation");
        this.ring = ring;
        this.masterKeys = crypto.masterKeys();
        this.interval = interval;
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected void runOnce() {
        while (rewrapBatch() == BATCH) {
            // keep going while full batches come back
        }
    }

    /** Re-wraps up to one batch of keys; returns how many were looked at. */
    public int rewrapBatch() {
        var batch = ring.wrappedByOtherThan(masterKeys.currentId(), BATCH).collectList().block();
        for (Document doc : batch) {
            String subjectId = doc.getString("_id");
            var old = new MasterKeys.WrappedKey(doc.getString("masterKeyId"), doc.getString("wrapped"));
            SecretKey dataKey = masterKeys.unwrap(old, subjectId);
            ring.rewrap(subjectId, old.masterKeyId(), masterKeys.wrap(dataKey, subjectId)).block();
        }
        return batch.size();
    }
}
