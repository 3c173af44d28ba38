package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.schemas.Services;
import io.consentflow.testsupport.StaffAccessChecks;
import io.consentflow.testsupport.StaffAccessChecks.Call;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * audit-service's own staff accountability: reading a subject's proof, evidence chain or entries, the CSV export and
 * a deletion certificate needs a reason, is recorded on audit-staff-access and chained like every other event.
 */
class StaffAccessTests extends AuditIntegrationTest {

    @Test
    void everyReadOfSubjectDataIsRecordedWithTheReasonChainedAndRefusedWithoutOne() {
        String subjectId = UUID.randomUUID().toString();
        StaffAccessRecorded proof = StaffAccessChecks.recordedOnlyWithReason(web, Services.AUDIT,
                new Call(HttpMethod.GET, "/api/v1/audit/subjects/" + subjectId + "/proof", "DPO", null),
                "READ_PROOF", subjectId);
        StaffAccessChecks.recordedOnlyWithReason(web, Services.AUDIT,
                new Call(HttpMethod.GET, "/api/v1/audit/subjects/" + subjectId + "/evidence-chain", "ADMIN", null),
                "READ_EVIDENCE_CHAIN", subjectId);
        StaffAccessChecks.recordedOnlyWithReason(web, Services.AUDIT,
                new Call(HttpMethod.GET, "/api/v1/audit/entries?subjectId=" + subjectId, "DPO", null),
                "READ_ENTRIES", subjectId);
        StaffAccessChecks.recordedOnlyWithReason(web, Services.AUDIT,
                new Call(HttpMethod.GET, "/api/v1/audit/erasures/" + UUID.randomUUID() + "/certificate", "DPO", null),
                "READ_CERTIFICATE", null);

        // chained: the record is an entry of the subject on audit-staff-access, staff subject and action included
        List<Document> entries = awaitEntries(List.of(proof.getEventId()));
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.getString("type")).isEqualTo("StaffAccessRecorded");
            assertThat(entry.getString("subjectId")).isEqualTo(subjectId);
            assertThat(entry.toJson()).contains("audit-staff-access", "test-dpo", "READ_PROOF");
        });
    }
}
