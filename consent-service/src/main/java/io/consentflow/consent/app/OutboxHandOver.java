package io.consentflow.consent.app;

import io.consentflow.consent.domain.OutboxEntry;
import java.util.List;

/** Port: where a written subject's outbox goes to be published. Implemented by {@code adapters.kafka.OutboxRelay}. */
public interface OutboxHandOver {

    /** A subject was just written with these entries in its outbox at {@code revision}: publish them from memory. */
    void written(String subjectId, long revision, List<OutboxEntry> outbox);

    /** A subject was just written: read its events from the document and publish them. */
    void kick(String subjectId);
}
