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

    public static final TopicSpec CONSENT_EVENTS = new TopicSpec("consent-events", KeyKind.SUBJECT_ID,
            List.of(OptInRequested.class, OptInConfirmed.class, OptInExpired.class, StopReceived.class,
                    PreferencesChanged.class, SubjectErased.class),
            PARTITIONS, retention(CONSENT_EVENTS_RETENTION), Set.of(Services.CONSENT), Services.CONSENT, false);

    public static final TopicSpec CONSENT_STATE = new TopicSpec("consent-state", KeyKind.CONTACT_KEY,
            List.of(ConsentSnapshot.class), PARTITIONS,
            Map.of("cleanup.policy", "compact",
                    // tombstones of erased subjects must disappear too: roll and clean often, drop tombstones after a day
                    "segment.ms", Long.toString(Duration.ofHours(1).toMillis()),
                    "min.cleanable.dirty.ratio", "0.1",
                    "delete.retention.ms", Long.toString(Duration.ofDays(1).toMillis())),
            Set.of(Services.CONSENT), Services.CONSENT, false);

    public static final TopicSpec SEND_REQUESTS = new TopicSpec("send-requests", KeyKind.E164_NUMBER,
            List.of(SendRequest.class), PARTITIONS, retention(PERSONAL_DATA_TOPIC_RETENTION),
            Set.of(Services.CAMPAIGN_SYSTEMS, Services.CONSENT, Services.GATEWAY), Services.GATEWAY, true);

    public static final TopicSpec MESSAGE_EVENTS = new TopicSpec("message-events", KeyKind.SUBJECT_ID_OR_REQUEST_ID,
            List.of(MessageSent.class, MessageBlocked.class, MessageFailed.class, MessageStatusChanged.class,
                    MessageLogErased.class),
            PARTITIONS, retention(MESSAGE_EVENTS_RETENTION), Set.of(Services.GATEWAY), Services.GATEWAY, false);

    public static final TopicSpec WHATSAPP_INBOUND = new TopicSpec("whatsapp-inbound", KeyKind.CONTACT_KEY,
            List.of(InboundMessage.class, MarketingPreferenceChanged.class), PARTITIONS,
            retention(PERSONAL_DATA_TOPIC_RETENTION), Set.of(Services.GATEWAY), Services.GATEWAY, true);

    public static final TopicSpec RETENTION_COMMANDS = new TopicSpec("retention-commands", KeyKind.SUBJECT_ID,
            List.of(ErasureRequested.class), PARTITIONS, retention(RETENTION_COMMANDS_RETENTION),
            Set.of(Services.RETENTION), Services.RETENTION, false);

    public static final List<TopicSpec> ALL = List.of(CONSENT_EVENTS, CONSENT_STATE, SEND_REQUESTS, MESSAGE_EVENTS,
            WHATSAPP_INBOUND, RETENTION_COMMANDS);

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
            RETENTION_COMMANDS.name(), Set.of(Services.CONSENT, Services.GATEWAY, Services.AUDIT));

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

    public static TopicSpec carrying(Class<?> eventType) {
        return ALL.stream().filter(topic -> topic.valueTypes().contains(eventType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(eventType.getSimpleName() + " has no topic"));
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }
}
