package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.audit.app.ContactSalts;
import io.consentflow.audit.app.UnlinkedSaltExpiry;
import io.consentflow.audit.domain.PersonalDataScrubber;
import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.OptInExpired;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.Events;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/**
 * After an erasure the audit log can no longer be matched against the number, by anyone: the entries of the
 * contact were digested under its own salt, which the erasure shreds; the entries and the chains stay as they were.
 */
class ContactSaltShreddingTests extends AuditIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private final String number = "+49151" + (10_000_000 + new java.util.Random().nextInt(89_999_999));

    @Autowired
    PersonalDataScrubber scrubber;
    @Autowired
    com.mongodb.reactivestreams.client.MongoClient client;
    @Autowired
    ContactSalts contactSalts;

    @Test
    void anErasureShredsTheContactsSaltSoItsEntriesNoLongerMatchTheNumberAndTheChainsStillVerify() throws Exception {
        String subjectId = UUID.randomUUID().toString();
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "send-requests", number, TestEvents.sendRequest(subjectId, number, "Hallo"));
        publish(eventIds, "whatsapp-inbound", "ck", TestEvents.inbound(number.substring(1), "JA"));
        List<Document> entries = awaitEntries(eventIds);
        String lookup = scrubber.saltLookup(number);
        Document salt = salts().filter(d -> lookup.equals(d.getString("_id"))).blockFirst(WAIT);
        assertThat(salt).as("the contact's salt").isNotNull();
        assertThat(salt.getList("subjectIds", String.class)).containsExactly(subjectId);

        // while the salt exists, whoever holds it can match the entries against the number (the control)
        byte[] key = Base64.getDecoder().decode(salt.getString("salt"));
        String expected = PersonalDataScrubber.CONTACT_DIGEST_PREFIX + hmac(key, number);
        Document sendRequest = entries.stream().filter(d -> "SendRequest".equals(d.getString("type"))).findFirst()
                .orElseThrow();
        assertThat(sendRequest.get("payload", Document.class).getString("to")).isEqualTo(expected)
                .isNotEqualTo(scrubber.digest(number));
        Document inbound = entries.stream().filter(d -> "InboundMessage".equals(d.getString("type"))).findFirst()
                .orElseThrow();
        assertThat(inbound.get("payload", Document.class).getString("from"))
                .isEqualTo(PersonalDataScrubber.CONTACT_DIGEST_PREFIX + hmac(key, number.substring(1)));
        List<String> hashesBefore = entries.stream().map(d -> d.getString("hash")).sorted().toList();

        kafka.publish("retention-commands", subjectId, ErasureRequested.newBuilder().setEventId(Events.newEventId())
                .setOccurredAt(Instant.now()).setProducer("retention-service").setErasureId("e-" + subjectId)
                .setSubjectId(subjectId).setScope(ErasureScope.SUBJECT).setReason(ErasureReason.SUBJECT_REQUEST)
                .setDueAt(Instant.now()).setRequiredReceipts(List.of("SubjectErased")).build());

        await().atMost(WAIT).until(() -> salts().filter(d -> lookup.equals(d.getString("_id"))).collectList()
                .block(WAIT).isEmpty());
        List<Document> after = entriesWithEventIds(eventIds);
        assertThat(after.stream().map(d -> d.getString("hash")).sorted().toList()).isEqualTo(hashesBefore);
        for (Document entry : after) {
            assertThat(entry.toJson()).doesNotContain(number.substring(1)).doesNotContain(scrubber.digest(number))
                    .doesNotContain(scrubber.digest(number.substring(1)));
        }
        get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);

        // a replay of the subject's records after the erasure gets a new salt, never linked to the erased subject,
        // so the policy for unlinked salts shreds it
        List<String> replayed = new ArrayList<>();
        publish(replayed, "send-requests", number, TestEvents.sendRequest(subjectId, number, "Hallo"));
        awaitEntries(replayed);
        Document renewed = salt(lookup);
        assertThat(renewed).as("a new salt for the replayed record").isNotNull();
        assertThat(renewed.getString("salt")).isNotEqualTo(salt.getString("salt"));
        assertThat(renewed.getList("subjectIds", String.class)).as("not linked to the erased subject").isEmpty();
    }

    @Test
    void theEndOfOnePurposeShredsNothing() {
        String subjectId = UUID.randomUUID().toString();
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "send-requests", number, TestEvents.sendRequest(subjectId, number, "Hallo"));
        awaitEntries(eventIds);
        ErasureRequested purposeEnd = ErasureRequested.newBuilder().setEventId(Events.newEventId())
                .setOccurredAt(Instant.now()).setProducer("retention-service").setErasureId("p-" + subjectId)
                .setSubjectId(subjectId).setScope(ErasureScope.SUBJECT).setReason(ErasureReason.PURPOSE_ENDED)
                .setDueAt(Instant.now()).setRequiredReceipts(List.of("SubjectErased")).setPurpose("event-updates")
                .build();
        publish(eventIds, "retention-commands", subjectId, purposeEnd);
        awaitEntries(eventIds);
        String lookup = scrubber.saltLookup(number);
        assertThat(salts().filter(d -> lookup.equals(d.getString("_id"))).collectList().block(WAIT)).hasSize(1);
    }

    @Test
    void saltsOfContactsNoSubjectNamedAreShreddedByPolicyOnceOldAndTheChainsStillVerify() {
        String unlinkedNumber = number;
        String linkedNumber = "+49152" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "send-requests", unlinkedNumber, TestEvents.sendRequest(null, unlinkedNumber, "Hallo"));
        publish(eventIds, "whatsapp-inbound", "ck", TestEvents.inbound(unlinkedNumber.substring(1), "STOP"));
        publish(eventIds, "send-requests", linkedNumber,
                TestEvents.sendRequest(UUID.randomUUID().toString(), linkedNumber, "Hallo"));
        List<String> hashesBefore = awaitEntries(eventIds).stream().map(d -> d.getString("hash")).sorted().toList();
        String unlinked = scrubber.saltLookup(unlinkedNumber);
        String linked = scrubber.saltLookup(linkedNumber);
        assertThat(salt(unlinked).getList("subjectIds", String.class)).as("no subject named the number").isEmpty();
        assertThat(salt(linked)).isNotNull();

        // a poll that names no subject at all (the number's lookup alone) gets its salt too
        String alone = scrubber.saltLookup("+49153" + (10_000_000 + new java.util.Random().nextInt(89_999_999)));
        assertThat(contactSalts.saltsFor(java.util.Collections.singletonMap(alone, null)).block(WAIT))
                .containsOnlyKeys(alone);

        Instant now = Instant.now();
        expiryAt(now).expire().block(WAIT);
        assertThat(salt(unlinked)).as("not yet due").isNotNull();

        assertThat(expiryAt(now.plus(Duration.ofDays(7)).plusSeconds(60)).expire().block(WAIT)).isPositive();
        assertThat(salt(unlinked)).as("shredded by policy").isNull();
        assertThat(salt(linked)).as("a subject's contact waits for the subject's erasure").isNotNull();
        assertThat(entriesWithEventIds(eventIds).stream().map(d -> d.getString("hash")).sorted().toList())
                .isEqualTo(hashesBefore);
        get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    @Test
    void anOptInExpiryThatErasedItsSubjectShredsTheSalt() {
        String subjectId = UUID.randomUUID().toString();
        OptInExpired.Builder expired = OptInExpired.newBuilder().setOccurredAt(Instant.now())
                .setProducer("consent-service").setSubjectId(subjectId).setOptInId(UUID.randomUUID().toString());
        assertShreddedOnlyBySecond(subjectId, expired.setEventId(Events.newEventId()).setSubjectErased(false).build(),
                expired.setEventId(Events.newEventId()).setSubjectErased(true).build());
    }

    @Test
    void aPendingOptInErasureThatRemovedTheSubjectShredsTheSalt() {
        String subjectId = UUID.randomUUID().toString();
        SubjectErased.Builder erased = SubjectErased.newBuilder().setOccurredAt(Instant.now())
                .setProducer("consent-service").setSubjectId(subjectId).setErasureId(UUID.randomUUID().toString())
                .setScope(ErasureScope.PENDING_OPT_IN);
        assertShreddedOnlyBySecond(subjectId, erased.setEventId(Events.newEventId()).setSubjectRemoved(false).build(),
                erased.setEventId(Events.newEventId()).setSubjectRemoved(true).build());
    }

    /** The first event keeps the subject's salt (a consent history remains), the second shreds it. */
    private void assertShreddedOnlyBySecond(String subjectId, SpecificRecord keeps, SpecificRecord shreds) {
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "send-requests", number, TestEvents.sendRequest(subjectId, number, "Bitte bestätigen"));
        publish(eventIds, "consent-events", subjectId, keeps);
        awaitEntries(eventIds);
        String lookup = scrubber.saltLookup(number);
        assertThat(salt(lookup)).as("kept while a consent history remains").isNotNull();

        publish(eventIds, "consent-events", subjectId, shreds);
        await().atMost(WAIT).until(() -> salt(lookup) == null);
        awaitEntries(eventIds);
        get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    private UnlinkedSaltExpiry expiryAt(Instant now) {
        return new UnlinkedSaltExpiry(contactSalts, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(7),
                Duration.ofHours(1));
    }

    private Document salt(String lookup) {
        return salts().filter(d -> lookup.equals(d.getString("_id"))).blockFirst(WAIT);
    }

    private Flux<Document> salts() {
        return Flux.from(client.getDatabase("audit_keys").getCollection("contact_salts").find());
    }

    private void publish(List<String> eventIds, String topic, String key, SpecificRecord event) {
        eventIds.add(Events.eventId(event));
        kafka.publish(topic, key, event);
    }

    private static String hmac(byte[] key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
}
