package io.consentflow.gateway.app;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageIntent;
import io.consentflow.gateway.adapters.web.WebhookTests;
import io.consentflow.gateway.domain.WebhookSignature;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every inbound message is read once, where it enters: its intent, language and recogniser go on, not its text. */
@GatewayTest
class InboundReadingTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    WebTestClient web;
    @Autowired
    MeterRegistry meters;

    @Test
    void aWithdrawalInWordsIsPublishedAsItsIntentAndCounted() {
        double before = count("STOP", "de");
        InboundMessage withdrawal = deliver("Ich widerrufe meine Einwilligung");
        assertThat(withdrawal.getIntent()).isEqualTo(MessageIntent.STOP);
        assertThat(withdrawal.getLanguage()).isEqualTo("de");
        assertThat(withdrawal.getText()).isNull();
        assertThat(count("STOP", "de")).isEqualTo(before + 1);
    }

    @Test
    void anErasureRequestAnUnclearQuestionAndAnOrdinaryMessageAreToldApart() {
        assertThat(deliver("Löschen Sie bitte meine Nummer").getIntent()).isEqualTo(MessageIntent.ERASE);
        assertThat(deliver("wie melde ich mich ab?").getIntent()).isEqualTo(MessageIntent.UNCERTAIN);
        InboundMessage ordinary = deliver("Wann öffnet ihr morgen?");
        assertThat(ordinary.getIntent()).isEqualTo(MessageIntent.NONE);
        assertThat(ordinary.getText()).isNull();
    }

    private InboundMessage deliver(String text) {
        String wamid = "wamid." + UUID.randomUUID();
        String body = WebhookTests.textMessage(digits(randomNumber()), wamid, "text", text);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        web.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", WebhookSignature.sign(WebhookTests.SECRET, bytes)).bodyValue(bytes)
                .exchange().expectStatus().isOk();
        return kafka.await(Topics.WHATSAPP_INBOUND.name(), InboundMessage.class, m -> m.getWamid().equals(wamid),
                WAIT);
    }

    private double count(String intent, String language) {
        Counter counter = meters.find(InboundClassifier.METRIC).tag("intent", intent).tag("language", language)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
