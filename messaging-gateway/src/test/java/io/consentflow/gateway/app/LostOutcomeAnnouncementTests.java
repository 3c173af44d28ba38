package io.consentflow.gateway.app;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.gateway.support.StubCloudApi;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An outcome stored by another writer while the call was in flight (a status webhook, on an instance that may die
 * before it publishes) wins over the pipeline's own, and the pipeline announces the stored one: otherwise, once the
 * batch's offsets are committed, nothing would ever announce it (the chaos suite saw "outcome stored (SENT), not
 * announced" after gateway kills).
 */
@GatewayTest
class LostOutcomeAnnouncementTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    ConsentTable consents;
    @Autowired
    MongoMessageLog log;

    @Test
    void anOutcomeStoredFirstByAnotherWriterIsAnnouncedByThePipelineWithItsOwnEventId() {
        String number = Fixtures.consentedToOffers(kafka, consents, WAIT);
        // answered after 1 s, within the tests' 1.5 s response timeout: the call succeeds and its outcome loses
        STUB.script(digits(number), StubCloudApi.slow(1_000));
        SendRequest request = marketing(number).build();
        kafka.publish(Topics.SEND_REQUESTS.name(), number, request);
        await().atMost(WAIT).until(() -> "CALLING".equals(MongoMessageLog.state(
                log.find(request.getRequestId()).blockOptional(WAIT).orElse(null))));

        // what a status webhook's settlement stores during the call, on an instance that dies before publishing
        SendOutcome.Sent stored = new SendOutcome.Sent(UUID.randomUUID().toString(), Instant.now(),
                "wamid.settled-" + UUID.randomUUID());
        assertThat(log.outcomes(List.of(new MessageLog.Decided(request.getRequestId(), stored))).block(WAIT))
                .containsExactly(request.getRequestId());

        MessageSent announced = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                sent -> sent.getRequestId().equals(request.getRequestId()), WAIT);
        assertThat(announced.getEventId()).isEqualTo(stored.eventId());
        assertThat(announced.getWamid()).isEqualTo(stored.wamid());
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
    }
}
