package io.consentflow.schemas;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageLogErased;
import io.consentflow.events.MessageSent;
import io.consentflow.events.MessageStatusChanged;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInExpired;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.PreferencesChanged;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.events.StopReceived;
import io.consentflow.events.SubjectErased;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topic catalog of docs/architecture.md#topics: the single source for topic creation, deployment manifests and
 * tests.
 */
public final class Topics {

    public static final String DLT_SUFFIX = "-dlt";
    private static final int PARTITIONS = 6;

    /** Raw numbers travel here: a few days are enough to process them, and retention-service checks this bound. */
    public static final Duration PERSONAL_DATA_TOPIC_RETENTION = Duration.ofDays(3);
    /** Consent proof is kept for the 3-year limitation period after STOP; the events behind it one year longer. */
    public static final Duration CONSENT_EVENTS_RETENTION = ChronoUnit.YEARS.getDuration().multipliedBy(4);
    public static final Duration MESSAGE_EVENTS_RETENTION = Duration.ofDays(90);
    public static final Duration RETENTION_COMMANDS_RETENTION = Duration.ofDays(400);

    /**
     * Segments of a topic that carries numbers roll at least this often. Kafka deletes whole segments only, once the
     * newest record of a segment is older than retention.ms; with the broker's 7-day default a record could outlive
     * its retention by a week.
     */
    public static final Duration PERSONAL_DATA_SEGMENT = Duration.ofHours(1);
    /** How long a deleted segment file stays on disk (renamed {@code .deleted}) before the broker removes it. */
    public static final Duration PERSONAL_DATA_FILE_DELETE_DELAY = Duration.ofMinutes(1);
    /**
     * The broker's {@code log.retention.check.interval.ms}: Kafka's default, which no deployment of the suite raises
     * ({@code deployment}'s tests check that no broker configuration sets it).
     */
    public static final Duration BROKER_RETENTION_CHECK_INTERVAL = Duration.ofMinutes(5);

    public static final TopicSpec CONSENT_EVENTS = new TopicSpec("consent-events", KeyKind.SUBJECT_ID,
            List.of(OptInRequested.class, OptInConfirmed.class, OptInExpired.class, StopReceived.class,
                    PreferencesChanged.class, SubjectErased.class, StaffAccessRecorded.class),
            PARTITIONS, retention(CONSENT_EVENTS_RETENTION), Set.of(Services.CONSENT), Services.CONSENT, false);

    /** How long the tombstone of an erased contact stays on {@code consent-state} after the cleaner first saw it. */
    public static final Duration CONSENT_STATE_TOMBSTONE_RETENTION = Duration.ofDays(1);
    /**
     * The broker's {@code log.cleaner.backoff.ms}: how long an idle cleaner thread sleeps before it looks for a log
     * to clean. Kafka's default, which no deployment of the suite changes (checked like the retention check).
     */
    public static final Duration BROKER_CLEANER_BACKOFF = Duration.ofSeconds(15);

    /**
     * Compacted and keyed by the contactKey: an erased contact's key stays in its tombstone and the snapshots before
     * it until the cleaner drops them. {@code max.compaction.lag.ms} makes a rolled segment due for cleaning at once
     * (whatever the dirty ratio) and rolls the active segment on the next append, {@code LogAppendTime} keeps a
     * producer's clock out of both, and a cleaned-away file is gone a minute later ({@link #compactedCopyGoneWithin}).
     */
    public static final TopicSpec CONSENT_STATE = new TopicSpec("consent-state", KeyKind.CONTACT_KEY,
            List.of(ConsentSnapshot.class), PARTITIONS,
            Map.of("cleanup.policy", "compact",
                    "segment.ms", Long.toString(PERSONAL_DATA_SEGMENT.toMillis()),
                    "max.compaction.lag.ms", Long.toString(PERSONAL_DATA_SEGMENT.toMillis()),
                    "min.cleanable.dirty.ratio", "0.1",
                    "delete.retention.ms", Long.toString(CONSENT_STATE_TOMBSTONE_RETENTION.toMillis()),
                    "file.delete.delay.ms", Long.toString(PERSONAL_DATA_FILE_DELETE_DELAY.toMillis()),
                    "message.timestamp.type", "LogAppendTime"),
            Set.of(Services.CONSENT), Services.CONSENT, false);

    public static final TopicSpec SEND_REQUESTS = new TopicSpec("send-requests", KeyKind.E164_NUMBER,
            List.of(SendRequest.class), PARTITIONS, personalDataRetention(PERSONAL_DATA_TOPIC_RETENTION),
            Set.of(Services.CAMPAIGN_SYSTEMS, Services.CONSENT, Services.GATEWAY), Services.GATEWAY, true);

    public static final TopicSpec MESSAGE_EVENTS = new TopicSpec("message-events", KeyKind.SUBJECT_ID_OR_REQUEST_ID,
            List.of(MessageSent.class, MessageBlocked.class, MessageFailed.class, MessageStatusChanged.class,
                    MessageLogErased.class, StaffAccessRecorded.class),
            PARTITIONS, retention(MESSAGE_EVENTS_RETENTION), Set.of(Services.GATEWAY), Services.GATEWAY, false);

    public static final TopicSpec WHATSAPP_INBOUND = new TopicSpec("whatsapp-inbound", KeyKind.CONTACT_KEY,
            List.of(InboundMessage.class, MarketingPreferenceChanged.class), PARTITIONS,
            personalDataRetention(PERSONAL_DATA_TOPIC_RETENTION), Set.of(Services.GATEWAY), Services.GATEWAY, true);

    public static final TopicSpec RETENTION_COMMANDS = new TopicSpec("retention-commands", KeyKind.SUBJECT_ID,
            List.of(ErasureRequested.class, StaffAccessRecorded.class), PARTITIONS,
            retention(RETENTION_COMMANDS_RETENTION), Set.of(Services.RETENTION), Services.RETENTION, false);

    /**
     * audit-service's own staff accountability: the reads of its compliance log, proofs and certificates, chained
     * like every other topic. audit-service writes nothing else, so it gets a topic of its own (one writer per topic).
     */
    public static final TopicSpec AUDIT_STAFF_ACCESS = new TopicSpec("audit-staff-access", KeyKind.SUBJECT_ID,
            List.of(StaffAccessRecorded.class), PARTITIONS, retention(RETENTION_COMMANDS_RETENTION),
            Set.of(Services.AUDIT), Services.AUDIT, false);

    public static final List<TopicSpec> ALL = List.of(CONSENT_EVENTS, CONSENT_STATE, SEND_REQUESTS, MESSAGE_EVENTS,
            WHATSAPP_INBOUND, RETENTION_COMMANDS, AUDIT_STAFF_ACCESS);

    /**
     * Where each service writes its {@code StaffAccessRecorded}: the one event type that travels on several topics,
     * each service on a topic only it writes (docs/architecture.md#staff-accountability).
     */
    public static final Map<String, TopicSpec> STAFF_ACCESS_TOPICS = Map.of(Services.CONSENT, CONSENT_EVENTS,
            Services.GATEWAY, MESSAGE_EVENTS, Services.RETENTION, RETENTION_COMMANDS, Services.AUDIT,
            AUDIT_STAFF_ACCESS);

    /**
     * Who reads each topic (docs/architecture.md#who-reads-what), in a consumer group named after the service, except
     * {@link #GROUPLESS_READERS}. With the writers of each {@link TopicSpec} this is what the Kafka ACLs grant.
     */
    public static final Map<String, Set<String>> READERS = Map.of(
            CONSENT_EVENTS.name(), Set.of(Services.RETENTION, Services.AUDIT),
            CONSENT_STATE.name(), Set.of(Services.GATEWAY),
            SEND_REQUESTS.name(), Set.of(Services.GATEWAY, Services.AUDIT),
            MESSAGE_EVENTS.name(), Set.of(Services.CONSENT, Services.RETENTION, Services.AUDIT),
            WHATSAPP_INBOUND.name(), Set.of(Services.CONSENT, Services.GATEWAY, Services.AUDIT),
            RETENTION_COMMANDS.name(), Set.of(Services.CONSENT, Services.GATEWAY, Services.AUDIT),
            AUDIT_STAFF_ACCESS.name(), Set.of(Services.AUDIT));

    /** Topics the gateway follows from every partition without a consumer group (its consent view). */
    public static final Map<String, Set<String>> GROUPLESS_READERS = Map.of(
            CONSENT_STATE.name(), Set.of(Services.GATEWAY), WHATSAPP_INBOUND.name(), Set.of(Services.GATEWAY));

    private Topics() {
    }

    /** Every topic including the dead-letter topics. */
    public static List<TopicSpec> allWithDeadLetters() {
        return ALL.stream().flatMap(topic -> java.util.stream.Stream.of(topic, topic.deadLetter())).toList();
    }

    public static Optional<TopicSpec> byName(String name) {
        return allWithDeadLetters().stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    public static List<TopicSpec> ownedBy(String service) {
        return ALL.stream().filter(topic -> topic.owner().equals(service)).toList();
    }

    /** The topic {@code service} writes its staff-access records to; a service without one records none. */
    public static TopicSpec staffAccessTopic(String service) {
        TopicSpec topic = STAFF_ACCESS_TOPICS.get(service);
        if (topic == null || !topic.writers().contains(service)) {
            throw new IllegalArgumentException(service + " writes no staff-access records");
        }
        return topic;
    }

    /** The topic an event type travels on; for {@code StaffAccessRecorded}, see {@link #staffAccessTopic}. */
    public static TopicSpec carrying(Class<?> eventType) {
        return ALL.stream().filter(topic -> topic.valueTypes().contains(eventType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(eventType.getSimpleName() + " has no topic"));
    }

    /**
     * The latest moment after a record was written by which no copy of it is left on the broker's disks
     * (docs/architecture.md#topics): its segment rolls at most {@code segment.ms} after its first record (timestamps
     * are the broker's own, {@code LogAppendTime}, so a producer's clock cannot extend it), the segment is deleted at
     * the first retention check after its newest record is {@code retention.ms} old, and the file goes
     * {@code file.delete.delay.ms} later. Only for the topics that carry numbers, which set all three.
     */
    public static Duration lastCopyGoneWithin(TopicSpec topic) {
        return lastCopyGoneWithin(topic.configs(), BROKER_RETENTION_CHECK_INTERVAL);
    }

    /** The same bound for the configs a broker actually has (a test's broker with shortened bounds). */
    public static Duration lastCopyGoneWithin(Map<String, String> configs, Duration retentionCheckInterval) {
        for (String required : List.of("retention.ms", "segment.ms", "file.delete.delay.ms")) {
            if (!configs.containsKey(required)) {
                throw new IllegalArgumentException("no exact bound without " + required);
            }
        }
        if (!"LogAppendTime".equals(configs.get("message.timestamp.type"))) {
            throw new IllegalArgumentException("no exact bound with producer timestamps");
        }
        return Duration.ofMillis(Long.parseLong(configs.get("retention.ms")))
                .plusMillis(Long.parseLong(configs.get("segment.ms")))
                .plus(retentionCheckInterval)
                .plusMillis(Long.parseLong(configs.get("file.delete.delay.ms")));
    }

    /**
     * The latest moment after a tombstone was written on a compacted topic by which neither it nor an earlier record
     * of its key is left on the broker's disks, provided its partition receives another record after the roll time
     * (Kafka rolls the active segment only on an append, and never cleans the active segment): the segment rolls
     * within {@code min(segment.ms, max.compaction.lag.ms)}, is then overdue for cleaning, so an idle cleaner takes it
     * within its back-off and drops the earlier records; the tombstone goes at the first cleaning after
     * {@code delete.retention.ms} (the cleaner looks for expired tombstones on its own), and the replaced files
     * {@code file.delete.delay.ms} later. A cleaner thread busy with other logs delays both cleanings: Kafka states no
     * bound on that (docs/architecture.md, Known gaps).
     */
    public static Duration compactedCopyGoneWithin(TopicSpec topic) {
        return compactedCopyGoneWithin(topic.configs(), BROKER_CLEANER_BACKOFF);
    }

    /** The same bound for the configs a broker actually has. */
    public static Duration compactedCopyGoneWithin(Map<String, String> configs, Duration cleanerBackoff) {
        for (String required : List.of("segment.ms", "max.compaction.lag.ms", "delete.retention.ms",
                "file.delete.delay.ms")) {
            if (!configs.containsKey(required)) {
                throw new IllegalArgumentException("no stated bound without " + required);
            }
        }
        if (!configs.getOrDefault("cleanup.policy", "").contains("compact")) {
            throw new IllegalArgumentException("not a compacted topic");
        }
        if (!"LogAppendTime".equals(configs.get("message.timestamp.type"))) {
            throw new IllegalArgumentException("no stated bound with producer timestamps");
        }
        long roll = Math.min(Long.parseLong(configs.get("segment.ms")),
                Long.parseLong(configs.get("max.compaction.lag.ms")));
        return Duration.ofMillis(roll).plus(cleanerBackoff)
                .plusMillis(Long.parseLong(configs.get("delete.retention.ms"))).plus(cleanerBackoff)
                .plusMillis(Long.parseLong(configs.get("file.delete.delay.ms")));
    }

    /** Retention for topics that carry numbers, with the settings that make {@link #lastCopyGoneWithin} exact. */
    private static Map<String, String> personalDataRetention(Duration retention) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()),
                "segment.ms", Long.toString(PERSONAL_DATA_SEGMENT.toMillis()),
                "file.delete.delay.ms", Long.toString(PERSONAL_DATA_FILE_DELETE_DELAY.toMillis()),
                "message.timestamp.type", "LogAppendTime");
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }
}
