package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.adapters.mongo.ApiRequestExpiry;
import io.consentflow.gateway.adapters.mongo.MongoApiRequestClaims;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Issue 26's open parts, scope and growth: a campaign system (role CAMPAIGN) reads the timelines of its own client's
 * requests only and counts only its own requests in a campaign report, staff roles read all; single requests
 * posted at the same moment share their claim insert and publication and stay idempotent, also when the same
 * requestId arrives twice in one chunk; {@code api_send_requests} entries older than the keep period are deleted.
 */
@GatewayTest
class CampaignClientScopeTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();
    private final String clientA = StaffTokens.forClient("CAMPAIGN", "shop-a-" + UUID.randomUUID());
    private final String clientB = StaffTokens.forClient("CAMPAIGN", "shop-b-" + UUID.randomUUID());

    @Autowired
    WebTestClient web;
    @Autowired
    ConsentTable consents;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    ApiRequestExpiry expiry;

    @Test
    void aCampaignSystemReadsItsOwnRequestsAndCountsOnlyThemStaffReadEverything() {
        String campaign = "scope-" + UUID.randomUUID().toString().substring(0, 8);
        String number = consented();
        String ofA = campaign + "-a";
        String ofB = campaign + "-b";
        String strangerOfA = campaign + "-a2";
        post(clientA, "/api/v1/campaigns/" + campaign + "/send-requests", List.of(item(ofA, number),
                item(strangerOfA, randomNumber()))).expectStatus().isAccepted();
        post(clientB, "/api/v1/campaigns/" + campaign + "/send-requests", List.of(item(ofB, randomNumber())))
                .expectStatus().isAccepted();
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class, e -> ofA.equals(e.getRequestId()), WAIT);
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageBlocked.class, e -> ofB.equals(e.getRequestId()), WAIT);
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageBlocked.class, e -> strangerOfA.equals(e.getRequestId()),
                WAIT);

        timeline(clientA, ofA).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("SENT");
        timeline(clientB, ofB).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("BLOCKED");
        // another client's request reads like one that does not exist
        timeline(clientB, ofA).expectStatus().isNotFound();
        timeline(clientA, ofB).expectStatus().isNotFound();
        timeline(StaffTokens.forRole("SUPPORT"), ofB).expectStatus().isOk();

        report(clientA, campaign).jsonPath("$.requested").isEqualTo(2).jsonPath("$.sent").isEqualTo(1)
                .jsonPath("$.blockedByReason").isEqualTo(Map.of("NO_CONSENT", 1));
        report(clientB, campaign).jsonPath("$.requested").isEqualTo(1).jsonPath("$.sent").isEqualTo(0)
                .jsonPath("$.blockedByReason").isEqualTo(Map.of("NO_CONSENT", 1));
        report(StaffTokens.forClient("CAMPAIGN", "shop-c"), campaign).jsonPath("$.requested").isEqualTo(0);
        report(StaffTokens.forRole("MARKETING"), campaign).jsonPath("$.requested").isEqualTo(3)
                .jsonPath("$.blockedByReason").isEqualTo(Map.of("NO_CONSENT", 2));
        String csv = web.get().uri("/api/v1/campaigns/" + campaign + "/report.csv")
                .headers(h -> h.setBearerAuth(clientB)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.lines()).contains("requested,,1", "sent,,0");
    }

    @Test
    void concurrentSinglesShareChunksAndEachRequestIdIsPublishedOnce() {
        String prefix = "chunk-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(40);
        for (int i = 0; i < 20; i++) {
            String requestId = prefix + "-" + i;
            ids.add(requestId);
            for (int copy = 0; copy < 2; copy++) { // the same requestId twice at the same moment
                posts.add(CompletableFuture.runAsync(() -> post(clientA, "/api/v1/send-requests",
                        item(requestId, randomNumber())).expectStatus().isAccepted(), clients));
            }
        }
        posts.forEach(CompletableFuture::join);
        clients.shutdown();
        // positive control: a request posted after them all is on the topic, so every earlier one would be too
        String control = prefix + "-control";
        post(clientA, "/api/v1/send-requests", item(control, randomNumber())).expectStatus().isAccepted();
        kafka.await(Topics.SEND_REQUESTS.name(), SendRequest.class, r -> control.equals(r.getRequestId()), WAIT);

        var deserializer = new AvroEventDeserializer();
        List<String> published = kafka.readAllRaw(Topics.SEND_REQUESTS.name(), WAIT).stream()
                .map(r -> ((SendRequest) deserializer.deserialize(Topics.SEND_REQUESTS.name(), r.value()))
                        .getRequestId())
                .filter(id -> id.startsWith(prefix + "-") && !id.equals(control)).toList();
        assertThat(published).hasSize(ids.size());
        assertThat(new HashSet<>(published)).isEqualTo(new HashSet<>(ids));
        // every copy was answered 202 with its requestId's timeline
        for (String requestId : ids) {
            post(clientA, "/api/v1/send-requests", item(requestId, randomNumber())).expectStatus().isAccepted()
                    .expectHeader().location("/api/v1/messages/" + requestId);
        }
    }

    @Test
    void entriesOlderThanTheKeepPeriodAreDeletedTheOthersKept() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        for (String requestId : List.of(old, recent)) {
            post(clientA, "/api/v1/send-requests", item(requestId, randomNumber())).expectStatus().isAccepted();
        }
        Date longAgo = Date.from(Instant.now().minus(Duration.ofDays(31)));
        mongo.getCollection(MongoApiRequestClaims.COLLECTION)
                .flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", old), Updates.set(MongoApiRequestClaims.AT, longAgo))))
                .block(WAIT);
        timeline(clientA, old).expectStatus().isOk();

        assertThat(expiry.expire().block(WAIT)).isGreaterThanOrEqualTo(1);

        assertThat(ids(old, recent)).containsExactly(recent);
        timeline(clientA, old).expectStatus().isNotFound();
        timeline(clientA, recent).expectStatus().isOk();
    }

    private Set<String> ids(String... requestIds) {
        return mongo.getCollection(MongoApiRequestClaims.COLLECTION)
                .flatMapMany(c -> c.find(Filters.in("_id", List.of(requestIds))))
                .map(doc -> doc.getString("_id")).collect(java.util.stream.Collectors.toSet()).block(WAIT);
    }

    private WebTestClient.ResponseSpec timeline(String token, String requestId) {
        return web.get().uri("/api/v1/messages/" + requestId).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.BodyContentSpec report(String token, String campaign) {
        return web.get().uri("/api/v1/campaigns/" + campaign + "/report").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody();
    }

    private WebTestClient.ResponseSpec post(String token, String path, Object body) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private static Map<String, Object> item(String requestId, String number) {
        return Map.of("requestId", requestId, "to", number, "purpose", "offers",
                "template", Map.of("name", "offer", "language", "de"));
    }

    private String consented() {
        return Fixtures.consentedToOffers(kafka, consents, WAIT);
    }
}
