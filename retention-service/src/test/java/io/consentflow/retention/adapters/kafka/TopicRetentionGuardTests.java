package io.consentflow.retention.adapters.kafka;

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

/**
 * The topics whose bounds are stated, on the real broker: every setting a bound depends on is checked against the
 * catalog; a deviation is set back, or reported as DOWN naming the setting.
 */
@RetentionServiceTest
class TopicRetentionGuardTests {

    private static final long THIRTY_DAYS = Duration.ofDays(30).toMillis();
    private static final long SEVEN_DAYS = Duration.ofDays(7).toMillis();
    private static final String SEND_REQUESTS = Topics.SEND_REQUESTS.name();
    private static final String INBOUND_DLT = Topics.WHATSAPP_INBOUND.deadLetterTopic();
    private static final String CONSENT_STATE = Topics.CONSENT_STATE.name();

    @Autowired
    private TopicRetentionGuard guard;
    @Autowired
    private RetentionPolicies policies;

    private Admin admin;

    @BeforeEach
    void topicsWithTooLongRetention() throws Exception {
        admin = Admin.create(adminConfig());
        for (String topic : List.of(SEND_REQUESTS, INBOUND_DLT, CONSENT_STATE)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(
                        topic.equals(CONSENT_STATE) ? Map.of("cleanup.policy", "compact") : Map.of()))).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
            }
        }
        set(SEND_REQUESTS, "retention.ms", Long.toString(THIRTY_DAYS));
        set(INBOUND_DLT, "retention.ms", Long.toString(THIRTY_DAYS));
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
                    assertThat(finding.deviations()).contains(new BoundSettings.Deviation("retention.ms",
                            Long.toString(THIRTY_DAYS), Long.toString(max)));
                });
        assertThat(setting(SEND_REQUESTS, "retention.ms")).isEqualTo(Long.toString(max));
        assertThat(setting(INBOUND_DLT, "retention.ms"))
                .isEqualTo(Long.toString(policies.topicRetention().get("whatsapp-inbound").toMillis()));
        assertThat(guard.check()).filteredOn(finding -> List.of(SEND_REQUESTS, INBOUND_DLT, CONSENT_STATE)
                .contains(finding.topic())).hasSize(3)
                .allSatisfy(finding -> assertThat(finding.outcome()).isEqualTo(TopicRetentionGuard.Outcome.OK));
    }

    @Test
    void withoutFixingAViolationIsReportedAndHealthIsDown() throws Exception {
        TopicRetentionGuard reportOnly = new TopicRetentionGuard(adminConfig(), policies, false);

        assertThat(reportOnly.check()).filteredOn(finding -> finding.outcome() == TopicRetentionGuard.Outcome.VIOLATION)
                .extracting(TopicRetentionGuard.Finding::topic).contains(SEND_REQUESTS, INBOUND_DLT);
        assertThat(setting(SEND_REQUESTS, "retention.ms")).as("left alone").isEqualTo(Long.toString(THIRTY_DAYS));
        var health = new TopicRetentionHealthIndicator(reportOnly).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("boundSettingsDeviate").toString()).contains(SEND_REQUESTS);
    }

    /** From a state where every bound holds, each single change of a setting the bound depends on is detected. */
    @Test
    void eachSettingABoundDependsOnIsCheckedOnItsOwn() throws Exception {
        guard.check(); // everything as the catalog has it
        TopicRetentionGuard reportOnly = new TopicRetentionGuard(adminConfig(), policies, false);
        assertThat(reportOnly.check()).as("the control: nothing deviates")
                .noneMatch(finding -> finding.outcome() == TopicRetentionGuard.Outcome.VIOLATION);

        for (var change : List.of(
                new String[] {SEND_REQUESTS, "segment.ms", Long.toString(SEVEN_DAYS)},
                new String[] {SEND_REQUESTS, "message.timestamp.type", "CreateTime"},
                new String[] {INBOUND_DLT, "file.delete.delay.ms", Long.toString(Duration.ofHours(1).toMillis())},
                new String[] {CONSENT_STATE, "delete.retention.ms", Long.toString(SEVEN_DAYS)},
                new String[] {CONSENT_STATE, "max.compaction.lag.ms", Long.toString(Long.MAX_VALUE)},
                new String[] {CONSENT_STATE, "cleanup.policy", "delete"})) {
            String topic = change[0];
            String name = change[1];
            String catalog = setting(topic, name);
            set(topic, name, change[2]);

            List<TopicRetentionGuard.Finding> violations = reportOnly.check().stream()
                    .filter(finding -> finding.outcome() == TopicRetentionGuard.Outcome.VIOLATION).toList();
            assertThat(violations).as("%s %s", topic, name).singleElement().satisfies(finding -> {
                assertThat(finding.topic()).isEqualTo(topic);
                assertThat(finding.deviations()).containsExactly(new BoundSettings.Deviation(name, change[2], catalog));
            });
            var health = new TopicRetentionHealthIndicator(reportOnly).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("boundSettingsDeviate")).isEqualTo(Map.of(topic, List.of(name)));

            assertThat(guard.check()).filteredOn(finding -> finding.topic().equals(topic)).singleElement()
                    .satisfies(finding -> assertThat(finding.outcome()).isEqualTo(TopicRetentionGuard.Outcome.FIXED));
            assertThat(setting(topic, name)).as("set back to the catalog").isEqualTo(catalog);
        }
    }

    private static Map<String, Object> adminConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
    }

    private void set(String topic, String name, String value) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry(name, value), AlterConfigOp.OpType.SET)))).all().get();
    }

    private String setting(String topic, String name) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
    }
}
