package io.consentflow.consent.adapters.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.PeerStubs;
import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.PreferencesChanged;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StopReceived;
import io.consentflow.events.StopTrigger;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.StaffTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class StaffAndErasureTests extends IntegrationTestSupport {

    private void awaitDocumentGone(String subjectId) {
        Instant deadline = Instant.now().plus(WAIT);
        while (subjects.rawDocument(subjectId).blockOptional().isPresent()) {
            assertThat(Instant.now()).as("subject document deleted in time").isBefore(deadline);
            pause();
        }
    }

    private void awaitTombstone(String number) {
        String key = contactKeys.of(number);
        assertThat(kafka.awaitRecords(Topics.CONSENT_STATE.name(), r -> key.equals(r.key()) && r.value() == null, 1,
                WAIT)).hasSize(1);
    }

    @Test
    void staffErasureIsHandedToRetentionServiceAndItsErasureRequestedErasesWithThatErasureId() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        web.post().uri("/api/v1/subjects/{e164}/erasure", number).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange().expectStatus().isForbidden();

        String dpo = StaffTokens.forRole("DPO");
        var answer = web.post().uri("/api/v1/subjects/{e164}/erasure", number).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(dpo))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult();
        String erasureId = answer.getResponseBody().get("erasureId").toString();
        assertThat(answer.getResponseHeaders().getLocation()).hasToString(
                PeerStubs.get().baseUrl() + "/api/v1/retention/erasures/" + erasureId);
        List<PeerStubs.Call> calls = PeerStubs.get().calls(subjectId).stream()
                .filter(c -> c.peer() == PeerStubs.Peer.ERASURE).toList();
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.authorization()).isEqualTo("Bearer " + dpo);
            assertThat(call.staffReason()).as("the reason travels to retention-service").isNotBlank();
        });
        assertThat(subjects.rawDocument(subjectId).blockOptional()).as("nothing erased before retention asks")
                .isPresent();

        // retention-service's part: it emits ErasureRequested with its erasureId, which this service carries out
        kafka.publish(Topics.RETENTION_COMMANDS.name(), subjectId, ErasureRequested.newBuilder()
                .setEventId(Events.newEventId()).setOccurredAt(Instant.now()).setProducer("retention-service")
                .setErasureId(erasureId).setSubjectId(subjectId).setScope(ErasureScope.SUBJECT)
                .setReason(ErasureReason.SUBJECT_REQUEST).setDueAt(Instant.now())
                .setRequiredReceipts(List.of("SubjectErased")).build());
        SubjectErased erased = kafka.await(Topics.CONSENT_EVENTS.name(), SubjectErased.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(erased.getErasureId()).isEqualTo(erasureId);
        assertThat(erased.getScope()).isEqualTo(ErasureScope.SUBJECT);
        awaitTombstone(number);
        awaitDocumentGone(subjectId);
        web.get().uri("/api/v1/subjects/{e164}/export", number).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(dpo)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void withoutRetentionServiceTheErasureIsRefusedWith503AndNothingIsErased() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        PeerStubs.get().behave(subjectId, PeerStubs.Peer.ERASURE, PeerStubs.Behaviour.DOWN);

        web.post().uri("/api/v1/subjects/{e164}/erasure", number).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody(String.class).value(problem -> assertThat(problem).doesNotContain(number.substring(3))
                        .contains("\"field\":\"erasure\""));
        PeerStubs.get().behave(subjectId, PeerStubs.Peer.ERASURE, PeerStubs.Behaviour.DENIED);
        web.post().uri("/api/v1/subjects/{e164}/erasure", number).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("ADMIN"))).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(subjects.byContactKey(contactKeys.of(number)).block().subject().status().name())
                .isEqualTo("CONFIRMED");
        assertThat(allOf(Topics.CONSENT_EVENTS.name(), SubjectErased.class, e -> e.getSubjectId().equals(subjectId)))
                .as("no receipt-less local erasure").isEmpty();
    }

    @Test
    void anErasureRequestedByRetentionIsReceiptedAlsoWhenRepeated() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        ErasureRequested request = ErasureRequested.newBuilder().setEventId(Events.newEventId())
                .setOccurredAt(Instant.now()).setProducer("retention-service").setErasureId("erasure-" + subjectId)
                .setSubjectId(subjectId).setScope(ErasureScope.SUBJECT).setReason(ErasureReason.SUBJECT_REQUEST)
                .setDueAt(Instant.now()).setRequiredReceipts(List.of("SubjectErased")).build();
        kafka.publish(Topics.RETENTION_COMMANDS.name(), subjectId, request);

        awaitTombstone(number);
        awaitDocumentGone(subjectId);
        ErasureRequested again = ErasureRequested.newBuilder(request).setEventId(Events.newEventId()).build();
        kafka.publish(Topics.RETENTION_COMMANDS.name(), subjectId, again);
        assertThat(kafka.awaitRecords(Topics.CONSENT_EVENTS.name(), r -> r.value() instanceof SubjectErased e
                && e.getSubjectId().equals(subjectId) && e.getErasureId().equals("erasure-" + subjectId), 2, WAIT))
                .hasSize(2);
    }

    @Test
    void aPurposesEndRemovesOnlyThatPurposeAndTheLastPurposesEndErasesTheSubject() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers", "event-updates"));
        kafka.publish(Topics.RETENTION_COMMANDS.name(), subjectId, purposeEnd(subjectId, "erasure-1-" + subjectId,
                "event-updates"));

        SubjectErased receipt = kafka.await(Topics.CONSENT_EVENTS.name(), SubjectErased.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(receipt.getPurpose()).isEqualTo("event-updates");
        PreferencesChanged change = kafka.await(Topics.CONSENT_EVENTS.name(), PreferencesChanged.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(change.getPurposesAfter()).containsExactly("offers");
        String key = contactKeys.of(number);
        assertThat(kafka.awaitRecords(Topics.CONSENT_STATE.name(), r -> key.equals(r.key())
                && r.value() instanceof io.consentflow.events.ConsentSnapshot snapshot
                && snapshot.getPurposes().equals(List.of("offers")), 1, WAIT)).hasSize(1);
        var kept = subjects.byContactKey(key).block().subject();
        assertThat(kept.status().name()).isEqualTo("CONFIRMED");
        assertThat(kept.purposes()).containsExactly("offers");
        assertThat(kept.e164()).isEqualTo(number);

        // the other purpose ends as well: nothing is left, so the subject goes
        kafka.publish(Topics.RETENTION_COMMANDS.name(), subjectId, purposeEnd(subjectId, "erasure-2-" + subjectId,
                "offers"));
        awaitTombstone(number);
        awaitDocumentGone(subjectId);
        assertThat(allOf(Topics.CONSENT_EVENTS.name(), SubjectErased.class, e -> e.getSubjectId().equals(subjectId)))
                .extracting(SubjectErased::getPurpose).containsExactly("event-updates", null);
    }

    private static ErasureRequested purposeEnd(String subjectId, String erasureId, String purpose) {
        return ErasureRequested.newBuilder().setEventId(Events.newEventId()).setOccurredAt(Instant.now())
                .setProducer("retention-service").setErasureId(erasureId).setSubjectId(subjectId)
                .setScope(ErasureScope.SUBJECT).setReason(ErasureReason.PURPOSE_ENDED).setDueAt(Instant.now())
                .setRequiredReceipts(List.of("SubjectErased", "MessageLogErased")).setPurpose(purpose).build();
    }

    @Test
    void staffNarrowsAtOnceWidensOnlyWithConfirmationAndWithdraws() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers", "new-collections"));
        String token = StaffTokens.forRole("SUPPORT");

        web.patch().uri("/api/v1/subjects/{e164}/preferences", number).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("purposes", List.of("offers")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.purposes.length()").isEqualTo(1);
        PreferencesChanged narrowed = kafka.await(Topics.CONSENT_EVENTS.name(), PreferencesChanged.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(narrowed.getPurposesAfter()).containsExactly("offers");

        web.put().uri("/api/v1/subjects/{e164}/preferences", number).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("purposes", List.of("offers", "support")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.purposes.length()").isEqualTo(1)
                .jsonPath("$.pending.widening").isEqualTo(true);
        List<SendRequest> confirmations = kafka.awaitRecords(Topics.SEND_REQUESTS.name(),
                r -> r.value() instanceof SendRequest s && s.getTo().equals(number) && s.getTemplate() != null, 2,
                WAIT).stream().map(r -> (SendRequest) r.value()).toList();
        assertThat(confirmations).hasSize(2);

        web.put().uri("/api/v1/subjects/{e164}/preferences", number).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("purposes", List.of("lottery")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("purposes");

        web.post().uri("/api/v1/subjects/{e164}/stop", number).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("STOPPED");
        StopReceived stop = kafka.await(Topics.CONSENT_EVENTS.name(), StopReceived.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(stop.getTrigger()).isEqualTo(StopTrigger.STAFF_API);
        web.patch().uri("/api/v1/subjects/{e164}/preferences", number).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("purposes", List.of("offers")))
                .exchange().expectStatus().isEqualTo(409).expectBody(String.class)
                .value(problem -> assertThat(problem).as("no number in the problem's instance")
                        .doesNotContain(number.substring(3)));
    }

    @Test
    void staffCallsWithABadNumberOrAnUnknownOneAnswerClearly() {
        String token = StaffTokens.forRole("DPO");
        web.get().uri("/api/v1/subjects/{e164}/consent", "12345").header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("e164");
        String unknown = randomNumber();
        web.get().uri("/api/v1/subjects/{e164}/consent", unknown).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound();
        web.post().uri("/api/v1/subjects/{e164}/erasure", unknown).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound();
        // the framework's own errors (here an unreadable body) name the route, never the number in the path
        web.put().uri("/api/v1/subjects/{e164}/preferences", unknown).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{not json").exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(problem -> assertThat(problem).contains("\"field\":\"body\"")
                        .contains("%7Be164%7D").doesNotContain(unknown.substring(1)));
    }
}
