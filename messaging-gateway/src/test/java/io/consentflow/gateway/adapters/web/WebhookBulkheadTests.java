package io.consentflow.gateway.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.support.GatewayTest;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.netty.http.HttpResources;

/**
 * The web server is a bulkhead: it answers Meta's webhooks (a STOP among them) while every event loop the Cloud API
 * client runs on is busy, because it has loops of its own. On the shared loops, thousands of send responses a second
 * sat in front of the STOP's webhook.
 */
@GatewayTest
class WebhookBulkheadTests {

    @LocalServerPort
    int port;

    @Test
    void webhooksAreAnsweredWhileReactorsSharedEventLoopsAreBusy() throws Exception {
        Set<EventExecutor> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        HttpResources.get().onServer(true).forEach(shared::add);
        HttpResources.get().onClient(true).forEach(shared::add);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allBusy = new CountDownLatch(shared.size());
        for (EventExecutor loop : shared) {
            loop.execute(() -> {
                allBusy.countDown();
                awaitQuietly(release);
            });
        }
        try {
            assertThat(allBusy.await(10, TimeUnit.SECONDS)).as("every shared loop is held").isTrue();
            // the JDK's client, not WebTestClient: that one runs on the very loops held here
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/webhooks/whatsapp?hub.mode=subscribe"
                            + "&hub.verify_token=local-verify-token&hub.challenge=4711"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("4711");
            // and it ran on the server's own loops (their threads start only once the server runs on them)
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .anyMatch(name -> name.startsWith("gateway-web-"));
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
