package io.consentflow.gateway.adapters.mongo;

import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.BlockReason;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageLogErased;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/** What an erasure and the expiry of unlinked claims leave of a contact in the message log, on a real broker and wire server. */
@GatewayTest
class LogErasureTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    ConsentTable consents;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    SubjectLogEraser eraser;

    @Test
    void theEndOfOnePurposeErasesThatPurposesRecordsOnlyAndNamesItInTheReceipt() {
        String subject = UUID.randomUUID().toString();
        String number = consenting(subject, "offers", "event-updates");
        SendRequest offer = marketing(number).build();
        SendRequest event = marketing(number).setPurpose("event-updates").build();
        sendAndAwait(offer, MessageSent.class);
        sendAndAwait(event, MessageSent.class);

        MessageLogErased receipt = erase(subject, "event-updates");

        assertThat(receipt.getPurpose()).isEqualTo("event-updates");
        assertThat(receipt.getMessagesErased()).isEqualTo(1);
        assertThat(claimExists(event.getRequestId())).isFalse();
        assertThat(outcomeExists(event.getRequestId())).isFalse();
        assertThat(claimExists(offer.getRequestId())).as("the other purpose's record stays").isTrue();
        assertThat(outcomeExists(offer.getRequestId())).isTrue();
    }

    @Test
    void aSubjectsErasureTakesTheClaimsOfItsNumberFromBeforeItsConsentAlong() {
        String number = randomNumber();
        SendRequest beforeOptIn = marketing(number).build();
        assertThat(((MessageBlocked) sendAndAwait(beforeOptIn, MessageBlocked.class)).getReason())
                .isEqualTo(BlockReason.NO_CONSENT);
        Document unlinked = claim(beforeOptIn.getRequestId());
        assertThat(unlinked.get("subjectId")).isNull();
        assertThat(unlinked.get("contactKey")).isEqualTo(Fixtures.KEYS.of(number));
        String subject = UUID.randomUUID().toString();
        publishConsent(number, subject, "offers");
        SendRequest afterOptIn = marketing(number).build();
        sendAndAwait(afterOptIn, MessageSent.class);
        String stranger = randomNumber();
        SendRequest otherNumber = marketing(stranger).build();
        sendAndAwait(otherNumber, MessageBlocked.class);

        MessageLogErased receipt = erase(subject, null);

        assertThat(receipt.getPurpose()).isNull();
        assertThat(receipt.getMessagesErased()).isEqualTo(2);
        assertThat(claimExists(beforeOptIn.getRequestId())).isFalse();
        assertThat(outcomeExists(beforeOptIn.getRequestId())).isFalse();
        assertThat(claimExists(afterOptIn.getRequestId())).isFalse();
        assertThat(exists(LogCollections.CALLS, afterOptIn.getRequestId())).as("the record of its call").isFalse();
        assertThat(claimExists(otherNumber.getRequestId())).as("another number's unlinked claim").isTrue();
        assertThat(exists(LogCollections.CALLS, otherNumber.getRequestId())).isTrue();
    }

    @Test
    void claimsWithoutASubjectExpireAfterTheirPeriodAndLinkedOnesStay() {
        SendRequest unlinked = marketing(randomNumber()).build();
        sendAndAwait(unlinked, MessageBlocked.class);
        String subject = UUID.randomUUID().toString();
        SendRequest linked = marketing(consenting(subject, "offers")).build();
        sendAndAwait(linked, MessageSent.class);

        Clock now = Clock.systemUTC();
        new UnlinkedClaimsExpiry(eraser, now, Duration.ofDays(7), Duration.ofHours(1)).expire().block(WAIT);
        assertThat(claimExists(unlinked.getRequestId())).as("not yet due").isTrue();

        Clock eightDaysOn = Clock.offset(now, Duration.ofDays(8));
        new UnlinkedClaimsExpiry(eraser, eightDaysOn, Duration.ofDays(7), Duration.ofHours(1)).expire().block(WAIT);
        assertThat(claimExists(unlinked.getRequestId())).isFalse();
        assertThat(outcomeExists(unlinked.getRequestId())).isFalse();
        assertThat(claimExists(linked.getRequestId())).as("a subject's claim waits for its deadline").isTrue();
    }

    @Test
    void anUnlinkedClaimMayNotExpireBeforeTheLastCopyOfItsRequestLeftTheTopic() {
        assertThatThrownBy(() -> new UnlinkedClaimsExpiry(eraser, Clock.systemUTC(), Duration.ofDays(3),
                Duration.ofHours(1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("PT73H6M");
    }

    private String consenting(String subject, String... purposes) {
        String number = randomNumber();
        publishConsent(number, subject, purposes);
        return number;
    }

    private void publishConsent(String number, String subject, String... purposes) {
        kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number),
                snapshot(number, subject, ConsentStatus.CONFIRMED, List.of(purposes)));
        await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) != null
                && subject.equals(consents.get(Fixtures.KEYS.of(number)).subjectId()));
    }

    private SpecificRecord sendAndAwait(SendRequest request, Class<? extends SpecificRecord> outcome) {
        kafka.publish(Topics.SEND_REQUESTS.name(), request.getTo(), request);
        return kafka.awaitRecords(Topics.MESSAGE_EVENTS.name(), r -> outcome.isInstance(r.value())
                && request.getRequestId().equals(r.value().get(r.value().getSchema().getField("requestId").pos())),
                1, WAIT).get(0).value();
    }

    private MessageLogErased erase(String subject, String purpose) {
        String erasureId = UUID.randomUUID().toString();
        kafka.publish(Topics.RETENTION_COMMANDS.name(), subject, ErasureRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setProducer("retention-service")
                .setErasureId(erasureId).setSubjectId(subject).setScope(ErasureScope.SUBJECT)
                .setReason(purpose == null ? ErasureReason.SUBJECT_REQUEST : ErasureReason.PURPOSE_ENDED)
                .setDueAt(Instant.now()).setRequiredReceipts(List.of("SubjectErased", "MessageLogErased"))
                .setPurpose(purpose).build());
        return kafka.await(Topics.MESSAGE_EVENTS.name(), MessageLogErased.class,
                r -> erasureId.equals(r.getErasureId()), WAIT);
    }

    private Document claim(String requestId) {
        return mongo.getCollection(LogCollections.CLAIMS)
                .flatMap(c -> Mono.from(c.find(new Document("_id", requestId)).first())).block(WAIT);
    }

    private boolean claimExists(String requestId) {
        return claim(requestId) != null;
    }

    private boolean outcomeExists(String requestId) {
        return exists(LogCollections.OUTCOMES, requestId);
    }

    private boolean exists(String collection, String requestId) {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.countDocuments(new Document("_id", requestId)))).block(WAIT) > 0;
    }
}
