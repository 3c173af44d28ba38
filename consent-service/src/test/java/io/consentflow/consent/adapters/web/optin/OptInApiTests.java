package io.consentflow.consent.adapters.web.optin;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.OptInSource;
import io.consentflow.events.SendRequest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.StaffTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.BodyInserters;

class OptInApiTests extends IntegrationTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.consentflow.consent.adapters.mongo.KeyRing keyRing;
    @org.springframework.beans.factory.annotation.Autowired
    ApplicationContext context;

    /** consentflow.consent.confirmation-template in the tests' config/application.yml (default: optin_confirmation). */
    private static final String CONFIGURED_TEMPLATE = "musterladen_optin_confirmation";

    @Test
    void anOptInIsPublishedAndStoredOnlyEncrypted() {
        String number = randomNumber();
        String address = randomAddress();
        postOptIn(optInBody(number, List.of("offers", "support")), address).expectStatus().isAccepted()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(number.substring(1)));

        SendRequest confirmation = awaitSendTo(number, r -> r.getTemplate() != null);
        assertThat(confirmation.getCategory()).isEqualTo(MessageCategory.UTILITY);
        assertThat(confirmation.getTemplate().getName()).isEqualTo(CONFIGURED_TEMPLATE);
        assertThat(confirmation.getTemplate().getLanguage()).isEqualTo("de");
        assertThat(confirmation.getTemplate().getComponents().get(0).getParameters().get(0).getValue())
                .isEqualTo("Musterladen");
        assertThat(payloadOf(confirmation)).startsWith("CONFIRM:").hasSizeGreaterThan(40);
        String subjectId = confirmation.getSubjectId();
        OptInRequested requested = kafka.await(Topics.CONSENT_EVENTS.name(), OptInRequested.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(requested.getPurposes()).containsExactly("offers", "support");
        assertThat(requested.getSource()).isEqualTo(OptInSource.WEB_FORM);
        assertThat(requested.getNoticeVersion()).isEqualTo("2026-11");
        ConsentSnapshot pending = awaitSnapshot(number, ConsentStatus.PENDING);
        assertThat(pending.getSubjectId()).isEqualTo(subjectId);

        Document raw = subjects.rawDocument(subjectId).block();
        assertThat(raw).isNotNull();
        String json = raw.toJson();
        assertNoPlaintext(json, number, number.substring(1), number.substring(3), address, "ConsentFlowTest",
                "shop.example", "Ich willige ein", payloadOf(confirmation).substring(8));
        assertThat(raw).as("the data key lives in the key ring, not with the data").doesNotContainKey("wrappedKey");
        assertThat(keyRing.find(subjectId).block()).isNotNull();
        assertThat(raw.getString("contactKey")).isEqualTo(contactKeys.of(number));
    }

    /** Tracing off (these tests, the default): no span is started; the request timer stays, no long-task timer. */
    @Test
    void withTracingOffRequestsStartNoSpanButKeepTheirMetrics() {
        assertThat(context.getBean(io.micrometer.tracing.Tracer.class)).isSameAs(io.micrometer.tracing.Tracer.NOOP);
        // the server observation's receiver handler starts its span from the propagator, not the tracer
        assertThat(context.getBean(io.micrometer.tracing.propagation.Propagator.class))
                .isSameAs(io.micrometer.tracing.propagation.Propagator.NOOP);
        postOptIn(optInBody(randomNumber(), List.of("offers")), randomAddress()).expectStatus().isAccepted();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("http_server_requests_seconds_count{")
                        .contains("uri=\"/api/v1/opt-ins\"")
                        .as("no long-task timer beside the timer").doesNotContain("http_server_requests_active"));
    }

    /** The public paths have a security chain of their own (platform's StaffSecurityConfiguration): same headers,
     * same bearer-token check, nothing to authorise. */
    @Test
    void thePublicChainKeepsTheSecurityHeadersAndStillRefusesABrokenToken() {
        assertThat(context.getBeansOfType(SecurityWebFilterChain.class))
                .containsKeys("publicSecurityFilterChain", "staffSecurityFilterChain");
        postOptIn(optInBody(randomNumber(), List.of("offers")), randomAddress()).expectStatus().isAccepted()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"));
        String forged = StaffTokens.claims().roles(List.of("ADMIN"))
                .signedWith("another-secret-that-is-long-enough-0123456789");
        String refused = randomNumber();
        web.post().uri("/api/v1/opt-ins").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", randomAddress()).headers(h -> h.setBearerAuth(forged))
                .bodyValue(optInBody(refused, List.of("offers"))).exchange().expectStatus().isUnauthorized();
        assertThat(subjects.byContactKey(contactKeys.of(refused)).blockOptional()).isEmpty();
        web.post().uri("/api/v1/opt-ins").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", randomAddress()).headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO")))
                .bodyValue(optInBody(randomNumber(), List.of("offers"))).exchange().expectStatus().isAccepted();
    }

    @Test
    void theConfirmationTemplateIsTheConfiguredOneInTheSubjectsLanguage() {
        String number = randomNumber();
        Map<String, Object> body = new HashMap<>(optInBody(number, List.of("offers")));
        body.put("locale", "en");
        postOptIn(body, randomAddress()).expectStatus().isAccepted();

        SendRequest confirmation = awaitSendTo(number, r -> r.getTemplate() != null);
        assertThat(confirmation.getTemplate().getName()).isEqualTo(CONFIGURED_TEMPLATE)
                .isNotEqualTo("optin_confirmation");
        assertThat(confirmation.getTemplate().getLanguage()).isEqualTo("en");
        assertThat(confirmation.getCategory()).isEqualTo(MessageCategory.UTILITY);
        assertThat(confirmation.getProducer()).isEqualTo("consent-service");
        assertSignedByConsentService(confirmation);
        assertThat(confirmation.getNotAfter()).isNotNull();
    }

    @Test
    void theQuickReplyTapConfirmsAndTheExportDecryptsTheEvidence() {
        String number = randomNumber();
        String address = randomAddress();
        postOptIn(optInBody(number, List.of("offers")), address).expectStatus().isAccepted();
        SendRequest confirmation = awaitSendTo(number, r -> r.getTemplate() != null);

        publishInbound(inbound(number, null, payloadOf(confirmation)));

        OptInConfirmed confirmed = kafka.await(Topics.CONSENT_EVENTS.name(), OptInConfirmed.class,
                e -> e.getSubjectId().equals(confirmation.getSubjectId()), WAIT);
        assertThat(confirmed.getMethod()).isEqualTo(ConfirmationMethod.QUICK_REPLY);
        assertThat(awaitSnapshot(number, ConsentStatus.CONFIRMED).getPurposes()).containsExactly("offers");

        web.get().uri("/api/v1/subjects/{e164}/consent", number).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("MARKETING"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CONFIRMED")
                .jsonPath("$.purposes[0]").isEqualTo("offers");
        web.get().uri("/api/v1/subjects/{e164}/export", number).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.phoneNumber").isEqualTo(number)
                .jsonPath("$.subjectId").isEqualTo(confirmation.getSubjectId())
                .jsonPath("$.evidence[0].clientAddress").isEqualTo(address)
                .jsonPath("$.evidence[0].userAgent").isEqualTo("ConsentFlowTest/1.0")
                .jsonPath("$.evidence[0].pageUrl").isEqualTo("https://shop.example/newsletter")
                .jsonPath("$.evidence[0].noticeVersion").isEqualTo("2026-11")
                .jsonPath("$.evidence[0].consentText").isEqualTo(optInBody(number, List.of()).get("consentText"))
                .jsonPath("$.history[0].event").isEqualTo("OptInRequested")
                .jsonPath("$.history[1].event").isEqualTo("OptInConfirmed");
        web.get().uri("/api/v1/subjects/{e164}/export", number).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aTextReplyYesFromThatNumberConfirmsWhilePending() {
        String number = randomNumber();
        SendRequest confirmation = requestOptIn(number, List.of("event-updates"));
        publishInbound(inbound(number, "Ja!", null));
        OptInConfirmed confirmed = kafka.await(Topics.CONSENT_EVENTS.name(), OptInConfirmed.class,
                e -> e.getSubjectId().equals(confirmation.getSubjectId()), WAIT);
        assertThat(confirmed.getMethod()).isEqualTo(ConfirmationMethod.TEXT_REPLY);
    }

    @Test
    void theConfirmationPageNeverConfirmsOnGetAndTokensAreSingleUse() {
        String number = randomNumber();
        String token = payloadOf(requestOptIn(number, List.of("offers"))).substring("CONFIRM:".length());

        web.get().uri("/opt-ins/confirm?token={t}", token).exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("<form method=\"post\"")
                        .contains("Ja, bestätigen"));
        assertThat(subjects.byContactKey(contactKeys.of(number)).block().subject().status().name())
                .isEqualTo("PENDING");

        web.post().uri("/opt-ins/confirm").body(BodyInserters.fromFormData("token", token)).exchange()
                .expectStatus().isOk().expectBody(String.class).value(html -> assertThat(html).contains("Danke"));
        assertThat(awaitSnapshot(number, ConsentStatus.CONFIRMED)).isNotNull();
        web.post().uri("/opt-ins/confirm").body(BodyInserters.fromFormData("token", token)).exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/opt-ins/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", "guessed-token")).exchange().expectStatus().isBadRequest();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("phoneNumber", Map.of("phoneNumber", "0151 1234567")),
                Arguments.of("phoneNumber", Map.of("phoneNumber", "+49123")),
                Arguments.of("purposes", Map.of("purposes", List.of("offers", "lottery"))),
                Arguments.of("purposes", Map.of("purposes", List.of())),
                Arguments.of("noticeVersion", Map.of("noticeVersion", "")),
                Arguments.of("consentText", Map.of("consentText", "x".repeat(4001))),
                Arguments.of("locale", Map.of("locale", "xx")),
                Arguments.of("source", Map.of("source", "TELEPATHY")));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsRefusedNamingTheFieldAndNothingIsStoredOrPublished(String field, Map<String, Object> change) {
        String number = randomNumber();
        Map<String, Object> body = new HashMap<>(optInBody(number, List.of("offers")));
        body.putAll(change);
        postOptIn(body, randomAddress()).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(problem -> {
                    assertThat(problem).contains("\"field\":\"" + field + "\"");
                    assertThat(problem).doesNotContain(number.substring(1));
                });
        assertThat(subjects.byContactKey(contactKeys.of(number)).blockOptional()).isEmpty();
    }

    @Test
    void aMissingNoticeVersionIsRefused() {
        String number = randomNumber();
        Map<String, Object> body = new HashMap<>(optInBody(number, List.of("offers")));
        body.remove("noticeVersion");
        postOptIn(body, randomAddress()).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("noticeVersion");
        assertThat(subjects.byContactKey(contactKeys.of(number)).blockOptional()).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeParsing() {
        String number = randomNumber();
        Map<String, Object> body = new HashMap<>(optInBody(number, List.of("offers")));
        // 64 KB is the documented cap (platform: spring.http.codecs.max-in-memory-size): just under it the body is
        // read and the field judged, just over it nothing is parsed
        body.put("consentText", "x".repeat(64 * 1024 - 1_000));
        postOptIn(body, randomAddress()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("consentText");
        body.put("consentText", "x".repeat(64 * 1024));
        postOptIn(body, randomAddress()).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        assertThat(subjects.byContactKey(contactKeys.of(number)).blockOptional()).isEmpty();
    }

    @Test
    void confirmationRequestsAreRateLimitedPerNumber() {
        String number = randomNumber();
        for (int i = 0; i < 3; i++) {
            postOptIn(optInBody(number, List.of("offers")), randomAddress()).expectStatus().isAccepted();
        }
        postOptIn(optInBody(number, List.of("offers")), randomAddress()).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void confirmationRequestsAreRateLimitedPerClientAddress() {
        String address = randomAddress();
        for (int i = 0; i < 20; i++) {
            postOptIn(optInBody(randomNumber(), List.of("offers")), address).expectStatus().isAccepted();
        }
        String number = randomNumber();
        postOptIn(optInBody(number, List.of("offers")), address).expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isPositive());
        assertThat(subjects.byContactKey(contactKeys.of(number)).blockOptional()).isEmpty();
    }
}
