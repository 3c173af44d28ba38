package io.consentflow.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffAccessChecks;
import io.consentflow.testsupport.StaffTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Erasures on the real broker and MongoDB: an event comes in, its deadline falls due (the test moves the clock),
 * ErasureRequested goes out on retention-commands, the test answers as consent-service and the gateway would, and the
 * erasure is done only when every required receipt has arrived; without one it turns overdue.
 */
@RetentionServiceTest
class ErasureFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COMMANDS = Topics.RETENTION_COMMANDS.name();

    @Autowired
    private WebTestClient web;
    @Autowired
    private MutableClock clock;

    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();
    private final PeerEvents peers = new PeerEvents();
    private final String subject = UUID.randomUUID().toString();

    @Test
    void aStopStartsTheProofClockWhoseErasureIsDoneWhenConsentServiceAnswers() {
        peers.optInConfirmed(subject, clock.instant(), "offers");
        peers.stopReceived(subject, clock.instant().plusSeconds(60));
        awaitDeadline("CONSENT_PROOF", "SCHEDULED");
        assertThat(deadline("INACTIVE_CONSENT").get("status")).isEqualTo("CANCELLED");

        clock.advance(Duration.ofDays(3 * 366 + 1));
        ErasureRequested command = kafka.await(COMMANDS, ErasureRequested.class,
                e -> e.getSubjectId().equals(subject) && e.getScope() == ErasureScope.CONSENT_PROOF, WAIT);
        assertThat(command.getReason()).isEqualTo(ErasureReason.PROOF_LIMITATION_ENDED);
        assertThat(command.getRequiredReceipts()).containsExactly("SubjectErased");
        assertThat(kafka.awaitRecords(COMMANDS, r -> r.value() instanceof ErasureRequested e
                && e.getErasureId().equals(command.getErasureId()), 1, WAIT).get(0).key()).isEqualTo(subject);
        assertThat(erasure(command.getErasureId()).get("status")).isEqualTo("AWAITING_RECEIPTS");

        peers.subjectErased(subject, command.getErasureId(), ErasureScope.CONSENT_PROOF, clock.instant());
        awaitErasureStatus(command.getErasureId(), "DONE");
    }

    @Test
    void anArt17RequestIsDoneOnlyWhenBothConsentServiceAndTheGatewayAnswered() {
        Map<String, Object> accepted = web.post().uri("/api/v1/retention/erasures").header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).bodyValue(Map.of("subjectId", subject))
                .exchange().expectStatus().isAccepted().expectBody(MAP).returnResult().getResponseBody();
        String erasureId = (String) accepted.get("erasureId");
        assertThat(accepted.get("scope")).isEqualTo("SUBJECT");
        assertThat(accepted.get("requiredReceipts")).isEqualTo(List.of("SubjectErased", "MessageLogErased"));
        web.post().uri("/api/v1/retention/erasures").header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(StaffTokens.forRole("ADMIN")))
                .bodyValue(Map.of("subjectId", subject)).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.erasureId").isEqualTo(erasureId);

        ErasureRequested command = kafka.await(COMMANDS, ErasureRequested.class,
                e -> e.getErasureId().equals(erasureId), WAIT);
        assertThat(command.getReason()).isEqualTo(ErasureReason.SUBJECT_REQUEST);
        assertThat(command.getSubjectId()).isEqualTo(subject);

        peers.subjectErased(subject, erasureId, ErasureScope.SUBJECT, clock.instant());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(erasure(erasureId).get("missingReceipts")).isEqualTo(List.of("MessageLogErased")));
        assertThat(erasure(erasureId).get("status")).isEqualTo("AWAITING_RECEIPTS");
        assertThat(openIds()).as("in progress while a receipt is missing").contains(erasureId);

        peers.messageLogErased(subject, erasureId, clock.instant());
        awaitErasureStatus(erasureId, "DONE");
        assertThat(openIds()).doesNotContain(erasureId);
        web.get().uri("/api/v1/retention/erasures/open").headers(h -> h.setBearerAuth(StaffTokens.forRole("MARKETING")))
                .exchange().expectStatus().isForbidden();
    }

    private List<String> openIds() {
        return web.get().uri("/api/v1/retention/erasures/open").headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT")))
                .exchange().expectStatus().isOk().expectBodyList(MAP).returnResult().getResponseBody().stream()
                .map(erasure -> (String) erasure.get("erasureId")).toList();
    }

    @Test
    void theErasureCommandAndReadsOfASubjectsDeadlinesAndErasuresAreRecordedWithTheReasonAndRefusedWithoutOne() {
        StaffAccessChecks.recordedOnlyWithReason(web, Services.RETENTION, new StaffAccessChecks.Call(HttpMethod.POST,
                "/api/v1/retention/erasures", "DPO", Map.of("subjectId", subject)), "ERASURE_COMMAND", subject);
        String erasureId = kafka.await(COMMANDS, ErasureRequested.class, e -> e.getSubjectId().equals(subject), WAIT)
                .getErasureId();
        StaffAccessChecks.recordedOnlyWithReason(web, Services.RETENTION, new StaffAccessChecks.Call(HttpMethod.GET,
                "/api/v1/retention/erasures/" + erasureId, "SUPPORT", null), "READ_ERASURE", subject);
        StaffAccessChecks.recordedOnlyWithReason(web, Services.RETENTION, new StaffAccessChecks.Call(HttpMethod.GET,
                "/api/v1/retention/deadlines?subjectId=" + subject, "ADMIN", null), "READ_DEADLINES", subject);
    }

    @Test
    void onlyDpoAndAdminMayRequestAnErasureAndOnlyForASubjectId() {
        web.post().uri("/api/v1/retention/erasures").headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT")))
                .bodyValue(Map.of("subjectId", subject)).exchange().expectStatus().isForbidden();
        web.post().uri("/api/v1/retention/erasures").header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO")))
                .bodyValue(Map.of("subjectId", "+4915112345678")).exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).contains("subjectId")
                        .doesNotContain("4915112345678"));
    }

    @Test
    void theMessageLogIsErased90DaysAfterTheLastMessageAndAReceiptWithoutErasureIdMatchesBySubject() {
        peers.messageSent(subject, clock.instant());
        awaitDeadline("MESSAGE_LOG", "SCHEDULED");

        clock.advance(Duration.ofDays(91));
        ErasureRequested command = kafka.await(COMMANDS, ErasureRequested.class,
                e -> e.getSubjectId().equals(subject) && e.getScope() == ErasureScope.MESSAGE_LOG, WAIT);
        assertThat(command.getReason()).isEqualTo(ErasureReason.MESSAGE_LOG_EXPIRED);
        assertThat(command.getRequiredReceipts()).containsExactly("MessageLogErased");

        peers.messageLogErased(subject, null, clock.instant());
        awaitErasureStatus(command.getErasureId(), "DONE");
    }

    @Test
    void anErasureWhoseReceiptNeverComesTurnsOverdueUntilItArrives() {
        peers.optInRequested(subject, clock.instant());
        awaitDeadline("PENDING_OPT_IN", "SCHEDULED");
        clock.advance(Duration.ofHours(49));
        ErasureRequested command = kafka.await(COMMANDS, ErasureRequested.class,
                e -> e.getSubjectId().equals(subject) && e.getScope() == ErasureScope.PENDING_OPT_IN, WAIT);
        String erasureId = command.getErasureId();
        assertThat(command.getReason()).isEqualTo(ErasureReason.PENDING_EXPIRED);
        assertThat(overdueIds()).doesNotContain(erasureId);

        clock.advance(Duration.ofMinutes(61));
        await().atMost(WAIT).untilAsserted(() -> assertThat(overdueIds()).contains(erasureId));
        await().atMost(WAIT).untilAsserted(() -> assertThat(overdueGauge()).isGreaterThanOrEqualTo(1.0));
        // reported once: the command goes out a second time with the same erasureId, which the audit log records
        kafka.awaitRecords(COMMANDS, r -> r.value() instanceof ErasureRequested e
                && e.getErasureId().equals(erasureId), 2, WAIT);

        peers.optInExpired(subject, clock.instant());
        awaitErasureStatus(erasureId, "DONE");
        assertThat(overdueIds()).doesNotContain(erasureId);
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    private void awaitDeadline(String kind, String status) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadline(kind)).containsEntry("status", status));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> deadline(String kind) {
        Map<String, Object> body = get("/api/v1/retention/deadlines?subjectId=" + subject);
        return ((List<Map<String, Object>>) body.get("deadlines")).stream()
                .filter(deadline -> kind.equals(deadline.get("kind"))).findFirst().orElse(Map.of());
    }

    private Map<String, Object> erasure(String erasureId) {
        return get("/api/v1/retention/erasures/" + erasureId);
    }

    private void awaitErasureStatus(String erasureId, String status) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(erasure(erasureId)).containsEntry("status", status));
    }

    private List<String> overdueIds() {
        return web.get().uri("/api/v1/retention/overdue").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO")))
                .exchange().expectStatus().isOk().expectBodyList(MAP).returnResult().getResponseBody().stream()
                .map(erasure -> (String) erasure.get("erasureId")).toList();
    }

    private double overdueGauge() {
        String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return metrics.lines().filter(line -> line.startsWith("consentflow_retention_overdue"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElse(-1);
    }

    private Map<String, Object> get(String uri) {
        return web.get().uri(uri).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }
}
