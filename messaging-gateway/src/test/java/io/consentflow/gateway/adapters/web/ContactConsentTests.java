package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.PendingStops;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Services;
import io.consentflow.testsupport.StaffAccessChecks;
import io.consentflow.testsupport.StaffTokens;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The consent the gate judges a contact by, over real HTTP with staff tokens. */
@GatewayTest
class ContactConsentTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;
    @Autowired
    ConsentTable snapshots;
    @Autowired
    PendingStops pendingStops;

    private WebTestClient.ResponseSpec get(String contactKey, String role) {
        return web.get().uri("/api/v1/contacts/" + contactKey + "/consent").header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole(role))).exchange();
    }

    private JsonNode view(String contactKey) {
        return JSON.readTree(get(contactKey, "SUPPORT").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    @Test
    void showsTheSnapshotAndAStopNotYetReflectedInIt() {
        String key = Fixtures.KEYS.of(randomNumber());
        Instant snapshotAt = Instant.parse("2026-11-01T10:00:00Z");
        snapshots.put(key, new ConsentFacts(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED,
                Set.of("support", "offers"), false, snapshotAt.toEpochMilli()));

        JsonNode confirmed = view(key);
        assertThat(confirmed.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.path("purposes").toString()).isEqualTo("[\"offers\",\"support\"]");
        assertThat(confirmed.path("snapshotAt").asString()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(confirmed.path("stopPending").asBoolean()).isFalse();

        pendingStops.stopped(key, true, Instant.now(), Instant.now());
        JsonNode stopped = view(key);
        assertThat(stopped.path("status").asString()).isEqualTo("STOPPED");
        assertThat(stopped.path("purposes").size()).isZero();
        assertThat(stopped.path("stopPending").asBoolean()).isTrue();
        assertThat(stopped.toString()).doesNotContain("subject");
    }

    @Test
    void readingAContactsConsentAndASubjectsMessagesIsRecordedWithTheReasonAndRefusedWithoutOne() {
        String subject = UUID.randomUUID().toString();
        String key = Fixtures.KEYS.of(randomNumber());
        snapshots.put(key, new ConsentFacts(subject, ConsentStatus.CONFIRMED, Set.of("offers"), false));
        StaffAccessChecks.recordedOnlyWithReason(web, Services.GATEWAY, new StaffAccessChecks.Call(HttpMethod.GET,
                "/api/v1/contacts/" + key + "/consent", "SUPPORT", null), "READ_CONTACT_CONSENT", subject);
        StaffAccessChecks.recordedOnlyWithReason(web, Services.GATEWAY, new StaffAccessChecks.Call(HttpMethod.GET,
                "/api/v1/messages?subjectId=" + subject, "DPO", null), "READ_MESSAGES", subject);
    }

    @Test
    void anUnknownContactIsUnknown() {
        JsonNode unknown = view(Fixtures.KEYS.of(randomNumber()));
        assertThat(unknown.path("status").asString()).isEqualTo("UNKNOWN");
        assertThat(unknown.path("snapshotAt").isNull()).isTrue();
    }

    @Test
    void onlySupportDpoAndAdminMayLookAndOnlyByContactKey() {
        String key = Fixtures.KEYS.of(randomNumber());
        get(key, "DPO").expectStatus().isOk();
        get(key, "ADMIN").expectStatus().isOk();
        get(key, "MARKETING").expectStatus().isForbidden();
        web.get().uri("/api/v1/contacts/" + key + "/consent").exchange().expectStatus().isUnauthorized();
        get("+4915112345678", "SUPPORT").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("contactKey");
    }
}
