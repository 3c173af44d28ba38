package io.consentflow.retention.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.retention.RetentionServiceTest;
import io.consentflow.retention.domain.RetentionPolicies;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

/** The personal-data topics on the real broker: a retention longer than policy is lowered, or reported as DOWN. */
@RetentionServiceTest
class TopicRetentionGuardTests {

    private static final long THIRTY_DAYS = Duration.ofDays(30).toMillis();
    private static final String SEND_REQUESTS = Topics.SEND_REQUESTS.name();
    private static final String INBOUND_DLT = Topics.WHATSAPP_INBOUND.deadLetterTopic();

    @Autowired
    private TopicRetentionGuard guard;
    @Autowired
    private RetentionPolicies policies;

    private Admin admin;

    @BeforeEach
    void topicsWithTooLongRetention() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()));
        for (String topic : List.of(SEND_REQUESTS, INBOUND_DLT)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
            }
            setRetention(topic, THIRTY_DAYS);
        }
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void aTooLongRetentionIsLoweredToThePolicy() throws Exception {
        long max = policies.topicRetention().get(SEND_REQUESTS).toMillis();

        List<TopicRetentionGuard.Finding> findings = guard.check();

        assertThat(findings).filteredOn(finding -> finding.topic().equals(SEND_REQUESTS)).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.outcome()).isEqualTo(TopicRetentionGuard.Outcome.FIXED);
                    assertThat(finding.retentionMs()).isEqualTo(THIRTY_DAYS);
                });
        assertThat(retention(SEND_REQUESTS)).isEqualTo(max);
        assertThat(retention(INBOUND_DLT)).isEqualTo(policies.topicRetention().get("whatsapp-inbound").toMillis());
        assertThat(guard.check()).filteredOn(finding -> finding.topic().equals(SEND_REQUESTS)).singleElement()
                .satisfies(finding -> assertThat(finding.outcome()).isEqualTo(TopicRetentionGuard.Outcome.OK));
    }

    @Test
    void withoutFixingAViolationIsReportedAndHealthIsDown() throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers());
        TopicRetentionGuard reportOnly = new TopicRetentionGuard(config, policies, false);

        assertThat(reportOnly.check()).filteredOn(finding -> finding.outcome() == TopicRetentionGuard.Outcome.VIOLATION)
                .extracting(TopicRetentionGuard.Finding::topic).contains(SEND_REQUESTS, INBOUND_DLT);
        assertThat(retention(SEND_REQUESTS)).as("left alone").isEqualTo(THIRTY_DAYS);
        var health = new TopicRetentionHealthIndicator(reportOnly).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("retentionExceedsPolicy").toString()).contains(SEND_REQUESTS);
    }

    private void setRetention(String topic, long millis) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", Long.toString(millis)), AlterConfigOp.OpType.SET)))).all().get();
    }

    private long retention(String topic) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return Long.parseLong(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get("retention.ms").value());
    }
}
