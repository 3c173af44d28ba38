package io.consentflow.consent.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.consentflow.consent.app.ErasureOutcome;
import io.consentflow.consent.app.PeerData;
import io.consentflow.consent.app.PeerStatus;
import io.consentflow.consent.app.RateLimits;
import io.consentflow.consent.config.ConsentProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;

/** Peers that refuse connections: real sockets, no Spring context. */
class PeerClientTests {

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ConsentProperties properties(String url) {
        return new ConsentProperties("pepper", "key", List.of(), "signing-key", "Brand", "optin_confirmation", "2026-11", "de",
                List.of(), List.of(),
                Duration.ofHours(48), Duration.ofMinutes(1),
                new RateLimits(3, 20, 3, Duration.ofHours(1), Duration.ofMinutes(10)),
                new ConsentProperties.Outbox(true, Duration.ofMillis(500), 100), 4000,
                new ConsentProperties.Peers(url, url, url, Duration.ofSeconds(2), 200, 500, 1 << 20),
                new ConsentProperties.Proof("", ""));
    }

    @Test
    void aRefusedConnectionIsUnavailableCountedAndLoggedWithoutTokenOrSubject() throws IOException {
        var meters = new SimpleMeterRegistry();
        var client = new PeerClient(WebClient.builder(), properties("http://localhost:" + closedPort()), meters);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(PeerClient.class);
        logger.addAppender(appender);
        String subjectId = UUID.randomUUID().toString();
        String token = "secret-token-" + UUID.randomUUID();
        try {
            assertThat(client.messageLog(subjectId, token).block()).isEqualTo(PeerData.failed(PeerStatus.UNAVAILABLE));
            assertThat(client.retentionDeadlines(subjectId, token).block().status()).isEqualTo(PeerStatus.UNAVAILABLE);
            assertThat(client.auditEntries(subjectId, token).block().status()).isEqualTo(PeerStatus.UNAVAILABLE);
            ErasureOutcome erasure = client.requestErasure(subjectId, token).block();
            assertThat(erasure.status()).isEqualTo(PeerStatus.UNAVAILABLE);
            assertThat(erasure.erasureId()).isNull();
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(meters.counter("consent.peer.calls", "peer", "messaging-gateway", "operation", "export",
                "status", "UNAVAILABLE").count()).isEqualTo(1.0);
        assertThat(meters.counter("consent.peer.calls", "peer", "retention-service", "operation", "erasure",
                "status", "UNAVAILABLE").count()).isEqualTo(1.0);
        assertThat(appender.list).hasSize(4).allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(token).doesNotContain(subjectId).doesNotContain("localhost"));
    }
}
