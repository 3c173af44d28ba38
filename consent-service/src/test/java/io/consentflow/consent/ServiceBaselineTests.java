package io.consentflow.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.adapters.mongo.SubjectRepository;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
class ServiceBaselineTests extends ServiceBaselineContract {

    @Autowired
    SubjectRepository subjects;
    @Autowired
    MeterRegistry meters;

    /**
     * The subjects' ciphertexts are encoded for the driver's own transport (config.MongoTransport): the repository's
     * replies arrive on its I/O threads, and its commands are still timed by Spring Boot's metrics.
     */
    @Test
    void theRepositorysRepliesArriveOnTheDriversOwnIoThreads() {
        AtomicReference<String> replyThread = new AtomicReference<>();
        subjects.knownContactKeys(List.of("no-such-contact-key"))
                .doOnTerminate(() -> replyThread.set(Thread.currentThread().getName()))
                .block(Duration.ofSeconds(30));

        // on Spring Boot's Netty transport the reply would arrive on a Netty event loop (multiThreadIoEventLoopGroup)
        assertThat(replyThread.get()).startsWith("mongo-io-");
        assertThat(meters.find("mongodb.driver.commands").tag("collection", "subjects").timers()).isNotEmpty();
    }

    @Override
    protected List<TopicSpec> createdTopics() {
        return List.of(Topics.CONSENT_EVENTS, Topics.CONSENT_STATE, Topics.WHATSAPP_INBOUND.deadLetter(),
                Topics.MESSAGE_EVENTS.deadLetter(), Topics.RETENTION_COMMANDS.deadLetter());
    }

    @Override
    protected Map<String, Set<Role>> staffAccess() {
        // docs/architecture.md#roles
        return Map.ofEntries(
                Map.entry("GET /api/v1/subjects/{e164}/consent",
                        EnumSet.of(Role.DPO, Role.SUPPORT, Role.MARKETING, Role.ADMIN)),
                Map.entry("GET /api/v1/subjects/{e164}/history", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/subjects/{e164}/export", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("POST /api/v1/subjects/{e164}/erasure", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/subjects/{e164}/proof", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("POST /api/v1/subjects/{e164}/stop", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("PUT /api/v1/subjects/{e164}/preferences", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("PATCH /api/v1/subjects/{e164}/preferences", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/erasure-requests", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("POST /api/v1/erasure-requests/{contactKey}/confirm", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("POST /api/v1/erasure-requests/{contactKey}/dismiss", EnumSet.of(Role.DPO, Role.ADMIN)));
    }

    @Override
    protected Map<String, String> pathValues() {
        return Map.of("e164", "+4915100000028");
    }
}
