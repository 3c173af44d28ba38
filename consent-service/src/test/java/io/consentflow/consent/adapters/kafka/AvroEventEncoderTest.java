package io.consentflow.consent.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.consentflow.consent.domain.ConfirmationMethod;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.ConsentPolicy;
import io.consentflow.consent.domain.DomainEvent;
import io.consentflow.consent.domain.ErasureScope;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.MessageCategory;
import io.consentflow.consent.domain.OptInSource;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.consent.domain.Purpose;
import io.consentflow.consent.domain.StopScope;
import io.consentflow.consent.domain.StopTrigger;
import io.consentflow.consent.domain.Subject;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.SendRequest;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.AvroEventSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox holds each event as it goes on its topic: the domain's events encoded to their Avro events field for
 * field, on the topic and with the key docs/architecture.md#topics gives them, in the bytes the producer writes.
 */
class AvroEventEncoderTest {

    private static final String NUMBER = "+4915112345678";
    private static final Instant T0 = Instant.parse("2026-11-29T06:00:00Z");
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final AvroEventEncoder encoder = new AvroEventEncoder();
    private final AvroEventDeserializer decoder = new AvroEventDeserializer();
    private final ConsentLifecycle lifecycle = new ConsentLifecycle(new ConsentPolicy(
            List.of(new Purpose("offers", true), new Purpose("support", false)), Duration.ofHours(48),
            "Musterladen", "optin_confirmation", Set.of("offers"), "de"));

    @Test
    void aSubjectsLifeIsEncodedOnItsTopicsWithItsKeys() {
        Subject subject = Subject.create("subject-1", "contact-key-1", NUMBER, "de", T0);
        var token = lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.WEB_FORM, "de",
                new Evidence(null, T0, "WEB_FORM", "203.0.113.9", "Firefox", null, "v7", "text",
                        Evidence.sha256Hex("text"), null), T0).orElseThrow();
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, "de", true, T0);
        lifecycle.erase(subject, "erasure-1", ErasureScope.SUBJECT, T0);
        List<DomainEvent> events = subject.queued();

        List<OutboxEntry> entries = events.stream().map(event -> encoder.encode(event, TRACE)).toList();

        assertThat(entries).extracting(OutboxEntry::eventId).containsExactlyElementsOf(
                events.stream().map(DomainEvent::eventId).toList());
        assertThat(entries).allSatisfy(entry -> assertThat(entry.traceparent()).isEqualTo(TRACE));
        assertThat(decoded(entries)).extracting(record -> record == null ? "tombstone" : record.getClass().getSimpleName())
                .containsExactly("OptInRequested", "ConsentSnapshot", "OptInConfirmed", "ConsentSnapshot",
                        "StopReceived", "ConsentSnapshot", "SubjectErased", "tombstone");
        assertThat(entries).extracting(OutboxEntry::topic, OutboxEntry::key, OutboxEntry::sealed)
                .containsExactly(
                tuple("consent-events", "subject-1", false),
                tuple("consent-state", "contact-key-1", false),
                tuple("consent-events", "subject-1", false),
                tuple("consent-state", "contact-key-1", false),
                tuple("consent-events", "subject-1", false),
                tuple("consent-state", "contact-key-1", false),
                tuple("consent-events", "subject-1", false),
                tuple("consent-state", "contact-key-1", false));
        assertThat(entries.get(entries.size() - 1).value()).as("the tombstone has no value").isNull();
        ConsentSnapshot stopped = (ConsentSnapshot) decoded(entries).get(5);
        assertThat(stopped.getStatus()).isEqualTo(ConsentStatus.STOPPED);
        assertThat(stopped.getVersion()).isEqualTo(3);
        assertThat(stopped.getProducer()).isEqualTo("consent-service");
        SubjectErased receipt = (SubjectErased) decoded(entries).get(6);
        assertThat(receipt.getErasureId()).isEqualTo("erasure-1");
        assertThat(receipt.getScope()).isEqualTo(io.consentflow.events.ErasureScope.SUBJECT);
        assertThat(receipt.getSubjectRemoved()).isTrue();
    }

    @Test
    void messagesGoToSendRequestsByNumberAndAreSealed() {
        Subject subject = Subject.create("subject-1", "contact-key-1", NUMBER, "de", T0);
        var token = lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.WEB_FORM, "de",
                new Evidence(null, T0, "WEB_FORM", null, null, null, "v7", "text", Evidence.sha256Hex("text"), null),
                T0).orElseThrow();
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, "de", true, T0);

        List<OutboxEntry> sends = subject.queued().stream().filter(DomainEvent.MessageRequest.class::isInstance)
                .map(event -> encoder.encode(event, null)).toList();

        assertThat(sends).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.topic()).isEqualTo("send-requests");
            assertThat(entry.key()).isEqualTo(NUMBER);
            assertThat(entry.sealed()).as("it carries the number").isTrue();
        });
        SendRequest template = (SendRequest) decoded(sends).get(0);
        assertThat(template.getRequestId()).isEqualTo("consent-" + template.getEventId());
        assertThat(template.getCategory()).isEqualTo(io.consentflow.events.MessageCategory.UTILITY);
        assertThat(template.getTo()).isEqualTo(NUMBER);
        assertThat(template.getSignature()).as("signed by the relay, not in the outbox").isNull();
        assertThat(template.getTemplate().getName()).isEqualTo("optin_confirmation");
        assertThat(template.getTemplate().getComponents().get(1).getParameters().get(0).getValue())
                .isEqualTo("CONFIRM:" + token.value());
        SendRequest reply = (SendRequest) decoded(sends).get(1);
        assertThat(reply.getTemplate()).isNull();
        assertThat(reply.getText()).isNotBlank();
        assertThat(reply.getNotAfter()).isEqualTo(T0.plus(Duration.ofHours(24)));
    }

    @Test
    void theStoredBytesAreThoseTheProducersSerializerWritesForTheDecodedEvent() {
        Subject subject = Subject.create("subject-1", "contact-key-1", NUMBER, "de", T0);
        lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.API, "de",
                new Evidence(null, T0, "API", null, null, null, "v7", "text", Evidence.sha256Hex("text"), null), T0);
        AvroEventSerializer producerSerializer = new AvroEventSerializer();

        for (DomainEvent event : subject.queued()) {
            OutboxEntry entry = encoder.encode(event, null);
            SpecificRecord published = decoder.deserialize(entry.topic(), entry.value());
            assertThat(producerSerializer.serialize(entry.topic(), published)).isEqualTo(entry.value());
        }
    }

    @Test
    void theDomainsEnumsNameTheAvroSymbols() {
        assertSameNames(OptInSource.values(), io.consentflow.events.OptInSource.values());
        assertSameNames(ConfirmationMethod.values(), io.consentflow.events.ConfirmationMethod.values());
        assertSameNames(StopScope.values(), io.consentflow.events.StopScope.values());
        assertSameNames(StopTrigger.values(), io.consentflow.events.StopTrigger.values());
        assertSameNames(ErasureScope.values(), io.consentflow.events.ErasureScope.values());
        assertSameNames(MessageCategory.values(), io.consentflow.events.MessageCategory.values());
    }

    private static void assertSameNames(Enum<?>[] domain, Enum<?>[] avro) {
        assertThat(Arrays.stream(domain).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(avro).map(Enum::name).toList());
    }

    private List<SpecificRecord> decoded(List<OutboxEntry> entries) {
        return entries.stream().map(entry -> entry.value() == null ? null
                : decoder.deserialize(entry.topic(), entry.value())).toList();
    }
}
