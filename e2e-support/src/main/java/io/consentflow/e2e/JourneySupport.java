package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * What a campaign system, a phone and a data-protection officer do, expressed through public interfaces only:
 * HTTP on the services and the simulator, Kafka topics of the contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JourneySupport {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    Suite suite;
    KafkaTestClient kafka;
    TopicRecorder consentState;
    TopicRecorder messageEvents;

    @BeforeAll
    void startSuite() {
        suite = Suite.get();
        kafka = new KafkaTestClient(suite.infrastructure.kafkaBootstrapServers());
        consentState = new TopicRecorder(suite.infrastructure.kafkaBootstrapServers(), Topics.CONSENT_STATE.name());
        messageEvents = new TopicRecorder(suite.infrastructure.kafkaBootstrapServers(), Topics.MESSAGE_EVENTS.name());
    }

    @AfterAll
    void stopRecorders() throws InterruptedException {
        consentState.close();
        messageEvents.close();
    }

    /** The web form's request (POST /api/v1/opt-ins) for the given purposes. */
    Http.Response requestOptIn(Phone phone, List<String> purposes) {
        return Http.postJson(suite.consent.baseUrl() + "/api/v1/opt-ins", Map.of(
                "phoneNumber", phone.e164(), "purposes", purposes, "locale", "de", "noticeVersion", "2026-11",
                "consentText", "Ja, ich möchte Angebote per WhatsApp erhalten. Abmeldung jederzeit mit STOP.",
                "source", "WEB_FORM"), null);
    }

    /** The neutral confirmation template with its quick-reply button, as it arrived on the phone. */
    JsonNode awaitConfirmationRequest(Phone phone, int alreadySeen) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> withButtons = phone.outbound().stream()
                    .filter(message -> message.path("buttons").size() > 0).toList();
            if (withButtons.size() > alreadySeen) {
                return withButtons.get(withButtons.size() - 1);
            }
            ServiceProcess.sleep(200);
        }
        throw new AssertionError("no confirmation request reached the phone; chat: " + phone.chat());
    }

    static String confirmPayload(JsonNode confirmation) {
        return confirmation.path("buttons").get(0).path("payload").asString();
    }

    ConsentSnapshot awaitConsent(Phone phone, ConsentStatus status) {
        String contactKey = Contacts.contactKey(phone.e164());
        ConsentSnapshot snapshot = consentState.await(ConsentSnapshot.class,
                candidate -> candidate.getContactKey().equals(contactKey) && candidate.getStatus() == status, PATIENCE);
        // the gateway follows consent-state on its own consumer; give it a moment to apply what we just saw
        ServiceProcess.sleep(500);
        return snapshot;
    }

    /** Web double opt-in, confirmed by tapping the button; returns the subjectId. */
    String optInAndConfirm(Phone phone, List<String> purposes) {
        int before = (int) phone.outbound().stream().filter(m -> m.path("buttons").size() > 0).count();
        assertThat(requestOptIn(phone, purposes).status()).isIn(200, 201, 202);
        phone.tap(confirmPayload(awaitConfirmationRequest(phone, before)));
        return awaitConsent(phone, ConsentStatus.CONFIRMED).getSubjectId();
    }

    String sendMarketing(Phone phone, String purpose) {
        String requestId = UUID.randomUUID().toString();
        kafka.publish(Topics.SEND_REQUESTS.name(), phone.e164(), marketingRequest(requestId, phone.e164(), purpose));
        return requestId;
    }

    static SendRequest marketingRequest(String requestId, String e164, String purpose) {
        var template = TemplateMessage.newBuilder().setName("new_collection").setLanguage("de")
                .setComponents(List.of(TemplateComponent.newBuilder().setType("body").setSubType(null).setIndex(null)
                        .setParameters(List.of(new TemplateParameter("text", "Herbst 2026"))).build()))
                .build();
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setProducer(Services.CAMPAIGN_SYSTEMS).setRequestId(requestId).setTo(e164)
                .setCategory(MessageCategory.MARKETING).setPurpose(purpose).setTemplate(template).setText(null)
                .setCampaignId("autumn-2026").setSubjectId(null).setNotAfter(Instant.now().plusSeconds(3600))
                .build();
    }

    /** The one terminal outcome of a send request: MessageSent, MessageBlocked or MessageFailed. */
    SpecificRecord awaitOutcome(String requestId) {
        messageEvents.awaitCondition(() -> outcomes(requestId).size() > 0, PATIENCE,
                () -> "no outcome for request " + requestId);
        return outcomes(requestId).get(0);
    }

    /**
     * The distinct outcome events of a request. A redelivered event keeps its eventId (consumers dedupe on it,
     * docs/architecture.md#events-and-encoding), so a replay after a crash is one outcome, not two.
     */
    List<SpecificRecord> outcomes(String requestId) {
        Map<String, SpecificRecord> byEventId = new java.util.LinkedHashMap<>();
        messageEvents.ofRequest(MessageSent.class, requestId).forEach(e -> byEventId.putIfAbsent(e.getEventId(), e));
        messageEvents.ofRequest(MessageBlocked.class, requestId)
                .forEach(e -> byEventId.putIfAbsent(e.getEventId(), e));
        messageEvents.ofRequest(MessageFailed.class, requestId)
                .forEach(e -> byEventId.putIfAbsent(e.getEventId(), e));
        return List.copyOf(byEventId.values());
    }

    static Optional<String> blockReason(SpecificRecord outcome) {
        return outcome instanceof MessageBlocked blocked ? Optional.of(blocked.getReason().name()) : Optional.empty();
    }

    static String staffToken(String role) {
        return Suite.current().staffToken(role);
    }
}
