package io.consentflow.consent.adapters.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.PeerStubs;
import io.consentflow.consent.PeerStubs.Behaviour;
import io.consentflow.consent.PeerStubs.Call;
import io.consentflow.consent.PeerStubs.Peer;
import io.consentflow.testsupport.StaffTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Art. 15 export: what the gateway, retention-service and audit-service hold, fetched over real HTTP (stubs). */
class ExportFromOtherServicesTests extends IntegrationTestSupport {

    private final PeerStubs peers = PeerStubs.get();

    private WebTestClient.BodyContentSpec export(String number, String token) {
        return web.get().uri("/api/v1/subjects/{e164}/export", number).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody();
    }

    @Test
    void allThreeServicesAreEmbeddedWithTheCallersOwnTokenAndEveryAuditPage() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        peers.auditEntries(subjectId, 450); // pages of 200 in the test configuration: 3 pages
        String token = StaffTokens.forRole("DPO");

        export(number, token)
                .jsonPath("$.subjectId").isEqualTo(subjectId)
                .jsonPath("$.phoneNumber").isEqualTo(number)
                .jsonPath("$.complete").isEqualTo(true)
                .jsonPath("$.otherServices['messaging-gateway'].status").isEqualTo("OK")
                .jsonPath("$.otherServices['messaging-gateway'].data.subjectId").isEqualTo(subjectId)
                .jsonPath("$.otherServices['messaging-gateway'].data.messages[0].requestId").isEqualTo("req-1")
                .jsonPath("$.otherServices['retention-service'].status").isEqualTo("OK")
                .jsonPath("$.otherServices['retention-service'].data.deadlines[0].kind").isEqualTo("CONSENT_PROOF")
                .jsonPath("$.otherServices['audit-service'].status").isEqualTo("OK")
                .jsonPath("$.otherServices['audit-service'].data.total").isEqualTo(450)
                .jsonPath("$.otherServices['audit-service'].data.entries.length()").isEqualTo(450)
                .jsonPath("$.otherServices['audit-service'].data.entries[0].sequence").isEqualTo(0)
                .jsonPath("$.otherServices['audit-service'].data.entries[449].sequence").isEqualTo(449);

        List<Call> calls = peers.calls(subjectId);
        assertThat(calls).extracting(Call::peer).contains(Peer.GATEWAY, Peer.RETENTION, Peer.AUDIT);
        assertThat(calls).as("the caller's own token is relayed to every peer, nothing else")
                .allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bearer " + token));
        assertThat(calls).as("and the caller's reason, so each peer records its own part of the access")
                .allSatisfy(call -> assertThat(call.staffReason()).isEqualTo("test%3A+ticket+4711"));
        assertThat(calls.stream().filter(c -> c.peer() == Peer.AUDIT).map(c -> c.query().get("page")))
                .containsExactly("0", "1", "2");
        assertThat(calls.stream().filter(c -> c.peer() == Peer.AUDIT).map(c -> c.query().get("size")))
                .containsOnly("200");
    }

    @Test
    void aPeerThatIsDownOrSlowIsMarkedUnavailableAndTheExportStillAnswers() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        peers.behave(subjectId, Peer.GATEWAY, Behaviour.DOWN);
        peers.behave(subjectId, Peer.AUDIT, Behaviour.SLOW);

        export(number, StaffTokens.forRole("ADMIN"))
                .jsonPath("$.subjectId").isEqualTo(subjectId)
                .jsonPath("$.evidence[0].noticeVersion").isEqualTo("2026-11")
                .jsonPath("$.complete").isEqualTo(false)
                .jsonPath("$.otherServices['messaging-gateway'].status").isEqualTo("UNAVAILABLE")
                .jsonPath("$.otherServices['messaging-gateway'].data").isEmpty()
                .jsonPath("$.otherServices['audit-service'].status").isEqualTo("UNAVAILABLE")
                .jsonPath("$.otherServices['retention-service'].status").isEqualTo("OK");
    }

    @Test
    void aPeerThatRefusesTheCallerIsMarkedDenied() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        peers.behave(subjectId, Peer.RETENTION, Behaviour.DENIED);

        String raw = new String(export(number, StaffTokens.forRole("DPO"))
                .jsonPath("$.complete").isEqualTo(false)
                .jsonPath("$.otherServices['retention-service'].status").isEqualTo("DENIED")
                .jsonPath("$.otherServices['messaging-gateway'].status").isEqualTo("OK")
                .jsonPath("$.otherServices['audit-service'].status").isEqualTo("OK")
                .returnResult().getResponseBodyContent());
        assertThat(raw).contains("\"data\":null");
    }
}
