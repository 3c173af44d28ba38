package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.consentflow.audit.adapters.mongo.MongoCheckpointStore;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.app.CheckpointStore;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.Events;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;

/** Real broker, real MongoDB wire protocol, real HTTP: events in, personal-data-free chained entries out. */
class AuditPipelineTests extends AuditIntegrationTest {

    /** Test numbers and texts that must never reach the store. */
    private final String number = "+49151" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
    private final String digits = number.substring(1);
    private final String secretText = "Geheimer Text " + UUID.randomUUID();

    @Test
    void auditsEveryTopicWithoutPersonalDataAndProvesConsent() {
        String subjectId = UUID.randomUUID().toString();
        String optInId = UUID.randomUUID().toString();
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "consent-events", subjectId, TestEvents.optInRequested(subjectId, optInId));
        publish(eventIds, "send-requests", number, TestEvents.sendRequest(subjectId, number,
                "Hallo! Antworte an " + number + " " + secretText));
        publish(eventIds, "whatsapp-inbound", "ck", TestEvents.inbound(number, "JA " + secretText + " " + digits));
        publish(eventIds, "consent-events", subjectId, TestEvents.optInConfirmed(subjectId, optInId));
        publish(eventIds, "message-events", subjectId, TestEvents.messageSent(subjectId));
        publish(eventIds, "consent-events", subjectId, TestEvents.stop(subjectId));
        // a poison record on the DLT, its exception message quoting the number; and an undecodable source record
        byte[] poison = utf8("{\"to\":\"" + number + "\",\"text\":\"" + secretText + "\"}");
        publishRaw("send-requests-dlt", number, poison, Map.of(
                KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8("send-requests"),
                KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(3).array(),
                KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(42).array(),
                KafkaHeaders.DLT_EXCEPTION_FQCN, utf8("io.consentflow.schemas.EventDecodingException"),
                KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8("bad value for " + number + ": " + secretText)));
        publishRaw("whatsapp-inbound", "ck", poison, Map.of());

        List<Document> entries = awaitEntries(eventIds);
        assertThat(entries).extracting(d -> d.getString("type")).contains("OptInRequested", "SendRequest",
                "InboundMessage", "OptInConfirmed", "MessageSent", "StopReceived");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(45)).until(() ->
                count(MongoEntryStore.COLLECTION, Filters.eq("payload.valueSize", poison.length)) >= 2);
        Document deadLetter = allDocuments(MongoEntryStore.COLLECTION).stream()
                .filter(d -> "DeadLetter".equals(d.getString("type"))
                        && d.get("payload", Document.class).getInteger("valueSize") == poison.length)
                .findFirst().orElseThrow();
        Document payload = deadLetter.get("payload", Document.class);
        assertThat(payload.getString("originalTopic")).isEqualTo("send-requests");
        assertThat(payload.getLong("originalOffset")).isEqualTo(42L);
        assertThat(payload.getString("exceptionClass")).isEqualTo("io.consentflow.schemas.EventDecodingException");
        assertThat(payload.getString("exceptionMessageDigest")).startsWith("sd:");

        // no personal data in any stored document: entries and checkpoints
        List<Document> everything = new ArrayList<>(allDocuments(MongoEntryStore.COLLECTION));
        everything.addAll(allDocuments(MongoCheckpointStore.COLLECTION));
        for (Document document : everything) {
            assertThat(document.toJson()).doesNotContain(digits).doesNotContain(secretText)
                    .doesNotContain(digits.substring(2, 12));
        }
        Document sendRequest = entries.stream().filter(d -> "SendRequest".equals(d.getString("type"))).findFirst()
                .orElseThrow();
        assertThat(sendRequest.get("payload", Document.class)).containsKeys("requestId", "category", "purpose",
                "campaignId", "to").doesNotContainKey("buttons");

        get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody()
                .jsonPath("$.valid").isEqualTo(true);

        get("/api/v1/audit/subjects/" + subjectId + "/proof", "DPO").expectStatus().isOk().expectBody()
                .jsonPath("$.requests[0].noticeVersion").isEqualTo("2026-10")
                .jsonPath("$.requests[0].evidenceDigest").isEqualTo("sd:" + "cd".repeat(32))
                .jsonPath("$.confirmations[0].method").isEqualTo("QUICK_REPLY")
                .jsonPath("$.withdrawals[0].trigger").isEqualTo("KEYWORD")
                .jsonPath("$.messages.length()").isEqualTo(2)
                // the DPO's reads are chained too (StaffAccessRecorded), this one's perhaps before the proof is read
                .jsonPath("$.chainPositions[*].type").value(types -> assertThat(((List<?>) types).stream()
                        .map(String::valueOf).filter(type -> !"StaffAccessRecorded".equals(type)).toList())
                        .containsExactlyInAnyOrder("OptInRequested", "OptInConfirmed", "SendRequest",
                                "MessageSent", "StopReceived"))
                .jsonPath("$.verification.valid").isEqualTo(true);
        web.get().uri("/api/v1/audit/subjects/" + subjectId + "/proof?lang=en").header("X-Staff-Reason", "test: ticket 4711")
                .accept(MediaType.TEXT_HTML).headers(h -> h.setBearerAuth(
                        io.consentflow.testsupport.StaffTokens.forRole("ADMIN"))).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("Proof of consent", "2026-10",
                        "QUICK_REPLY", "Chain unaltered and complete", subjectId));
        get("/api/v1/audit/subjects/" + subjectId + "/proof?format=html&lang=de", "DPO").expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("Einwilligungsnachweis",
                        "Widerrufe", "Kette unverändert und vollständig"));
        get("/api/v1/audit/subjects/" + UUID.randomUUID() + "/proof", "DPO").expectStatus().isNotFound();
        get("/api/v1/audit/subjects/" + digits + "/proof", "DPO").expectStatus().isBadRequest();

        // oldest first by recordedAt (the time of the append, not of publishing: records of several topics fetched in
        // one poll may be appended in any order), ties by id
        List<Document> bySubject = entriesWithEventIds(eventIds).stream()
                .filter(d -> subjectId.equals(d.getString("subjectId")))
                .sorted(java.util.Comparator.comparing((Document d) -> d.getDate("recordedAt"))
                        .thenComparing(d -> d.getString("_id"))).toList();
        // the total also counts the staff-access records of the three proof reads above (READ_PROOF, chained on
        // audit-staff-access as entries of the subject, some perhaps not yet) and of this very read (READ_ENTRIES names
        // the subject it filters by, recorded before the entries are counted: CI read 9 once): all newer than the
        // five events
        get("/api/v1/audit/entries?subjectId=" + subjectId + "&size=2&page=0", "DPO").expectStatus().isOk()
                .expectBody().jsonPath("$.total").value(total -> assertThat(((Number) total).intValue())
                        .isBetween(5, 5 + 3 + 1))
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.entries[0].id").isEqualTo(bySubject.get(0).getString("_id"))
                .jsonPath("$.entries[1].id").isEqualTo(bySubject.get(1).getString("_id"));
        get("/api/v1/audit/entries?subjectId=" + subjectId + "&type=StopReceived", "DPO").expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1);
        get("/api/v1/audit/entries?from=yesterday", "DPO").expectStatus().isBadRequest();
        get("/api/v1/audit/entries", "SUPPORT").expectStatus().isForbidden();
        get("/api/v1/audit/verify", "SUPPORT").expectStatus().isOk();
        get("/api/v1/audit/verify", "MARKETING").expectStatus().isForbidden();

        String from = java.time.Instant.now().minusSeconds(600).toString();
        String to = java.time.Instant.now().plusSeconds(60).toString();
        get("/api/v1/audit/entries.csv?from=" + from + "&to=" + to, "DPO").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody(String.class).value(csv -> {
                    assertThat(csv).startsWith("id,chainId,sequence").contains(subjectId, "StopReceived")
                            .doesNotContain(digits, secretText);
                });
        get("/api/v1/audit/entries.csv?from=" + from, "DPO").expectStatus().isBadRequest();
    }

    @Test
    void publishesThePublicKeyWithoutATokenAndListsSignedCheckpoints(
            @Autowired io.consentflow.audit.app.CheckpointService checkpoints) {
        String subjectId = UUID.randomUUID().toString();
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "consent-events", subjectId, TestEvents.stop(subjectId));
        awaitEntries(eventIds);
        checkpoints.checkpointNow().block(java.time.Duration.ofSeconds(60));
        web.get().uri("/api/v1/audit/checkpoints/key").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.algorithm").isEqualTo("Ed25519")
                .jsonPath("$.publicKey").isEqualTo("MCowBQYDK2VwAyEASYJWdL7Aqyb0hB0m8Uag1jaJ3yN0MMEDvO0rm0ybMoQ=");
        get("/api/v1/audit/checkpoints?size=1", "DPO").expectStatus().isOk().expectBody()
                .jsonPath("$[0].signature").isNotEmpty()
                .jsonPath("$[0].heads").isNotEmpty();
    }

    /** The counters the dashboard and the alerts read (k8s/base/monitoring), as the log writes its entries. */
    @Test
    void countsWhatItRecordsByTypeDeadLettersAndSendFailuresByCode(
            @Autowired
            MeterRegistry meters) {
        double stops = meters.counter("consentflow.audit.recorded", "topic", "consent-events", "type", "StopReceived")
                .count();
        double deadLetters = meters.counter("consentflow.audit.dead_letters", "topic", "message-events-dlt").count();
        double notOnWhatsApp = meters.counter("consentflow.audit.send_failures", "code", "131026").count();
        String subjectId = UUID.randomUUID().toString();
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "consent-events", subjectId, TestEvents.stop(subjectId));
        publish(eventIds, "message-events", subjectId, io.consentflow.events.MessageFailed.newBuilder()
                .setEventId(io.consentflow.schemas.Events.newEventId()).setOccurredAt(TestEvents.now())
                .setProducer("messaging-gateway").setRequestId(UUID.randomUUID().toString()).setSubjectId(subjectId)
                .setErrorCode(131026).setRetryable(false).build());
        kafka.publishRaw("message-events-dlt", subjectId, utf8("not an event"));
        awaitEntries(eventIds);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(45)).until(() -> meters.counter(
                "consentflow.audit.dead_letters", "topic", "message-events-dlt").count() > deadLetters);

        assertThat(meters.counter("consentflow.audit.recorded", "topic", "consent-events", "type", "StopReceived")
                .count()).isEqualTo(stops + 1);
        assertThat(meters.counter("consentflow.audit.send_failures", "code", "131026").count())
                .isEqualTo(notOnWhatsApp + 1);
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body)
                .contains("consentflow_audit_recorded_total{", "consentflow_audit_dead_letters_total{",
                        "consentflow_audit_send_failures_total{"));
    }

    /**
     * The dead-letter consumer long-polls: the broker answers its fetch on a dead letter's first byte and otherwise
     * holds it for seconds, instead of the service's 64 KB or 250 ms (four fetches of every dead-letter partition a
     * second without load); the dead letter published alone is still audited.
     */
    @Test
    void theDeadLetterConsumerIsAnsweredOnTheFirstByteAndWaitsLongWithout(
            @Autowired
            KafkaListenerEndpointRegistry listeners,
            @Autowired
            MeterRegistry meters) {
        var consumer = listeners.getListenerContainer("audit-dead-letters").getContainerProperties()
                .getKafkaConsumerProperties();
        assertThat(consumer.getProperty("fetch.min.bytes")).isEqualTo("1");
        assertThat(Integer.parseInt(consumer.getProperty("fetch.max.wait.ms"))).isGreaterThanOrEqualTo(5_000);

        double deadLetters = meters.counter("consentflow.audit.dead_letters", "topic", "message-events-dlt")
                .count();
        kafka.publishRaw("message-events-dlt", UUID.randomUUID().toString(), utf8("alone"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(45)).until(() -> meters.counter(
                "consentflow.audit.dead_letters", "topic", "message-events-dlt").count() > deadLetters);
    }

    private void publish(List<String> eventIds, String topic, String key, SpecificRecord event) {
        eventIds.add(Events.eventId(event));
        kafka.publish(topic, key, event);
    }

    static byte[] avro(SpecificRecord event) {
        return new AvroEventSerializer().serialize("x", event);
    }
}
