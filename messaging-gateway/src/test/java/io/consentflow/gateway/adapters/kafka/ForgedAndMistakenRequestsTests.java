package io.consentflow.gateway.adapters.kafka;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.signed;
import static io.consentflow.gateway.support.Fixtures.signedByConsentService;
import static io.consentflow.gateway.support.Fixtures.signedByHelpdesk;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.BlockReason;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateMessage;
import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 22's acceptance on the gateway, one row per hostile or mistaken producer: each request is published on
 * send-requests like any producer's and ends with nothing sent to the phone's number (the Cloud API stub saw no call
 * for it) and a MessageBlocked with the reason. The signed rows at the end pass, so the table can tell the two apart.
 */
@GatewayTest
class ForgedAndMistakenRequestsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    ConsentTable consents;
    @Autowired
    ServiceWindows windows;
    @Autowired
    WebTestClient web;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoMessageLog log;

    /** How the contact stands with the gateway before the request arrives. */
    enum Contact { UNKNOWN, PENDING, CONFIRMED_SUPPORT, CONFIRMED_OFFERS, META_STOPPED_SUPPORT, STOPPED }

    @BeforeEach
    void templatesAsMetaHasThem() {
        // registered by Meta, but paused for low quality / in review / re-categorised as marketing
        STUB.template("offer_paused", "de", "MARKETING", "PAUSED");
        STUB.template("order_pending", "de", "UTILITY", "PENDING");
        STUB.template("optin_marketing", "de", "MARKETING", "APPROVED");
        web.post().uri("/api/v1/templates/refresh").headers(h -> h.setBearerAuth(StaffTokens.forRole("ADMIN")))
                .exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("offer_paused").contains("PAUSED"));
    }

    private static TemplateMessage template(String name) {
        return TemplateMessage.newBuilder().setName(name).setLanguage("de").build();
    }

    /** What consent-service's confirmation looks like; unsigned unless a row signs it. */
    private static SendRequest confirmation(String to, String templateName) {
        return SendRequest.newBuilder(marketing(to).build()).setProducer("consent-service")
                .setRequestId("consent-" + UUID.randomUUID()).setCategory(MessageCategory.UTILITY).setPurpose(null)
                .setCampaignId(null).setSubjectId(UUID.randomUUID().toString())
                .setNotAfter(Instant.now().plusSeconds(3600)).setTemplate(template(templateName)).build();
    }

    private static SendRequest serviceText(String to, String producer) {
        return SendRequest.newBuilder(marketing(to).build()).setProducer(producer).setCategory(MessageCategory.SERVICE)
                .setPurpose(null).setTemplate(null).setText("Kann ich helfen?").build();
    }

    private static SendRequest utility(String to, String templateName, String purpose) {
        return SendRequest.newBuilder(marketing(to).build()).setCategory(MessageCategory.UTILITY).setPurpose(purpose)
                .setTemplate(template(templateName)).build();
    }

    private static Arguments row(String name, Contact contact, boolean wroteIn,
            java.util.function.Function<String, SendRequest> request, BlockReason expected) {
        return Arguments.of(name, contact, wroteIn, request, expected);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // forged consent-service messages
                row("confirmation template with a made-up subjectId", Contact.UNKNOWN, false,
                        to -> confirmation(to, "optin_confirm"), BlockReason.NO_CONSENT),
                row("confirmation template while an opt-in is pending", Contact.PENDING, false,
                        to -> confirmation(to, "optin_confirm"), BlockReason.NO_CONSENT),
                row("confirmation signed with the helpdesk's key as consent-service", Contact.UNKNOWN, false,
                        to -> signed(confirmation(to, "optin_confirm"), "consent-service", Fixtures.HELPDESK_KEY),
                        BlockReason.NO_CONSENT),
                row("consent-service's signed confirmation redirected to another number", Contact.UNKNOWN, false,
                        to -> {
                            SendRequest copy = signedByConsentService(confirmation(randomNumber(), "optin_confirm"));
                            copy.setTo(to);
                            return copy;
                        }, BlockReason.NO_CONSENT),
                row("consent-service's STOP reply text, unsigned, after STOP", Contact.STOPPED, true,
                        to -> serviceText(to, "consent-service"), BlockReason.STOPPED),
                // wrong categories: the registered one decides
                row("signed confirmation with a template registered as MARKETING", Contact.UNKNOWN, false,
                        to -> signedByConsentService(confirmation(to, "optin_marketing")), BlockReason.NO_CONSENT),
                row("MARKETING template declared UTILITY, marketing stopped at Meta", Contact.META_STOPPED_SUPPORT,
                        false, to -> utility(to, "offer", "support"), BlockReason.MARKETING_STOPPED_AT_META),
                // templates Meta does not know or does not allow
                row("unknown template", Contact.CONFIRMED_OFFERS, false,
                        to -> SendRequest.newBuilder(marketing(to).build()).setTemplate(template("no_such")).build(),
                        BlockReason.TEMPLATE_UNKNOWN),
                row("template in another language than registered", Contact.CONFIRMED_OFFERS, false,
                        to -> SendRequest.newBuilder(marketing(to).build()).setTemplate(TemplateMessage.newBuilder()
                                .setName("offer").setLanguage("en").build()).build(), BlockReason.TEMPLATE_UNKNOWN),
                row("paused template", Contact.CONFIRMED_OFFERS, false,
                        to -> SendRequest.newBuilder(marketing(to).build()).setTemplate(template("offer_paused"))
                                .build(), BlockReason.TEMPLATE_NOT_APPROVED),
                row("template still in review", Contact.CONFIRMED_SUPPORT, false,
                        to -> utility(to, "order_pending", "support"), BlockReason.TEMPLATE_NOT_APPROVED),
                // SERVICE text from producers not authorised for customer service
                row("SERVICE text from a campaign producer in the window", Contact.UNKNOWN, true,
                        to -> serviceText(to, "campaigns"), BlockReason.NO_CONSENT),
                row("SERVICE text signed with a key the gateway does not know", Contact.PENDING, true,
                        to -> signed(serviceText(to, "campaigns"), "campaigns", "a-campaign-key-of-at-least-32-bytes"),
                        BlockReason.NO_CONSENT),
                row("SERVICE text claiming to be the helpdesk, unsigned", Contact.UNKNOWN, true,
                        to -> serviceText(to, Fixtures.HELPDESK), BlockReason.NO_CONSENT),
                // the genuine ones pass: the table can fail
                row("consent-service's signed confirmation", Contact.UNKNOWN, false,
                        to -> signedByConsentService(confirmation(to, "optin_confirm")), null),
                row("the helpdesk's signed reply in the window", Contact.UNKNOWN, true,
                        to -> signedByHelpdesk(serviceText(to, Fixtures.HELPDESK)), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void onlyConsentedOrGenuinelyExemptRequestsReachThePhone(String name, Contact contact, boolean wroteIn,
            java.util.function.Function<String, SendRequest> build, BlockReason expected) {
        String number = randomNumber();
        stand(number, contact);
        if (wroteIn) {
            windows.inbound(Fixtures.KEYS.of(number), Instant.now().minusSeconds(60));
        }
        SendRequest request = build.apply(number);

        kafka.publish(Topics.SEND_REQUESTS.name(), request.getTo(), request);

        if (expected == null) {
            awaitEvent(MessageSent.class, request.getRequestId());
            assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
            return;
        }
        MessageBlocked blocked = (MessageBlocked) awaitEvent(MessageBlocked.class, request.getRequestId()).value();
        assertThat(blocked.getReason()).isEqualTo(expected);
        assertThat(STUB.callsTo(digits(number))).as("nothing sent to the phone").isZero();
    }

    @org.junit.jupiter.api.Test
    void theRegisteredCategoryPicksTheEndpointAndAMismatchIsCounted() {
        String number = randomNumber();
        stand(number, Contact.CONFIRMED_OFFERS);
        double before = mismatches();
        SendRequest declaredUtility = utility(number, "offer", "offers");

        kafka.publish(Topics.SEND_REQUESTS.name(), number, declaredUtility);

        MessageSent sent = (MessageSent) awaitEvent(MessageSent.class, declaredUtility.getRequestId()).value();
        assertThat(STUB.calls()).filteredOn(call -> call.to().equals(digits(number))).singleElement()
                .satisfies(call -> assertThat(call.path()).endsWith("/marketing_messages"));
        assertThat(mismatches()).isEqualTo(before + 1);
        // the log and the event report the category Meta registered, not the one the producer declared
        assertThat(sent.getCategory().name()).isEqualTo("MARKETING");
        assertThat(log.find(declaredUtility.getRequestId()).block(java.time.Duration.ofSeconds(10))
                .getString("category")).isEqualTo("MARKETING");
    }

    private double mismatches() {
        var counter = meters.find("consentflow.gateway.send.category_mismatch").tag("declared", "UTILITY")
                .tag("registered", "MARKETING").counter();
        return counter == null ? 0 : counter.count();
    }

    private void stand(String number, Contact contact) {
        ConsentSnapshot snapshot = switch (contact) {
            case UNKNOWN -> null;
            case PENDING -> snapshot(number, UUID.randomUUID().toString(), ConsentStatus.PENDING, List.of());
            case CONFIRMED_SUPPORT -> snapshot(number, UUID.randomUUID().toString(), ConsentStatus.CONFIRMED,
                    List.of("support"));
            case CONFIRMED_OFFERS -> snapshot(number, UUID.randomUUID().toString(), ConsentStatus.CONFIRMED,
                    List.of("offers"));
            case META_STOPPED_SUPPORT -> ConsentSnapshot.newBuilder(snapshot(number, UUID.randomUUID().toString(),
                    ConsentStatus.CONFIRMED, List.of("support"))).setMarketingStoppedAtMeta(true).build();
            case STOPPED -> snapshot(number, UUID.randomUUID().toString(), ConsentStatus.STOPPED, List.of());
        };
        if (snapshot != null) {
            kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number), snapshot);
            await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) != null);
        }
    }

    private <T extends SpecificRecord> ConsumerRecord<String, SpecificRecord> awaitEvent(Class<T> type,
            String requestId) {
        return kafka.awaitRecords(Topics.MESSAGE_EVENTS.name(), r -> type.isInstance(r.value())
                && requestId.equals(r.value().get(r.value().getSchema().getField("requestId").pos())), 1, WAIT).get(0);
    }
}
