package io.consentflow.audit.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import io.consentflow.testsupport.TestInfrastructure;
import io.consentflow.testsupport.WithTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import io.consentflow.platform.mongo.MongoCollections;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The operator's rewind: stop the service, reset the {@code audit-service} consumer group to offset 0 with the Admin
 * client while the group is empty, start again. The listener must re-read the topic from 0 (every record a
 * redelivery, so no entry is written twice) instead of resuming at its old position.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
class RewindTests {

    static final String TOPIC = "consent-events";

    @Autowired
    WebTestClient web;
    @Autowired
    MongoCollections mongo;
    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    MeterRegistry meters;

    @Test
    void resettingTheServiceGroupToZeroReplaysTheTopicWithoutNewEntries() throws Exception {
        KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var event = io.consentflow.events.OptInExpired.newBuilder().setEventId(io.consentflow.schemas.Events.newEventId())
                    .setOccurredAt(java.time.Instant.now()).setProducer("consent-service")
                    .setSubjectId(UUID.randomUUID().toString()).setOptInId(UUID.randomUUID().toString()).build();
            eventIds.add(event.getEventId());
            kafka.publish(TOPIC, event.getSubjectId(), event);
        }
        await().atMost(Duration.ofSeconds(45)).until(() -> count(Filters.in("eventId", eventIds)) == eventIds.size());
        long entriesBefore = count(Filters.regex("chainId", "^" + TOPIC + "-"));

        MessageListenerContainer container = registry.getListenerContainer(AuditListeners.LISTENER_EVENTS);
        // the group an operator resets is the one the README names and the service's configuration sets
        assertThat(container.getGroupId()).isEqualTo("audit-service");
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            container.stop();
            await().atMost(Duration.ofSeconds(45)).until(() -> admin.describeConsumerGroups(List.of("audit-service"))
                    .all().get().get("audit-service").groupState() == GroupState.EMPTY);
            Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                latestSpec.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
                zero.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(0));
            }
            long total = admin.listOffsets(latestSpec).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            admin.alterConsumerGroupOffsets("audit-service", zero).all().get();
            double redeliveredBefore = meters.counter("audit.records.redelivered").count();
            container.start();
            // every record of the topic comes back once more and is recognised as a redelivery
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> meters.counter("audit.records.redelivered").count() - redeliveredBefore >= total);
        } finally {
            if (!container.isRunning()) {
                container.start();
            }
        }
        assertThat(count(Filters.regex("chainId", "^" + TOPIC + "-"))).isEqualTo(entriesBefore);
        assertThat(count(Filters.in("eventId", eventIds))).isEqualTo(eventIds.size());
        web.get().uri("/api/v1/audit/verify").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    private long count(org.bson.conversions.Bson filter) {
        return Mono.from(mongo.named(MongoEntryStore.COLLECTION)
                        .countDocuments(filter))
                .block();
    }
}
