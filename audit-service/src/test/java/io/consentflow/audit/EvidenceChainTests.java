package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.proof.AuditCsv;
import io.consentflow.proof.BundleChecks;
import io.consentflow.proof.Check;
import io.consentflow.proof.CheckpointChecks;
import io.consentflow.proof.Json;
import io.consentflow.proof.ProofBundle;
import io.consentflow.proof.WitnessFolder;
import io.consentflow.proof.WitnessedCheckpoint;
import io.consentflow.schemas.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The chain data of a proof bundle and the CSV export, checked with the offline verifier's own code against the
 * witness folder and the local TSA of the shared context: green as served, red once one stored digest is changed.
 */
class EvidenceChainTests extends AuditIntegrationTest {

    static final String AUDIT_PUBLIC_KEY = "MCowBQYDK2VwAyEASYJWdL7Aqyb0hB0m8Uag1jaJ3yN0MMEDvO0rm0ybMoQ=";

    @Test
    void aSubjectsEntriesComeWithTheirSegmentsAndTimestampedWitnessedCheckpoints() {
        String subjectId = UUID.randomUUID().toString();
        String optInId = UUID.randomUUID().toString();
        List<String> eventIds = new ArrayList<>();
        for (var event : List.of(TestEvents.optInRequested(subjectId, optInId),
                TestEvents.optInConfirmed(subjectId, optInId), TestEvents.stop(subjectId))) {
            eventIds.add(Events.eventId(event));
            kafka.publish("consent-events", subjectId, event);
        }
        awaitEntries(eventIds);

        JsonNode chain = evidenceChain(subjectId);
        // reading the chain is recorded on audit-staff-access before it is served and chained like every event, so a
        // quick intake may already show this read beside the subject's three events (CI saw 4 entries once)
        List<String> types = new ArrayList<>();
        chain.path("entries").forEach(entry -> types.add(entry.path("type").asString()));
        assertThat(types).as("the subject's entries").filteredOn(type -> !"StaffAccessRecorded".equals(type))
                .hasSize(3);
        assertThat(types).as("besides them, only staff reads").hasSizeLessThanOrEqualTo(4);
        assertThat(chain.path("verification").path("valid").asBoolean()).as(chain.toString()).isTrue();
        List<Check> checks = checks(subjectId, chain);
        assertThat(checks).as(lines(checks)).allMatch(Check::ok);
        assertThat(lines(checks)).contains("chain position", "covered by checkpoint", "timestamp", "RFC 3161",
                "pinned TSA");
        ProofBundle bundle = bundle(subjectId, chain);
        assertThat(BundleChecks.againstWitness(bundle, new WitnessFolder(WITNESS).heads())).allMatch(Check::ok);

        // the evidence digest stored in the OptInRequested entry is changed in place
        var entries = collection(MongoEntryStore.COLLECTION);
        Document requested = Mono.from(entries.find(Filters.and(Filters.eq("subjectId", subjectId),
                Filters.eq("type", "OptInRequested"))).first()).block();
        try {
            Mono.from(entries.updateOne(Filters.eq("_id", requested.getString("_id")),
                    Updates.set("payload.evidenceDigest", "ef".repeat(32)))).block();
            JsonNode tampered = evidenceChain(subjectId);
            assertThat(tampered.path("verification").path("valid").asBoolean()).isFalse();
            assertThat(tampered.path("verification").path("failure").path("kind").asString())
                    .isEqualTo("CHANGED_ENTRY");
            List<Check> red = checks(subjectId, tampered);
            assertThat(red).filteredOn(check -> !check.ok()).extracting(Check::detail)
                    .anyMatch(detail -> detail.contains("was changed"));
        } finally {
            Mono.from(entries.replaceOne(Filters.eq("_id", requested.getString("_id")), requested)).block();
        }
        assertThat(checks(subjectId, evidenceChain(subjectId))).allMatch(Check::ok);

        get("/api/v1/audit/subjects/" + subjectId + "/evidence-chain", "SUPPORT").expectStatus().isForbidden();
        get("/api/v1/audit/subjects/+491701234567/evidence-chain", "DPO").expectStatus().isBadRequest();
        // a subject the log knows only from staff reading it has no evidence chain: the read of an unknown
        // subject is recorded first, and once that record is chained the next read is still not found
        String unknown = UUID.randomUUID().toString();
        get("/api/v1/audit/subjects/" + unknown + "/evidence-chain", "DPO").expectStatus().isNotFound();
        await().atMost(Duration.ofSeconds(30)).until(() -> Mono.from(entries.countDocuments(Filters.and(
                Filters.eq("subjectId", unknown), Filters.eq("type", "StaffAccessRecorded")))).block() > 0);
        get("/api/v1/audit/subjects/" + unknown + "/evidence-chain", "DPO").expectStatus().isNotFound();
        // nor a proof of consent (AuditPipelineTests read 200 for an unknown subject once, under load)
        get("/api/v1/audit/subjects/" + unknown + "/proof", "DPO").expectStatus().isNotFound();
        get("/api/v1/audit/anchoring", "SUPPORT").expectStatus().isOk().expectBody()
                .jsonPath("$.timestampAuthority").isEqualTo(true).jsonPath("$.witness").isEqualTo(true)
                .jsonPath("$.latestTimestamped").isEqualTo(true);
    }

    @Test
    void theCsvExportReverifiesOfflineAgainstTheWitnessAndAChangedCellTurnsItRed() {
        String subjectId = UUID.randomUUID().toString();
        Instant from = Instant.now().minusSeconds(5);
        var event = TestEvents.optInRequested(subjectId, UUID.randomUUID().toString());
        kafka.publish("consent-events", subjectId, event);
        awaitEntries(List.of(Events.eventId(event)));
        evidenceChain(subjectId);  // forces a checkpoint covering it, delivered to the witness
        String csv = web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build().get()
                .uri("/api/v1/audit/entries.csv?from=" + from + "&to=" + Instant.now().plusSeconds(60)).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(io.consentflow.testsupport.StaffTokens.forRole("DPO"))).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).contains(subjectId);
        List<WitnessedCheckpoint> witness = new WitnessFolder(WITNESS).heads();
        List<Check> green = AuditCsv.check(AuditCsv.parse(csv), witness);
        assertThat(green).as(lines(green)).allMatch(Check::ok);
        assertThat(green).extracting(Check::name).contains("witness head");

        String changed = csv.replace("\\\"locale\\\":\\\"de-DE\\\"", "\\\"locale\\\":\\\"en-GB\\\"");
        changed = changed.equals(csv) ? csv.replace("de-DE", "en-GB") : changed;
        assertThat(changed).isNotEqualTo(csv);
        List<Check> red = AuditCsv.check(AuditCsv.parse(changed), witness);
        assertThat(red).filteredOn(check -> !check.ok()).isNotEmpty();
    }

    private JsonNode evidenceChain(String subjectId) {
        String body = get("/api/v1/audit/subjects/" + subjectId + "/evidence-chain", "DPO").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return Json.parse(body, "evidence chain");
    }

    private static ProofBundle bundle(String subjectId, JsonNode chain) {
        return new ProofBundle(ProofBundle.FORMAT, Instant.now().toString(), "en",
                new ProofBundle.Subject(null, subjectId, null, List.of(), null), List.of(), List.of(),
                List.of(Json.MAPPER.treeToValue(chain.path("entries"), ProofBundle.EntryRef[].class)),
                List.of(Json.MAPPER.treeToValue(chain.path("segments"), ProofBundle.Segment[].class)),
                List.of(Json.MAPPER.treeToValue(chain.path("checkpoints"), WitnessedCheckpoint[].class)), null,
                List.of());
    }

    private static List<Check> checks(String subjectId, JsonNode chain) {
        return BundleChecks.check(bundle(subjectId, chain), new CheckpointChecks(List.of(AUDIT_PUBLIC_KEY),
                TSA.certificate(), true));
    }

    private static String lines(List<Check> checks) {
        return String.join("\n", checks.stream().map(Check::line).toList());
    }

    static {
        assertThat(SigningKeys.fromPkcs8Base64(SigningKeys.DEVELOPMENT_KEY).publicKeyBase64())
                .isEqualTo(AUDIT_PUBLIC_KEY);
    }
}
