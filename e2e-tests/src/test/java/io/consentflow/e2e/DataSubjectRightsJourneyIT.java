package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageLogErased;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Journey 5: Art. 15 export returns what is held; Art. 17 erasure removes every trace of the number, every service
 * answers with a receipt, and the audit chain still verifies.
 */
class DataSubjectRightsJourneyIT extends JourneySupport {

    @Test
    void exportThenErasureLeavesNoTraceAndTheAuditChainStillVerifies() {
        Phone phone = Phone.create(suite);
        String subjectId = optInAndConfirm(phone, List.of("offers", "new-collections"));
        String requestId = sendMarketing(phone, "offers");
        assertThat(awaitOutcome(requestId)).isInstanceOf(MessageSent.class);
        String dpo = staffToken("DPO");

        // the export gathers what every service holds; audit-service appends asynchronously, so wait for it
        AtomicReference<Http.Response> export = new AtomicReference<>();
        messageEvents.awaitCondition(() -> {
            export.set(Http.get(suite.consent.baseUrl() + "/api/v1/subjects/" + phone.e164() + "/export", dpo));
            return export.get().status() == 200 && export.get().json().path("complete").asBoolean()
                    && export.get().json().path("otherServices").path("audit-service").path("data").toString()
                            .contains("OptInConfirmed");
        }, PATIENCE, () -> "the export never held every service's data: " + export.get());
        JsonNode held = export.get().json();
        assertThat(held.path("phoneNumber").asString()).isEqualTo(phone.e164());
        assertThat(held.path("subjectId").asString()).isEqualTo(subjectId);
        assertThat(export.get().body()).contains("offers", "new-collections", "2026-11");
        JsonNode others = held.path("otherServices");
        assertThat(others.path("messaging-gateway").path("status").asString()).isEqualTo("OK");
        assertThat(others.path("messaging-gateway").path("data").path("messages").toString())
                .as("the gateway's message log of the subject").contains(requestId);
        assertThat(others.path("retention-service").path("status").asString()).isEqualTo("OK");
        assertThat(others.path("retention-service").path("data").path("subjectId").asString()).isEqualTo(subjectId);
        assertThat(others.path("retention-service").path("data").path("deadlines").size())
                .as("retention deadlines of the subject").isPositive();
        assertThat(others.path("audit-service").path("status").asString()).isEqualTo("OK");
        assertThat(others.path("audit-service").path("data").path("entries").size()).isPositive();

        // Art. 17 asked of consent-service is handed to retention-service, whose erasureId the receipts carry
        var erasure = Http.postJson(suite.consent.baseUrl() + "/api/v1/subjects/" + phone.e164() + "/erasure",
                Map.of(), dpo);
        assertThat(erasure.status()).as(erasure.body()).isEqualTo(202);
        String erasureId = erasure.json().path("erasureId").asString();
        assertThat(Http.get(suite.retention.baseUrl() + "/api/v1/retention/erasures/" + erasureId, dpo).status())
                .isEqualTo(200);

        kafka.await(Topics.CONSENT_EVENTS.name(), SubjectErased.class,
                receipt -> receipt.getSubjectId().equals(subjectId) && erasureId.equals(receipt.getErasureId()),
                PATIENCE);
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageLogErased.class,
                receipt -> receipt.getSubjectId().equals(subjectId) && erasureId.equals(receipt.getErasureId()),
                PATIENCE);
        messageEvents.awaitCondition(() -> erasureCompleted(subjectId, dpo), PATIENCE,
                () -> "retention-service never saw all receipts: " + deadlines(subjectId, dpo));

        String contactKey = Contacts.contactKey(phone.e164());
        assertThat(MongoScan.placesContaining(suite.infrastructure.mongoUri(), List.of(phone.digits(), contactKey)))
                .as("no trace of the number or its contact key in any service's database").isEmpty();
        var latest = kafka.readAllRaw(Topics.CONSENT_STATE.name(), Duration.ofSeconds(10)).stream()
                .filter(record -> contactKey.equals(record.key())).reduce((first, second) -> second).orElseThrow();
        assertThat(latest.value()).as("consent-state ends in a tombstone for the contact").isNull();
        assertThat(Http.get(suite.consent.baseUrl() + "/api/v1/subjects/" + phone.e164() + "/export", dpo).status())
                .isEqualTo(404);

        var verify = Http.get(suite.audit.baseUrl() + "/api/v1/audit/verify", dpo);
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().path("valid").asBoolean()).as(verify.body()).isTrue();
    }

    private boolean erasureCompleted(String subjectId, String token) {
        var response = Http.get(suite.retention.baseUrl() + "/api/v1/retention/deadlines?subjectId=" + subjectId,
                token);
        return response.status() == 200 && response.body().contains("DONE");
    }

    private String deadlines(String subjectId, String token) {
        return Http.get(suite.retention.baseUrl() + "/api/v1/retention/deadlines?subjectId=" + subjectId, token)
                .body();
    }
}
