package io.consentflow.consent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One data subject: the consent state, its evidence and history, the ids of inbound events already applied, and the
 * outbox of events its last changes produced. Changed only through {@link ConsentLifecycle}; persisted as one
 * document so a change and its events are written atomically.
 */
public final class Subject {

    static final int PROCESSED_IDS_KEPT = 200;

    private final String subjectId;
    private final String contactKey;
    private String e164;
    private String locale;
    private SubjectStatus status;
    private SortedSet<String> purposes;
    private PendingOptIn pending;
    private final List<Evidence> evidence;
    private boolean marketingStoppedAtMeta;
    private Instant createdAt;
    private Instant confirmedAt;
    private Instant stoppedAt;
    private long stateVersion;
    private final List<HistoryEntry> history;
    private final LinkedHashSet<String> processedEventIds;
    private final List<OutboxEntry> outbox;
    /** Events the changes since loading queued, encoded into the outbox before the write. */
    private final List<DomainEvent> queued = new ArrayList<>();

    /** Rehydrates a stored subject. */
    public Subject(String subjectId, String contactKey, String e164, String locale, SubjectStatus status,
            Set<String> purposes, PendingOptIn pending, List<Evidence> evidence, boolean marketingStoppedAtMeta,
            Instant createdAt, Instant confirmedAt, Instant stoppedAt, long stateVersion, List<HistoryEntry> history,
            List<String> processedEventIds, List<OutboxEntry> outbox) {
        this.subjectId = subjectId;
        this.contactKey = contactKey;
        this.e164 = e164;
        this.locale = locale;
        this.status = status;
        this.purposes = new TreeSet<>(purposes);
        this.pending = pending;
        this.evidence = new ArrayList<>(evidence);
        this.marketingStoppedAtMeta = marketingStoppedAtMeta;
        this.createdAt = createdAt;
        this.confirmedAt = confirmedAt;
        this.stoppedAt = stoppedAt;
        this.stateVersion = stateVersion;
        this.history = new ArrayList<>(history);
        this.processedEventIds = new LinkedHashSet<>(processedEventIds);
        this.outbox = new ArrayList<>(outbox);
    }

    /** A subject seen for the first time. */
    public static Subject create(String subjectId, String contactKey, String e164, String locale, Instant now) {
        return new Subject(subjectId, contactKey, e164, locale, SubjectStatus.NEW, Set.of(), null, List.of(), false,
                now, null, null, 0, List.of(), List.of(), List.of());
    }

    public boolean alreadyProcessed(String eventId) {
        return eventId != null && processedEventIds.contains(eventId);
    }

    public void markProcessed(String eventId) {
        if (eventId == null) {
            return;
        }
        processedEventIds.add(eventId);
        while (processedEventIds.size() > PROCESSED_IDS_KEPT) {
            processedEventIds.remove(processedEventIds.iterator().next());
        }
    }

    /** Forgets every personal datum: the document keeps only ids and the outbox until the relay drains it. */
    void erasePersonalData() {
        e164 = null;
        pending = null;
        evidence.clear();
        history.clear();
        purposes = new TreeSet<>();
        status = SubjectStatus.ERASED;
        // queued messages carry the number and could no longer be decrypted once the data key is gone
        outbox.removeIf(OutboxEntry::sealed);
        queued.removeIf(DomainEvent.MessageRequest.class::isInstance);
    }

    long nextStateVersion() {
        return ++stateVersion;
    }

    void record(Instant at, String event, String detail) {
        history.add(new HistoryEntry(at, event, detail));
    }

    void enqueue(DomainEvent event) {
        queued.add(event);
    }

    /** The events queued since loading (or the last {@link #encodeQueued}), in order. */
    public List<DomainEvent> queued() {
        return List.copyOf(queued);
    }

    /**
     * Moves the queued events into the outbox as {@code encoder} encodes them (topic, key, bytes and the trace
     * context of the change), in order, so the document is written with them.
     */
    public void encodeQueued(Function<DomainEvent, OutboxEntry> encoder) {
        queued.forEach(event -> outbox.add(encoder.apply(event)));
        queued.clear();
    }

    /** The relay published these entries. */
    public void removeFromOutbox(Set<String> eventIds) {
        outbox.removeIf(entry -> eventIds.contains(entry.eventId()));
    }

    void status(SubjectStatus status) {
        this.status = status;
    }

    void purposes(Set<String> purposes) {
        this.purposes = new TreeSet<>(purposes);
    }

    void pending(PendingOptIn pending) {
        this.pending = pending;
    }

    void addEvidence(Evidence item) {
        evidence.add(item);
    }

    void removeEvidence(String optInId) {
        evidence.removeIf(item -> item.optInId().equals(optInId));
    }

    void marketingStoppedAtMeta(boolean value) {
        this.marketingStoppedAtMeta = value;
    }

    void confirmedAt(Instant at) {
        this.confirmedAt = at;
    }

    void stoppedAt(Instant at) {
        this.stoppedAt = at;
    }

    void locale(String locale) {
        this.locale = locale;
    }

    public String subjectId() {
        return subjectId;
    }

    public String contactKey() {
        return contactKey;
    }

    public String e164() {
        return e164;
    }

    public String locale() {
        return locale;
    }

    public SubjectStatus status() {
        return status;
    }

    public SortedSet<String> purposes() {
        return new TreeSet<>(purposes);
    }

    public PendingOptIn pending() {
        return pending;
    }

    public List<Evidence> evidence() {
        return List.copyOf(evidence);
    }

    public boolean marketingStoppedAtMeta() {
        return marketingStoppedAtMeta;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }

    public long stateVersion() {
        return stateVersion;
    }

    public List<HistoryEntry> history() {
        return List.copyOf(history);
    }

    public List<String> processedEventIds() {
        return List.copyOf(processedEventIds);
    }

    /** The encoded entries waiting to be published (not the events queued since, see {@link #queued()}). */
    public List<OutboxEntry> outbox() {
        return List.copyOf(outbox);
    }
}
