package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.security.Role;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.ServiceBaselineContract;
import io.consentflow.testsupport.WithTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import reactor.core.publisher.Mono;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
class ServiceBaselineTests extends ServiceBaselineContract {

    @Autowired
    MongoCollections mongo;
    @Autowired
    MeterRegistry meters;

    /** The entries are encoded for the driver's own transport (config.MongoTransport), with Boot's metrics kept. */
    @Test
    void mongoRepliesArriveOnTheDriversOwnIoThreadsAndCommandsAreStillTimed() {
        AtomicReference<String> thread = new AtomicReference<>();
        Mono.from(mongo.named("transport_probe").find(new Document("_id", "absent")).first())
                .doOnTerminate(() -> thread.set(Thread.currentThread().getName()))
                .block(Duration.ofSeconds(30));

        // on Spring Boot's Netty transport the reply would arrive on a Netty event loop instead
        assertThat(thread.get()).startsWith("mongo-io-");
        assertThat(meters.find("mongodb.driver.commands").tag("collection", "transport_probe").timers()).isNotEmpty();
    }

    @Override
    protected List<TopicSpec> createdTopics() {
        // audit-service owns no topic; it creates the dead-letter topics of the topics it consumes
        return List.of(Topics.CONSENT_EVENTS.deadLetter(), Topics.SEND_REQUESTS.deadLetter(),
                Topics.MESSAGE_EVENTS.deadLetter(), Topics.WHATSAPP_INBOUND.deadLetter(),
                Topics.RETENTION_COMMANDS.deadLetter());
    }

    @Override
    protected Map<String, Set<Role>> staffAccess() {
        // docs/architecture.md#roles
        return Map.ofEntries(
                Map.entry("GET /api/v1/audit/verify", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/checkpoints", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/entries", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/entries.csv", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/anchoring", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/subjects/{subjectId}/proof", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/subjects/{subjectId}/evidence-chain", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/erasures/{erasureId}/certificate", EnumSet.of(Role.DPO, Role.ADMIN)));
    }
}
