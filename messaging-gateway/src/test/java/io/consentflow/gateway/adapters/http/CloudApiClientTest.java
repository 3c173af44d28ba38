package io.consentflow.gateway.adapters.http;

import static io.consentflow.gateway.support.StubCloudApi.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import io.consentflow.gateway.app.AttemptGuard;
import io.consentflow.gateway.app.CallResult;
import io.consentflow.gateway.app.SendRequests;
import io.consentflow.gateway.config.GatewayProperties;
import io.consentflow.gateway.support.SpecSchemas;
import io.consentflow.gateway.support.StubCloudApi;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Every Cloud API error-code path, against a stub answering like Meta over real HTTP. */
class CloudApiClientTest {

    static {
        new io.consentflow.schemas.AvroEventDeserializer(); // trusts the generated event classes (Avro 1.12)
    }

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final StubCloudApi STUB = new StubCloudApi();

    @AfterAll
    static void stop() {
        STUB.close();
    }

    static GatewayProperties properties(String baseUrl, int breakerWindow, Duration timeout) {
        return new GatewayProperties("pepper",
                new GatewayProperties.WhatsApp(baseUrl, "v23.0", "100000000000001", "100000000000002", "test-token",
                        "secret", "",
                        "verify", timeout, DataSize.ofMegabytes(3)),
                new GatewayProperties.Send(1000, Duration.ofSeconds(6), 64, 1,
                        new GatewayProperties.Retry(4, Duration.ofMillis(10), Duration.ofMillis(50)),
                        new GatewayProperties.CircuitBreaker(50, breakerWindow, Duration.ofSeconds(30)),
                        new GatewayProperties.Settle(Duration.ofMinutes(10), Duration.ofSeconds(5)),
                        new GatewayProperties.Resume(Duration.ofMinutes(1), Duration.ofSeconds(30))),
                new GatewayProperties.Gate(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 3, Duration.ofDays(7),
                        Duration.ofHours(24)),
                new GatewayProperties.ConsentView(16), new GatewayProperties.Web(1),
                new GatewayProperties.Signing("a-consent-service-key-of-32-bytes!!", java.util.Map.of()),
                new GatewayProperties.Templates(Duration.ofMinutes(5)));
    }

    private static CloudApiClient client(String baseUrl, int breakerWindow) {
        return new CloudApiClient(properties(baseUrl, breakerWindow, Duration.ofMillis(800)),
                JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    private final CloudApiClient client = client(STUB.baseUrl(), 1000);

    static String randomDigits() {
        return "49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    static SendRequest template(String digits, MessageCategory category) {
        var parameter = TemplateParameter.newBuilder().setType("text").setValue("Anna").build();
        var button = TemplateParameter.newBuilder().setType("payload").setValue("CONFIRM").build();
        var template = TemplateMessage.newBuilder().setName("offer").setLanguage("de").setComponents(List.of(
                TemplateComponent.newBuilder().setType("body").setParameters(List.of(parameter)).build(),
                TemplateComponent.newBuilder().setType("button").setSubType("quick_reply").setIndex(0)
                        .setParameters(List.of(button)).build())).build();
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(NOW)
                .setProducer("test").setRequestId(UUID.randomUUID().toString()).setTo("+" + digits)
                .setCategory(category).setPurpose("offers").setTemplate(template).build();
    }

    private CallResult send(SendRequest request) {
        return send(client, request, AttemptGuard.ALWAYS);
    }

    private static CallResult send(CloudApiClient client, SendRequest request, AttemptGuard guard) {
        return client.send(SendRequests.message(request), request.getCategory() == MessageCategory.MARKETING, guard)
                .block(Duration.ofSeconds(20));
    }

    @Test
    void acceptedMessageYieldsTheWamidAndUsesBearerTokenAndMessagesPath() {
        String to = randomDigits();
        SendRequest request = template(to, MessageCategory.UTILITY);
        CallResult result = send(request);
        assertThat(result.accepted()).isTrue();
        assertThat(result.wamid()).startsWith("wamid.");
        var call = STUB.calls().stream().filter(c -> c.to().equals(to)).findFirst().orElseThrow();
        assertThat(call.path()).isEqualTo("/v23.0/100000000000001/messages");
        assertThat(call.authorization()).isEqualTo("Bearer test-token");
        // Meta echoes it in the message's status webhooks: what settles a request whose answer was lost
        assertThat(call.body().path("biz_opaque_callback_data").asString()).isEqualTo(request.getRequestId());
    }

    @Test
    void marketingTemplatesGoToMarketingMessages() {
        String to = randomDigits();
        assertThat(send(template(to, MessageCategory.MARKETING)).accepted()).isTrue();
        var call = STUB.calls().stream().filter(c -> c.to().equals(to)).findFirst().orElseThrow();
        assertThat(call.path()).isEqualTo("/v23.0/100000000000001/marketing_messages");
        assertThat(SpecSchemas.errors("MarketingMessageRequestPayload", call.body())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {131026, 131047, 131050, 100})
    void permanentErrorsAreNotRetried(int code) {
        String to = randomDigits();
        STUB.script(to, error(400, code, "permanent"));
        CallResult result = send(template(to, MessageCategory.UTILITY));
        assertThat(result.accepted()).isFalse();
        assertThat(result.errorCode()).isEqualTo(code);
        assertThat(result.retryable()).isFalse();
        assertThat(result.ambiguous()).isFalse();
        assertThat(STUB.callsTo(to)).isEqualTo(1);
    }

    @Test
    void deferredMarketingMessageIsNotRetriedAndCarriesDeferredUntil() {
        String to = randomDigits();
        STUB.script(to, error(400, 131049, "ecosystem"));
        CallResult result = send(template(to, MessageCategory.MARKETING));
        assertThat(result.errorCode()).isEqualTo(131049);
        assertThat(result.deferredUntil()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(STUB.callsTo(to)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {130429, 131056})
    void throttlingIsRetriedWithBackOff(int code) {
        String to = randomDigits();
        STUB.script(to, error(429, code, "throttled"), error(429, code, "throttled"));
        CallResult result = send(template(to, MessageCategory.UTILITY));
        assertThat(result.accepted()).isTrue();
        assertThat(STUB.callsTo(to)).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void aServerErrorIsAmbiguousAndNeverRetriedForMetaMayHaveAcceptedTheMessage(int status) {
        String to = randomDigits();
        STUB.script(to, error(status, 131000, "something went wrong"));
        CallResult result = send(template(to, MessageCategory.UTILITY));
        assertThat(result.accepted()).isFalse();
        assertThat(result.ambiguous()).isTrue();
        assertThat(result.retryable()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(STUB.callsTo(to)).isEqualTo(1);
    }

    @Test
    void theGuardIsAskedRightBeforeEveryAttemptAndItsRefusalEndsTheRetries() {
        String to = randomDigits();
        STUB.script(to, error(429, 130429, "throttled"), error(429, 130429, "throttled"));
        List<Integer> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        CallResult result = send(client, template(to, MessageCategory.UTILITY), attempt -> {
            asked.add(attempt);
            return reactor.core.publisher.Mono.just(attempt < 2); // a STOP arrived during the back-off
        });
        assertThat(asked).containsExactly(1, 2);
        assertThat(result.refusedBeforeLeaving()).isTrue();
        assertThat(result.accepted()).isFalse();
        assertThat(STUB.callsTo(to)).isEqualTo(1);
    }

    @Test
    void aTimeoutAfterTheRequestLeftIsAmbiguousAndNotRetried() {
        String to = randomDigits();
        STUB.script(to, StubCloudApi.slow(2_000));
        CallResult result = send(template(to, MessageCategory.UTILITY));
        assertThat(result.ambiguous()).isTrue();
        assertThat(result.accepted()).isFalse();
        assertThat(STUB.callsTo(to)).isEqualTo(1);
    }

    @Test
    void noConnectionMeansNotSentAndRetryable() {
        var unreachable = client("http://127.0.0.1:1", 1000);
        CallResult result = send(unreachable, template(randomDigits(), MessageCategory.UTILITY),
                AttemptGuard.ALWAYS);
        assertThat(result.errorCode()).isEqualTo(CallResult.NOT_SENT);
        assertThat(result.retryable()).isTrue();
        assertThat(result.ambiguous()).isFalse();
    }

    @Test
    void circuitBreakerOpensOnServerErrorsAndThenStopsCallingMeta() {
        try (var failing = new StubCloudApi()) {
            var guarded = client(failing.baseUrl(), 10);
            // a 5xx is not retried, so each send is one call: the window's minimum of ten calls
            for (int i = 0; i < 10; i++) {
                String to = randomDigits();
                failing.script(to, error(500, 2, "internal"));
                send(guarded, template(to, MessageCategory.UTILITY), AttemptGuard.ALWAYS);
            }
            assertThat(guarded.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
            int before = failing.totalCalls();
            CallResult result = send(guarded, template(randomDigits(), MessageCategory.UTILITY),
                    AttemptGuard.ALWAYS);
            assertThat(failing.totalCalls()).isEqualTo(before);
            assertThat(result.errorCode()).isEqualTo(CallResult.NOT_SENT);
            assertThat(result.retryable()).isTrue();
        }
    }

    @Test
    void errorTitlesLoseDigitRuns() {
        assertThat(CallResult.redact("Recipient +49 151 1234567 is not on WhatsApp")).doesNotContain("1234567");
    }
}
