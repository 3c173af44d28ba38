package io.consentflow.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.mongodb.reactivestreams.client.MongoClient;
import io.consentflow.platform.mongo.MongoCollections;
import reactor.core.publisher.Flux;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The staff API around the deadlines: the Art. 30 record, the summary, input checks, and the Art. 17 hint path. */
@RetentionServiceTest
class RetentionApiTests {

    private static final String PHONE = "+4915112345678";

    @Autowired
    private WebTestClient web;
    @Autowired
    private MutableClock clock;
    @Autowired
    private MongoClient mongo;
    @Autowired
    private MongoCollections collections;

    private final PeerEvents peers = new PeerEvents();
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Test
    void policiesAreTheArt30RecordOfDeletionPeriods() {
        web.get().uri("/api/v1/retention/policies").headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.zone").isEqualTo("Europe/Berlin")
                .jsonPath("$.policies[?(@.kind == 'PENDING_OPT_IN')].period").isEqualTo("PT48H")
                .jsonPath("$.policies[?(@.kind == 'MESSAGE_LOG')].period").isEqualTo("P90D")
                .jsonPath("$.policies[?(@.kind == 'CONSENT_PROOF')].period").isEqualTo("P3Y")
                .jsonPath("$.policies[?(@.kind == 'INACTIVE_CONSENT')].period").isEqualTo("P24M")
                .jsonPath("$.policies[?(@.kind == 'PURPOSE_END')].lastDay").isEqualTo("2027-06-30")
                .jsonPath("$.policies[?(@.topic == 'send-requests')].period").isEqualTo("P3D")
                // 3 days + 1 h segment + 5 min retention check + 1 min file deletion delay
                .jsonPath("$.policies[?(@.topic == 'send-requests')].lastCopyGoneWithin").isEqualTo("PT73H6M")
                .jsonPath("$.policies[?(@.topic == 'whatsapp-inbound')].lastCopyGoneWithin").isEqualTo("PT73H6M")
                .jsonPath("$.policies[?(@.kind == 'CONSENT_PROOF')].requiredReceipts[0]").isEqualTo("SubjectErased")
                .jsonPath("$.policies[?(@.kind == 'UNLINKED_CONTACT')].period").isEqualTo("P7D")
                // 1 h roll (max.compaction.lag.ms) + 15 s cleaner back-off + 1 day tombstone + 15 s + 1 min
                .jsonPath("$.compactedTopics[?(@.topic == 'consent-state')].lastCopyGoneWithin")
                .isEqualTo("PT25H1M30S")
                .jsonPath("$.compactedTopics[0].condition").value(c -> assertThat(c.toString()).contains("append"))
                .jsonPath("$.policies[*].legalBasis").value(bases -> assertThat(bases.toString()).contains("GDPR"))
                .jsonPath("$.policies[*].description").isNotEmpty();
    }

    @Test
    void theSummaryCountsOpenDeadlinesByKindAndDueWindow() {
        String subject = UUID.randomUUID().toString();
        peers.optInRequested(subject, clock.instant());
        await().atMost(Duration.ofSeconds(30)).until(() -> summaryCount("PENDING_OPT_IN", "NEXT_7D") > 0);
        web.get().uri("/api/v1/retention/deadlines/summary").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openDeadlinesByKindAndWindow.MESSAGE_LOG.LATER").isNumber()
                .jsonPath("$.total").value(total -> assertThat(((Number) total).longValue()).isPositive());
    }

    @Test
    void deadlinesNeedASubjectIdAndNeverEchoOrStoreAPhoneNumber() {
        web.get().uri("/api/v1/retention/deadlines").header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("subjectId");
        // with a reason the read is recorded, but a number in the subject's place never reaches retention-commands
        web.get().uri(b -> b.path("/api/v1/retention/deadlines").queryParam("subjectId", PHONE).build())
                .header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("15112345678"));
        web.get().uri("/api/v1/retention/deadlines/summary").headers(h -> h.setBearerAuth(StaffTokens.forRole("MARKETING")))
                .exchange().expectStatus().isForbidden();

        for (String collection : Flux.from(mongo.getDatabase(collections.databaseName()).listCollectionNames())
                .collectList().block()) {
            assertThat(Flux.from(collections.named(collection).find()).map(Document::toJson).collectList().block())
                    .as(collection).noneMatch(json -> json.contains("15112345678"));
        }
        assertThat(kafka.readAllRaw(Topics.RETENTION_COMMANDS.name(), Duration.ofSeconds(20)))
                .noneMatch(r -> new String(r.value(), StandardCharsets.ISO_8859_1).contains("15112345678"));
    }

    @Test
    void aSubjectErasedByConsentServiceOnItsOwnMakesTheGatewayEraseItsLogAtOnce() {
        String subject = UUID.randomUUID().toString();
        peers.messageSent(subject, clock.instant());
        peers.subjectErased(subject, null, ErasureScope.SUBJECT, clock.instant());

        ErasureRequested command = kafka.await(Topics.RETENTION_COMMANDS.name(), ErasureRequested.class,
                e -> e.getSubjectId().equals(subject), Duration.ofSeconds(30));
        assertThat(command.getScope()).isEqualTo(ErasureScope.MESSAGE_LOG);
        assertThat(command.getReason()).isEqualTo(ErasureReason.SUBJECT_REQUEST);
        assertThat(command.getRequiredReceipts()).containsExactly("MessageLogErased");
    }

    @SuppressWarnings("unchecked")
    private long summaryCount(String kind, String window) {
        Map<String, Object> body = web.get().uri("/api/v1/retention/deadlines/summary")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        var byKind = (Map<String, Map<String, Number>>) body.get("openDeadlinesByKindAndWindow");
        return byKind.get(kind).get(window).longValue();
    }
}
