package io.consentflow.audit.app;

import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Port: the contacts' salts (docs/architecture.md#audit), one random salt per contact under the keyed lookup of its
 * number, with the subjectIds the contact was seen with. The one thing audit-service deletes: shredding a subject's
 * salts leaves its entries unlinkable to the number.
 */
public interface ContactSalts {

    /**
     * The salt of every contact (by lookup), created where missing, and each contact linked to the subjectId it was
     * seen with (null: none named). A subject already erased is never linked again.
     */
    Mono<Map<String, byte[]>> saltsFor(Map<String, String> subjectByLookup);

    /** Shreds the salts of contacts never seen with a subject, created before {@code cutoff}; returns how many. */
    Mono<Long> shredUnlinked(Instant cutoff);

    /** Shreds every salt of contacts seen with this subject, and never links it again; returns how many. */
    Mono<Long> shred(String subjectId);

    /** How many contacts' salts are still linked to the subject (0 once an erasure shredded them). */
    Mono<Long> linkedTo(String subjectId);
}
