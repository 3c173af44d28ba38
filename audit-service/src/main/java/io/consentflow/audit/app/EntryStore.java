package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.ChainHead;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: the log's entries. Insert and find only (the log is append-only); a redelivered record or a second writer of
 * a chain position is refused with {@link DuplicateEntryException} instead of forking the chain.
 */
public interface EntryStore {

    Mono<Void> ensureIndexes();

    /** The head derived from the chain's last stored entry. */
    Mono<ChainHead> head(String chainId);

    /**
     * The head derived from the chain's last stored entry, when the chain is known to hold at least {@code atLeast}
     * entries (a previous checkpoint's count).
     */
    Mono<ChainHead> head(String chainId, long atLeast);

    /**
     * Stores the entries in order, all or a prefix: a clash on id or chain position fails with
     * {@link DuplicateEntryException} carrying the index of the refused entry (everything before it is stored,
     * nothing after it).
     */
    Mono<Void> insert(List<AuditEntry> entries);

    /** Every chain with a stored entry, sorted. */
    Mono<List<String>> chainIds();

    /** Entries ordered by chain and position, for verification; {@code chains == null} streams all. */
    Flux<AuditEntry> stream(Collection<String> chains);

    /** A page of the entries the query matches, oldest first. */
    Flux<AuditEntry> find(EntryQuery query);

    Mono<Long> count(EntryQuery query);

    /** The subject's entries, oldest first. */
    Flux<AuditEntry> bySubject(String subjectId);

    /** The entries of one erasure: its command (once, or again when overdue) and the receipts that name it. */
    Flux<AuditEntry> byErasureId(String erasureId);

    /** Positions {@code from} to {@code to} (both included) of one chain, in order: a proof's chain segment. */
    Flux<AuditEntry> segment(String chainId, long from, long to);

    /** A time range for export, oldest first. */
    Flux<AuditEntry> range(Instant from, Instant to);
}
