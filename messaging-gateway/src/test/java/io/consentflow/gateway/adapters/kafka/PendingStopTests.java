package io.consentflow.gateway.adapters.kafka;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.BlockReason;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.gateway.support.StubCloudApi;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A STOP blocks from the moment the gateway reads it on whatsapp-inbound, before consent-service's snapshot says so,
 * and stops counting once a snapshot made after it arrives. Real broker; consent-service's part is played by
 * publishing its snapshots (or not).
 */
@GatewayTest
class PendingStopTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    ConsentTable snapshots;
    @Autowired
    ConsentLookup consents;
    @Autowired
    MeterRegistry meters;

    @Test
    void aStopBlocksBeforeConsentServiceAnswersAndANewOptInAfterItCounts() {
        String subject = UUID.randomUUID().toString();
        String number = consented(subject, Instant.now().minusSeconds(60));
        Instant stopAt = inbound(number, "text", "Bitte abmelden!", null);
        await().atMost(WAIT).until(() -> consents.facts(key(number)).status()
                == io.consentflow.gateway.domain.ConsentStatus.STOPPED);

        SendRequest blocked = marketing(number).build();
        send(blocked);
        assertThat(((MessageBlocked) awaitEvent(MessageBlocked.class, blocked.getRequestId())).getReason())
                .isEqualTo(BlockReason.STOPPED);

        // a snapshot consent-service made before it read the STOP does not lift it
        publishSnapshot(number, subject, ConsentStatus.CONFIRMED, stopAt.minusMillis(500));
        await().atMost(WAIT).until(() -> snapshots.get(key(number)).since()
                == stopAt.minusMillis(500).toEpochMilli() / 1000 * 1000);
        assertThat(consents.facts(key(number)).status()).isEqualTo(io.consentflow.gateway.domain.ConsentStatus.STOPPED);

        // a confirmed double opt-in made after the STOP does
        publishSnapshot(number, subject, ConsentStatus.CONFIRMED, stopAt.plusSeconds(5));
        await().atMost(WAIT).until(() -> consents.facts(key(number)).status()
                == io.consentflow.gateway.domain.ConsentStatus.CONFIRMED);
        SendRequest allowed = marketing(number).build();
        send(allowed);
        awaitEvent(MessageSent.class, allowed.getRequestId());
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
    }

    /** What the STOP-to-gate latency alert reads: one observation per STOP read after the view caught up. */
    @Test
    void eachStopIsTimedFromTheGatewayReadingItToTheGateKnowingIt() {
        var timer = meters.timer(ConsentView.STOP_TO_GATE);
        long before = timer.count();
        String number = consented(UUID.randomUUID().toString(), Instant.now().minusSeconds(60));
        inbound(number, "text", "STOP", null);
        await().atMost(WAIT).until(() -> consents.facts(key(number)).status()
                == io.consentflow.gateway.domain.ConsentStatus.STOPPED);
        assertThat(timer.count()).isGreaterThan(before);
        assertThat(timer.max(java.util.concurrent.TimeUnit.SECONDS)).isLessThan(WAIT.toSeconds());
        // and the consent view reports how far it is behind consent-state (0 once it applied everything)
        await().atMost(WAIT).until(() -> meters.get(TopicFollower.LAG).tag("topic", Topics.CONSENT_STATE.name())
                .gauge().value() == 0);
    }

    @Test
    void theStopPromotionsButtonBlocksMarketingAtOnce() {
        String number = consented(UUID.randomUUID().toString(), Instant.now().minusSeconds(60));
        inbound(number, "button", null, "Stop promotions");
        await().atMost(WAIT).until(() -> consents.facts(key(number)).marketingStoppedAtMeta());

        SendRequest request = marketing(number).build();
        send(request);
        assertThat(((MessageBlocked) awaitEvent(MessageBlocked.class, request.getRequestId())).getReason())
                .isEqualTo(BlockReason.MARKETING_STOPPED_AT_META);
        assertThat(STUB.callsTo(digits(number))).isZero();
    }

    @Test
    void metaRefusingMarketingWith131050RefusesTheNextMarketingMessageAtOnce() {
        String number = consented(UUID.randomUUID().toString(), Instant.now().minusSeconds(60));
        STUB.script(digits(number), StubCloudApi.error(400, 131050, "User has stopped marketing messages"));
        SendRequest refused = marketing(number).build();
        send(refused);
        assertThat(((MessageFailed) awaitEvent(MessageFailed.class, refused.getRequestId())).getErrorCode())
                .isEqualTo(131050);

        SendRequest next = marketing(number).build();
        send(next);
        assertThat(((MessageBlocked) awaitEvent(MessageBlocked.class, next.getRequestId())).getReason())
                .isEqualTo(BlockReason.MARKETING_STOPPED_AT_META);
        assertThat(STUB.callsTo(digits(number))).isOne();
    }

    @Test
    void aMessageWaitingItsTurnForTheRecipientIsJudgedAgainAfterTheWait() {
        String number = consented(UUID.randomUUID().toString(), Instant.now().minusSeconds(60));
        double judged = meters.timer("consentflow.gateway.gate.latency").count();
        SendRequest first = marketing(number).build();
        SendRequest paced = marketing(number).build();
        send(first);
        send(paced);
        awaitEvent(MessageSent.class, first.getRequestId());
        // both passed the gate; the second now waits about 6 s for its turn (one message per 6 s per recipient)
        await().atMost(WAIT).until(() -> meters.timer("consentflow.gateway.gate.latency").count() >= judged + 2);
        inbound(number, "text", "STOP", null);

        assertThat(((MessageBlocked) awaitEvent(MessageBlocked.class, paced.getRequestId())).getReason())
                .isEqualTo(BlockReason.STOPPED);
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
    }

    private static String key(String number) {
        return Fixtures.KEYS.of(number);
    }

    private String consented(String subject, Instant at) {
        String number = randomNumber();
        publishSnapshot(number, subject, ConsentStatus.CONFIRMED, at);
        await().atMost(WAIT).until(() -> snapshots.get(key(number)) != null);
        return number;
    }

    private void publishSnapshot(String number, String subject, ConsentStatus status, Instant at) {
        ConsentSnapshot snapshot = snapshot(number, subject, status, List.of("offers"));
        snapshot.setOccurredAt(at);
        kafka.publish(Topics.CONSENT_STATE.name(), key(number), snapshot);
    }

    private Instant inbound(String number, String type, String text, String buttonTitle) {
        Instant now = Instant.now();
        kafka.publish(Topics.WHATSAPP_INBOUND.name(), key(number), InboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setProducer("messaging-gateway")
                .setWamid("wamid." + UUID.randomUUID()).setFrom(digits(number)).setContactKey(key(number))
                .setType(type).setText(text).setButtonPayload(buttonTitle == null ? null : "STOP_PROMOTIONS")
                .setButtonTitle(buttonTitle).setReceivedAt(now).setPhoneNumberId("106540352242922").build());
        return now;
    }

    private void send(SendRequest request) {
        kafka.publish(Topics.SEND_REQUESTS.name(), request.getTo(), request);
    }

    private SpecificRecord awaitEvent(Class<? extends SpecificRecord> type, String requestId) {
        return kafka.awaitRecords(Topics.MESSAGE_EVENTS.name(), r -> type.isInstance(r.value())
                && requestId.equals(r.value().get(r.value().getSchema().getField("requestId").pos())), 1, WAIT)
                .get(0).value();
    }
}
