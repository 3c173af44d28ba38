package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.audit.domain.DeletionCertificates;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.domain.VerificationKeys;
import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.MessageLogErased;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.Events;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The signed deletion certificate of an erasure, from the audit log, over real HTTP. */
class DeletionCertificateTests extends AuditIntegrationTest {

    private final String subjectId = UUID.randomUUID().toString();
    private final String erasureId = UUID.randomUUID().toString();
    private final Instant requested = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    @SuppressWarnings("unchecked")
    void aCompletedErasureGetsASignedCertificateNamingEveryReceiptWhatRemainsAndTheLastCopyDate() throws Exception {
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "send-requests", "+4915112345678", TestEvents.sendRequest(subjectId, "+4915112345678", "x"));
        publish(eventIds, "retention-commands", subjectId, command(List.of("SubjectErased", "MessageLogErased")));
        Instant consentDone = requested.plusSeconds(2);
        Instant gatewayDone = requested.plusSeconds(3);
        publish(eventIds, "consent-events", subjectId, SubjectErased.newBuilder().setEventId(Events.newEventId())
                .setOccurredAt(consentDone).setProducer("consent-service").setSubjectId(subjectId)
                .setErasureId(erasureId).setScope(ErasureScope.SUBJECT).build());
        publish(eventIds, "message-events", subjectId, MessageLogErased.newBuilder().setEventId(Events.newEventId())
                .setOccurredAt(gatewayDone).setProducer("messaging-gateway").setSubjectId(subjectId)
                .setErasureId(erasureId).setMessagesErased(3).build());
        awaitEntries(eventIds);
        await().atMost(Duration.ofSeconds(30)).until(() -> certificate().get("certificate") instanceof Map<?, ?> c
                && ((Map<String, Object>) c).get("missingReceipts") instanceof List<?> l && l.isEmpty());

        Map<String, Object> signed = certificate();
        Map<String, Object> c = (Map<String, Object>) signed.get("certificate");
        assertThat(c).containsEntry("erasureId", erasureId).containsEntry("subjectId", subjectId)
                .containsEntry("status", "COMPLETE").containsEntry("scope", "SUBJECT")
                .containsEntry("requestedAt", requested.toString());
        List<Map<String, Object>> receipts = (List<Map<String, Object>>) c.get("receipts");
        assertThat(receipts).extracting(r -> r.get("service")).containsExactly("messaging-gateway", "consent-service");
        assertThat(receipts).extracting(r -> r.get("at")).contains(consentDone.toString(), gatewayDone.toString());
        assertThat(receipts).allSatisfy(r -> assertThat(((Map<String, Object>) r.get("entry")).get("hash"))
                .asString().hasSize(64));
        // the backups' week outlasts the topics' 73 h 6 min: the last copy is gone a week after the last receipt
        assertThat(c.get("lastCopyGoneBy")).isEqualTo(gatewayDone.plus(Duration.ofDays(7)).toString());
        assertThat((Map<String, Object>) ((Map<String, Object>) c.get("bounds")).get("numberTopicsLastCopy"))
                .containsEntry("send-requests", "PT73H6M").containsEntry("whatsapp-inbound-dlt", "PT73H6M");
        assertThat((Map<String, Object>) ((Map<String, Object>) c.get("bounds")).get("contactKeyTopicsLastCopy"))
                .as("1 h roll + 15 s + 1 day + 15 s + 1 min").containsEntry("consent-state", "PT25H1M30S")
                .as("30 days + 1 h segments + 5 min check + 1 min").containsEntry("consent-state-dlt", "PT721H6M");
        assertThat(((Map<String, Object>) c.get("bounds")).get("unlinkedSalts")).isEqualTo("PT168H");
        assertThat(c.get("remains").toString()).contains("audit log entries naming the random subjectId",
                "made unlinkable (salt shredded)", "database backups", "max.compaction.lag.ms",
                "salts of contacts the log never saw with a subject", "Kafka consent-state-dlt: snapshots a reader");
        assertThat(c.get("remains").toString()).doesNotContain("Kafka consent-state-dlt: events naming the subjectId");
        assertThat(signed.toString()).doesNotContain("4915112345678");

        // verifies with the published public key alone (as a recipient would, offline), and not when altered
        String publicKey = web.get().uri("/api/v1/audit/checkpoints/key").exchange().expectBody(Map.class)
                .returnResult().getResponseBody().get("publicKey").toString();
        byte[] canonical = signed.get("canonical").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(ed25519(publicKey, canonical, signed.get("signature").toString())).isTrue();
        assertThat(ed25519(publicKey, signed.get("canonical").toString().replace(subjectId, UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8), signed.get("signature").toString())).isFalse();
        VerificationKeys keys = VerificationKeys.currentOnly(SigningKeys.publicKeyFromBase64(publicKey));
        var asIssued = new DeletionCertificates.Signed(numbersAsLongs(c), signed.get("canonical").toString(),
                signed.get("algorithm").toString(), signed.get("keyId").toString(), signed.get("signature").toString());
        assertThat(DeletionCertificates.verify(asIssued, keys)).isTrue();
        Map<String, Object> altered = new LinkedHashMap<>(asIssued.certificate());
        altered.put("status", "AWAITING_RECEIPTS");
        assertThat(DeletionCertificates.verify(new DeletionCertificates.Signed(altered, asIssued.canonical(),
                asIssued.algorithm(), asIssued.keyId(), asIssued.signature()), keys)).isFalse();

        web.get().uri("/api/v1/audit/erasures/" + erasureId + "/certificate").header("X-Staff-Reason", "test: ticket 4711").accept(MediaType.TEXT_HTML)
                .headers(h -> h.setBearerAuth(io.consentflow.testsupport.StaffTokens.forRole("ADMIN"))).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("Deletion certificate", erasureId,
                        "COMPLETE", "messaging-gateway", "What remains and why").doesNotContain("<script"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anErasureStillAwaitingReceiptsSaysWhichAndNamesNoLastCopyDate() {
        List<String> eventIds = new ArrayList<>();
        publish(eventIds, "retention-commands", subjectId, command(List.of("SubjectErased", "MessageLogErased")));
        awaitEntries(eventIds);
        Map<String, Object> c = (Map<String, Object>) certificate().get("certificate");
        assertThat(c).containsEntry("status", "AWAITING_RECEIPTS").containsEntry("lastCopyGoneBy", null);
        assertThat((List<String>) c.get("missingReceipts")).containsExactly("SubjectErased", "MessageLogErased");

        get("/api/v1/audit/erasures/" + erasureId + "/certificate", "SUPPORT").expectStatus().isForbidden();
        get("/api/v1/audit/erasures/" + UUID.randomUUID() + "/certificate", "DPO").expectStatus().isNotFound();
        get("/api/v1/audit/erasures/a%20b/certificate", "DPO").expectStatus().isBadRequest();
    }

    private ErasureRequested command(List<String> receipts) {
        return ErasureRequested.newBuilder().setEventId(Events.newEventId()).setOccurredAt(requested)
                .setProducer("retention-service").setErasureId(erasureId).setSubjectId(subjectId)
                .setScope(ErasureScope.SUBJECT).setReason(ErasureReason.SUBJECT_REQUEST).setDueAt(requested)
                .setRequiredReceipts(receipts).build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> certificate() {
        return get("/api/v1/audit/erasures/" + erasureId + "/certificate", "DPO").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private void publish(List<String> eventIds, String topic, String key, SpecificRecord event) {
        eventIds.add(Events.eventId(event));
        kafka.publish(topic, key, event);
    }

    private static boolean ed25519(String x509Base64, byte[] data, String signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(SigningKeys.publicKeyFromBase64(x509Base64));
        verifier.update(data);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    /** JSON reads small integers as Integer; the canonical form writes every integer the same way either way. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> numbersAsLongs(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? numbersAsLongs((Map<String, Object>) m)
                : v instanceof List<?> l ? l.stream().map(i -> i instanceof Map<?, ?> m
                        ? numbersAsLongs((Map<String, Object>) m) : i).toList() : v));
        return out;
    }
}
