package io.consentflow.localinfra.send;

import static io.consentflow.localinfra.send.FakeGateway.notFound;
import static io.consentflow.localinfra.send.FakeGateway.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.localinfra.send.GatewayTimeline.NotYet;
import io.consentflow.localinfra.send.GatewayTimeline.Refused;
import io.consentflow.localinfra.send.OutcomeWaiter.Waited;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Following a request in the timeline, against a local HTTP server that answers like messaging-gateway. */
class TimelinePollingTest {

    private static final Duration FAST = Duration.ofMillis(20);
    private final String requestId = UUID.randomUUID().toString();
    private final SendReport report = new SendReport(ZoneOffset.UTC);

    @Test
    void pollsThroughNotFoundAndClaimedUntilTheRequestIsSent() throws Exception {
        try (var gateway = FakeGateway.start(StaffToken.LOCAL_SECRET, id -> List.of(notFound(), notFound(),
                timeline(id, "CLAIMED", null, "CLAIMED@2026-05-01T10:15:02.120Z"),
                timeline(id, "SENT", "wamid.HBgLNDkxNTE", "CLAIMED@2026-05-01T10:15:02.120Z",
                        "SENT@2026-05-01T10:15:02.480Z", "STATUS_DELIVERED@2026-05-01T10:15:03.004Z")))) {
            Waited waited = follow(gateway.url(), StaffToken.LOCAL_SECRET, Duration.ofSeconds(10));

            assertThat(waited.decided()).isTrue();
            assertThat(gateway.callsFor(requestId)).isEqualTo(4);
            List<String> lines = report.outcome(waited, Duration.ofSeconds(10));
            assertThat(lines.get(0)).startsWith("outcome    SENT wamid.HBgLNDkxNTE (after ");
            assertThat(lines.subList(1, lines.size())).containsExactly(
                    "timeline   10:15:02.120  CLAIMED",
                    "           10:15:02.480  SENT",
                    "           10:15:03.004  STATUS_DELIVERED");
        }
    }

    @Test
    void aBlockedRequestShowsTheReasonTheGatewayGives() throws Exception {
        try (var gateway = FakeGateway.start(StaffToken.LOCAL_SECRET, id -> List.of(
                timeline(id, "BLOCKED", null, "CLAIMED@2026-05-01T10:15:02.120Z",
                        "BLOCKED@2026-05-01T10:15:02.131Z@NO_CONSENT: no confirmed consent for offers")))) {
            Waited waited = follow(gateway.url(), StaffToken.LOCAL_SECRET, Duration.ofSeconds(10));

            List<String> lines = report.outcome(waited, Duration.ofSeconds(10));
            assertThat(lines.get(0)).startsWith("outcome    BLOCKED NO_CONSENT: no confirmed consent for offers");
            assertThat(lines).contains("           10:15:02.131  BLOCKED  NO_CONSENT: no confirmed consent for offers");
            assertThat(gateway.callsFor(requestId)).isEqualTo(1);
        }
    }

    @Test
    void givesUpWhenTheWaitIsOverAndSaysTheRequestIsStillClaimed() throws Exception {
        try (var gateway = FakeGateway.start(StaffToken.LOCAL_SECRET, id -> List.of(
                timeline(id, "CLAIMED", null, "CLAIMED@2026-05-01T10:15:02.120Z")))) {
            long started = System.nanoTime();
            // 3 s, not 1: under load (average 15) the first call alone, with the HTTP client's start, took the whole
            // second and the test saw one call
            Waited waited = follow(gateway.url(), StaffToken.LOCAL_SECRET, Duration.ofSeconds(3));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(waited.decided()).isFalse();
            assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
            // asked again until the wait was over (how often depends on the machine's load: 5 calls in 1 s were seen)
            assertThat(gateway.callsFor(requestId)).isGreaterThan(1);
            assertThat(report.outcome(waited, Duration.ofSeconds(3))).containsExactly(
                    "outcome    none within 3s (still CLAIMED)", "timeline   10:15:02.120  CLAIMED");
        }
    }

    @Test
    void aTokenTheGatewayRejectsStopsThePollingAtOnce() throws Exception {
        try (var gateway = FakeGateway.start("the gateway's other secret", id -> List.of(notFound()))) {
            Waited waited = follow(gateway.url(), StaffToken.LOCAL_SECRET, Duration.ofSeconds(10));

            assertThat(waited.last()).isInstanceOfSatisfying(Refused.class,
                    refused -> assertThat(refused.why()).contains("HTTP 401", "CONSENTFLOW_JWT_SECRET"));
            assertThat(gateway.callsFor(requestId)).isEqualTo(1);
        }
    }

    @Test
    void aGatewayThatIsNotRunningIsNamedWhenTheWaitIsOver() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);

        Waited waited = follow(nowhere, StaffToken.LOCAL_SECRET, Duration.ofMillis(300));

        assertThat(waited.last()).isInstanceOf(NotYet.class);
        assertThat(report.outcome(waited, Duration.ofSeconds(3)))
                .containsExactly("outcome    none within 3s (gateway not reachable at " + nowhere
                        + " (ConnectException))");
    }

    @Test
    void theMintedTokenIsTheOneTheTokenCommandPrints() {
        Instant now = Instant.ofEpochSecond(1_777_000_000L);
        String token = StaffToken.mint(StaffToken.LOCAL_SECRET, StaffToken.LOCAL_ISSUER, StaffToken.LOCAL_AUDIENCE,
                "DPO", now,
                Duration.ofHours(12));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        // byte for byte what scripts/StaffToken.java writes for ./run-local.sh token DPO at that instant
        assertThat(claims).isEqualTo("{\"iss\":\"consentflow-local\",\"aud\":\"consentflow-staff\","
                + "\"sub\":\"local-dpo\",\"roles\":[\"DPO\"],"
                + "\"iat\":1777000000,\"exp\":1777043200}");
        assertThat(token.split("\\.")[0]).isEqualTo("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9");
    }

    private Waited follow(URI gateway, String secret, Duration wait) throws InterruptedException {
        String token = StaffToken.mint(secret, StaffToken.LOCAL_ISSUER, StaffToken.LOCAL_AUDIENCE,
                SendCommand.STAFF_ROLE, Instant.now(),
                Duration.ofMinutes(5));
        return OutcomeWaiter.await(new GatewayTimeline(gateway, token), requestId, wait, FAST);
    }
}
