package io.consentflow.consent.app;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: Art. 17 requests made in the chat, awaiting staff (the chat proves the number, not who holds it). One per
 * contact, keyed by contactKey, never the number. Implemented by {@code adapters.mongo.MongoChatErasureRequests}.
 */
public interface ChatErasureRequests {

    /** One pending request: when it was asked, in which language, and the message that asked. */
    record Pending(String contactKey, Instant requestedAt, String language, String wamid) {
    }

    /** Records (or replaces) the contact's request. */
    Mono<Void> record(Pending request);

    /** Oldest first: the order staff should work them off in. */
    Flux<Pending> pending();

    Mono<Pending> find(String contactKey);

    /** Confirmed, dismissed, or the subject erased: no longer pending; true if one was removed. */
    Mono<Boolean> remove(String contactKey);
}
