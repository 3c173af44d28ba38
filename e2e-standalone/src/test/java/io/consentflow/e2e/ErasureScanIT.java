package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Issue 24 end to end, on a stack of its own (processes from the packaged jars, its own broker with shortened topic
 * bounds, its own databases): the end of one purpose leaves the other purposes; and after sends before and after the
 * opt-in, a dead-lettered request, inbound messages and an erasure, nothing of the number, its contact key, its
 * digests or the inbound text remains in any database, topic (raw bytes, DLTs included), broker file or service log
 * beyond what the signed deletion certificate names, and the topics hold nothing once its bound has passed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureScanIT {

    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private ScanBroker broker;
    private Suite suite;
    private KafkaTestClient kafka;
    private TopicRecorder consentState;
    private TopicRecorder messageEvents;

    @BeforeAll
    void startOwnStack() throws IOException {
        broker = new ScanBroker();
        Path policies = Files.createTempFile("retention-policies", ".yml");
        // event-updates ended yesterday: its PURPOSE_END deadline falls due as soon as it is granted
        Files.writeString(policies, Files.readString(Suite.repositoryRoot()
                        .resolve("retention-service/src/main/resources/retention-policies.yml"))
                .replace("lastDay: 2027-06-30", "lastDay: " + LocalDate.now(ZoneOffset.UTC).minusDays(2)));
        Path logs = Suite.buildDirectory().resolve("e2e-logs-erasurescan");
        if (Files.isDirectory(logs)) {
            try (var old = Files.list(logs)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        // no console: nobody signs in to it here, and its start waits until the identity provider is ready
        suite = Suite.standalone(broker.bootstrapServers(), "erasurescan",
                Map.of("retention-service", Map.of("RETENTION_POLICY_FILE", policies.toString()),
                        Suite.WITHOUT_CONSOLE, Map.of()));
        broker.shortenBounds();
        kafka = new KafkaTestClient(broker.bootstrapServers());
        consentState = new TopicRecorder(broker.bootstrapServers(), Topics.CONSENT_STATE.name());
        messageEvents = new TopicRecorder(broker.bootstrapServers(), Topics.MESSAGE_EVENTS.name());
    }

    @AfterAll
    void stopOwnStack() throws InterruptedException {
        if (consentState != null) {
            consentState.close();
            messageEvents.close();
        }
        if (suite != null) {
            suite.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theEndOfOnePurposeRemovesItAndLeavesTheOtherPurposes() {
        Phone phone = Phone.create(suite);
        String subjectId = optInAndConfirm(phone, List.of("offers", "event-updates"));

        SubjectErased receipt = kafka.await(Topics.CONSENT_EVENTS.name(), SubjectErased.class,
                e -> e.getSubjectId().equals(subjectId) && "event-updates".equals(e.getPurpose()), PATIENCE);
        assertThat(receipt.getErasureId()).isNotNull();
        String key = Contacts.contactKey(phone.e164());
        consentState.await(ConsentSnapshot.class, s -> s.getContactKey().equals(key)
                && s.getPurposes().equals(List.of("offers")) && s.getStatus() == ConsentStatus.CONFIRMED, PATIENCE);
        ServiceProcess.sleep(500); // the gateway follows consent-state on its own consumer

        assertThat(blockReason(awaitOutcome(send(phone, "event-updates")))).isEqualTo("PURPOSE_NOT_GRANTED");
        assertThat(awaitOutcome(send(phone, "offers"))).isInstanceOf(MessageSent.class);
        String dpo = suite.staffToken("DPO");
        messageEvents.awaitCondition(() -> Http.get(suite.retention.baseUrl() + "/api/v1/retention/erasures/"
                + receipt.getErasureId(), dpo).body().contains("\"DONE\""), PATIENCE,
                () -> "the purpose's erasure never got both receipts");
        var consent = Http.get(suite.consent.baseUrl() + "/api/v1/subjects/" + phone.e164() + "/consent", dpo);
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.body()).contains("offers").doesNotContain("event-updates");
    }

    @Test
    void afterAnErasureAndItsBoundNothingOfTheNumberRemainsBeyondWhatTheCertificateNames() throws Exception {
        Phone phone = Phone.create(suite);
        String beforeOptIn = send(phone, "offers");
        assertThat(blockReason(awaitOutcome(beforeOptIn))).isEqualTo("NO_CONSENT");
        String subjectId = optInAndConfirm(phone, List.of("offers"));
        assertThat(awaitOutcome(send(phone, "offers"))).isInstanceOf(MessageSent.class);
        SendRequest poison = SendRequest.newBuilder(JourneySupport.marketingRequest(UUID.randomUUID().toString(),
                phone.e164(), "offers")).setTemplate(null).build(); // neither template nor text: dead-lettered
        kafka.publish(Topics.SEND_REQUESTS.name(), phone.e164(), poison);
        messageEvents.awaitCondition(() -> !kafka.readAllRaw(Topics.SEND_REQUESTS.deadLetterTopic(),
                Duration.ofSeconds(5)).stream().filter(r -> phone.e164().equals(r.key())).toList().isEmpty(),
                PATIENCE, () -> "the malformed request never reached the DLT");
        String inboundText = "Wann kommt die Herbstkollektion " + UUID.randomUUID() + "?";
        phone.sendText(inboundText);
        phone.sendText("Danke, bis bald");
        String key = Contacts.contactKey(phone.e164());
        kafka.awaitRecords(Topics.WHATSAPP_INBOUND.name(), r -> key.equals(r.key()), 3, PATIENCE);

        List<String> needles = List.of(phone.digits(), key, inboundText, ErasureEvidence.auditDigest(phone.e164()),
                ErasureEvidence.auditDigest(phone.digits()), ErasureEvidence.saltLookup(phone.digits()));
        // control: before the erasure every kind of store holds the number, so the scans below can see it
        assertThat(broker.scanTopics(needles).keySet()).contains("send-requests", "send-requests-dlt",
                "whatsapp-inbound", "consent-state");
        assertThat(MongoScan.placesContaining(suite.infrastructure.mongoUri(), List.of(key)))
                .contains("consent_erasurescan.subjects", "gateway_erasurescan.message_log");

        String dpo = suite.staffToken("DPO");
        var erasure = Http.postJson(suite.consent.baseUrl() + "/api/v1/subjects/" + phone.e164() + "/erasure",
                Map.of(), dpo);
        assertThat(erasure.status()).as(erasure.body()).isEqualTo(202);
        String erasureId = erasure.json().path("erasureId").asString();
        JsonNode signed = awaitCompleteCertificate(erasureId, dpo);
        JsonNode certificate = signed.path("certificate");
        assertThat(certificate.path("subjectId").asString()).isEqualTo(subjectId);
        assertThat(ErasureEvidence.verifies(signed, suite.audit.baseUrl()))
                .as("the certificate verifies with the published key").isTrue();
        String remains = certificate.path("remains").toString();

        // the certificate is complete once the receipts are audited; the audit may read the command a poll later
        AtomicReference<List<String>> places = new AtomicReference<>();
        messageEvents.awaitCondition(() -> {
            places.set(MongoScan.placesContaining(suite.infrastructure.mongoUri(), needles));
            return places.get().isEmpty();
        }, PATIENCE, () -> "no database of any service may hold the number, its contact key, digests or text: "
                + places.get());
        assertThat(inLogs(needles)).as("no service log").isEmpty();
        Map<String, Set<String>> topics = broker.scanTopics(needles);
        for (String topic : topics.keySet()) {
            assertThat(remains).as("a topic holding traces must be named by the certificate: " + topic)
                    .contains("Kafka " + topic + ":");
        }

        // after the certificate's topic bound (on this broker: the same formula with the shortened settings)
        Instant completed = Instant.parse(certificate.path("receipts").get(certificate.path("receipts").size() - 1)
                .path("at").asString());
        for (JsonNode receipt : certificate.path("receipts")) {
            Instant at = Instant.parse(receipt.path("at").asString());
            completed = at.isAfter(completed) ? at : completed;
        }
        Instant bound = completed.plus(ScanBroker.lastCopyGoneWithin()).plusSeconds(3);
        while (Instant.now().isBefore(bound)) {
            ServiceProcess.sleep(500);
        }
        Map<String, Set<String>> afterBound = broker.scanTopics(needles);
        assertThat(afterBound.keySet()).as("after the bound (%s, completed %s, now %s) only the compacted"
                + " consent-state keeps the contact key (named by the certificate): %s %s", bound, completed,
                Instant.now(), afterBound, broker.whereFound(needles)).isSubsetOf(Set.of("consent-state"));
        assertThat(afterBound.getOrDefault("consent-state", Set.of())).containsOnly(key);
        Map<String, Set<String>> files = broker.scanFiles(needles);
        assertThat(files.keySet()).as("broker files").allMatch(file -> file.startsWith("consent-state-"));
        assertThat(files.values().stream().flatMap(Set::stream)).allMatch(key::equals);
    }

    private JsonNode awaitCompleteCertificate(String erasureId, String token) {
        AtomicReference<Http.Response> last = new AtomicReference<>();
        messageEvents.awaitCondition(() -> {
            last.set(Http.get(suite.audit.baseUrl() + "/api/v1/audit/erasures/" + erasureId + "/certificate", token));
            return last.get().status() == 200
                    && "COMPLETE".equals(last.get().json().path("certificate").path("status").asString());
        }, Duration.ofSeconds(90), () -> "no complete certificate: " + last.get());
        return last.get().json();
    }

    private Map<String, Set<String>> inLogs(List<String> needles) throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        for (String service : List.of("consent-service", "messaging-gateway", "retention-service", "audit-service")) {
            String log = Files.readString(suite.logs().resolve(service + ".log"));
            needles.stream().filter(log::contains)
                    .forEach(n -> found.computeIfAbsent(service, s -> new java.util.TreeSet<>()).add(n));
        }
        return found;
    }

    private String optInAndConfirm(Phone phone, List<String> purposes) {
        var answer = Http.postJson(suite.consent.baseUrl() + "/api/v1/opt-ins", Map.of("phoneNumber", phone.e164(),
                "purposes", purposes, "locale", "de", "noticeVersion", "2026-11", "consentText",
                "Ja, ich möchte Angebote per WhatsApp erhalten.", "source", "WEB_FORM"), null);
        assertThat(answer.status()).isEqualTo(202);
        JsonNode confirmation = phone.awaitOutbound(m -> m.path("buttons").size() > 0, PATIENCE);
        phone.tap(confirmation.path("buttons").get(0).path("payload").asString());
        String key = Contacts.contactKey(phone.e164());
        ConsentSnapshot confirmed = consentState.await(ConsentSnapshot.class,
                s -> s.getContactKey().equals(key) && s.getStatus() == ConsentStatus.CONFIRMED, PATIENCE);
        ServiceProcess.sleep(500);
        return confirmed.getSubjectId();
    }

    private String send(Phone phone, String purpose) {
        String requestId = UUID.randomUUID().toString();
        kafka.publish(Topics.SEND_REQUESTS.name(), phone.e164(),
                JourneySupport.marketingRequest(requestId, phone.e164(), purpose));
        return requestId;
    }

    private SpecificRecord awaitOutcome(String requestId) {
        List<SpecificRecord> found = new ArrayList<>();
        messageEvents.awaitCondition(() -> {
            found.clear();
            found.addAll(messageEvents.all(MessageSent.class, e -> e.getRequestId().equals(requestId)));
            found.addAll(messageEvents.all(MessageBlocked.class, e -> e.getRequestId().equals(requestId)));
            return !found.isEmpty();
        }, PATIENCE, () -> "no outcome for " + requestId);
        return found.get(0);
    }

    private static String blockReason(SpecificRecord outcome) {
        return outcome instanceof MessageBlocked blocked ? blocked.getReason().name() : "not blocked: " + outcome;
    }
}
