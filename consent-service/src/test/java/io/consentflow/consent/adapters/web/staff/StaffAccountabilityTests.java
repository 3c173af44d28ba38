package io.consentflow.consent.adapters.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.StaffTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every staff read and action on consent-service is an audit record naming the staff subject and the reason. */
class StaffAccountabilityTests extends IntegrationTestSupport {

    /** Every staff access record of the subject now on the topic (read to its end). */
    private List<StaffAccessRecorded> recordsFor(String subjectId) {
        try (var avro = new AvroEventDeserializer()) {
            return kafka.readAllRaw(Topics.CONSENT_EVENTS.name(), WAIT).stream()
                    .filter(r -> subjectId.equals(r.key()))
                    .map(r -> avro.deserialize(Topics.CONSENT_EVENTS.name(), r.value()))
                    .filter(StaffAccessRecorded.class::isInstance).map(StaffAccessRecorded.class::cast).toList();
        }
    }

    @Test
    void anExportNamesTheStaffSubjectItsRolesAndTheDecodedReason() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));

        web.get().uri("/api/v1/subjects/{e164}/export", number)
                .header("X-Staff-Reason", "Auskunft%20nach%20Art.%2015%2C%20Ticket%20%C3%9C-12")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange().expectStatus().isOk();

        StaffAccessRecorded record = kafka.await(Topics.CONSENT_EVENTS.name(), StaffAccessRecorded.class,
                r -> subjectId.equals(r.getSubjectId()) && r.getAction().equals("EXPORT"), WAIT);
        assertThat(record.getStaffSubject()).isEqualTo("test-dpo");
        assertThat(record.getStaffRoles()).containsExactly("DPO");
        assertThat(record.getReason()).isEqualTo("Auskunft nach Art. 15, Ticket Ü-12");
        assertThat(record.getProducer()).isEqualTo("consent-service");
    }

    @Test
    void anActionWithoutAReasonIsRefusedNamingTheHeaderAndNeitherDoneNorRecorded() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));

        var problem = web.post().uri("/api/v1/subjects/{e164}/stop", number)
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(problem.get("detail").toString()).startsWith("X-Staff-Reason: required");
        assertThat((List<?>) problem.get("errors")).singleElement()
                .satisfies(e -> assertThat(((Map<?, ?>) e).get("field")).isEqualTo("X-Staff-Reason"));
        web.post().uri("/api/v1/subjects/{e164}/stop", number).header("X-Staff-Reason", "no")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isBadRequest();

        // nothing was done: the consent stands. A read without a reason is refused as well, with one it is recorded
        web.get().uri("/api/v1/subjects/{e164}/consent", number)
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("X-Staff-Reason");
        web.get().uri("/api/v1/subjects/{e164}/consent", number).header("X-Staff-Reason", "caller asks: status")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
        StaffAccessRecorded read = kafka.await(Topics.CONSENT_EVENTS.name(), StaffAccessRecorded.class,
                r -> subjectId.equals(r.getSubjectId()) && r.getAction().equals("READ_CONSENT"), WAIT);
        assertThat(read.getReason()).isEqualTo("caller asks: status");
        assertThat(recordsFor(subjectId)).as("the refused read left no record")
                .extracting(StaffAccessRecorded::getAction).filteredOn("READ_CONSENT"::equals).hasSize(1);

        // positive control: with a reason the STOP is done and recorded
        web.post().uri("/api/v1/subjects/{e164}/stop", number).header("X-Staff-Reason", "phoned in: stop all")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("STOPPED");
        StaffAccessRecorded stop = kafka.await(Topics.CONSENT_EVENTS.name(), StaffAccessRecorded.class,
                r -> subjectId.equals(r.getSubjectId()) && r.getAction().equals("STOP"), WAIT);
        assertThat(stop.getStaffSubject()).isEqualTo("test-support");
        assertThat(stop.getReason()).isEqualTo("phoned in: stop all");
        assertThat(recordsFor(subjectId)).as("the refused STOPs left no record").extracting(StaffAccessRecorded::getAction)
                .filteredOn("STOP"::equals).hasSize(1);
    }

    @Test
    void aRefusedCallerIsNotRecordedButAnAllowedOneIs() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        web.get().uri("/api/v1/subjects/{e164}/export", number).header("X-Staff-Reason", "curious marketer")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("MARKETING"))).exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/subjects/{e164}/history", number).header("X-Staff-Reason", "complaint 17")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.history[0].event").exists();

        StaffAccessRecorded history = kafka.await(Topics.CONSENT_EVENTS.name(), StaffAccessRecorded.class,
                r -> subjectId.equals(r.getSubjectId()) && r.getAction().equals("READ_HISTORY"), WAIT);
        assertThat(history.getReason()).isEqualTo("complaint 17");
        assertThat(recordsFor(subjectId)).extracting(StaffAccessRecorded::getStaffSubject)
                .doesNotContain("test-marketing");
    }
}
