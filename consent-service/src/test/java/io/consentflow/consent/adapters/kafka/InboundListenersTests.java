package io.consentflow.consent.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.StopReceived;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * The listeners take a poll: each consumer's IdempotentConsumer remembers the eventIds it applied (the first line;
 * the subject documents' eventIds are the second), and a record that can never be read goes to the topic's DLT while
 * the records around it are applied.
 */
class InboundListenersTests extends IntegrationTestSupport {

    @Autowired
    MongoCollections collections;

    @Test
    void appliedEventsAreRememberedByTheirConsumerOnce() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        InboundMessage stop = inbound(number, "STOP", null);

        publishInbound(stop);
        publishInbound(stop); // a redelivery: same eventId
        awaitSnapshot(number, ConsentStatus.STOPPED);

        await().atMost(WAIT).until(() -> remembered("processed_whatsapp_inbound", stop.getEventId()) == 1);
        assertThat(allOf(Topics.CONSENT_EVENTS.name(), StopReceived.class, e -> e.getSubjectId().equals(subjectId)))
                .as("withdrawn once").hasSize(1);

        MessageFailed failed = MessageFailed.newBuilder().setEventId(Events.newEventId()).setOccurredAt(Instant.now())
                .setProducer("messaging-gateway").setRequestId("campaign-1").setSubjectId(subjectId).setWamid(null)
                .setErrorCode(131026).setErrorTitle("undeliverable").setRetryable(false).build();
        kafka.publish(Topics.MESSAGE_EVENTS.name(), subjectId, failed);
        await().atMost(WAIT).until(() -> remembered("processed_message_failures", failed.getEventId()) == 1);
        assertThat(remembered("processed_whatsapp_inbound", failed.getEventId())).as("one store per consumer")
                .isZero();
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndTheOthersAreApplied() {
        String before = randomNumber();
        String after = randomNumber();
        confirmedSubject(before, List.of("offers"));
        confirmedSubject(after, List.of("offers"));
        String key = contactKeys.of(before); // one partition: the poison record between the two
        byte[] poison = ("not an event " + Events.newEventId()).getBytes(StandardCharsets.UTF_8);

        kafka.publish(Topics.WHATSAPP_INBOUND.name(), key, inbound(before, "STOP", null));
        kafka.publishRaw(Topics.WHATSAPP_INBOUND.name(), key, poison);
        kafka.publish(Topics.WHATSAPP_INBOUND.name(), key, inbound(after, "STOP", null));

        awaitSnapshot(before, ConsentStatus.STOPPED);
        awaitSnapshot(after, ConsentStatus.STOPPED);
        await().atMost(WAIT).until(() -> kafka.readAllRaw(Topics.WHATSAPP_INBOUND.name() + Topics.DLT_SUFFIX, WAIT)
                .stream().anyMatch(record -> java.util.Arrays.equals(record.value(), poison)
                        && record.headers().lastHeader("kafka_dlt-exception-fqcn") != null));
    }

    private long remembered(String collection, String eventId) {
        return Mono.from(collections.named(collection).countDocuments(Filters.eq("_id", eventId))).block();
    }
}
