package io.consentflow.gateway.support;

import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the gateway at the JVM-wide stub Cloud API and creates the topics other services own (consent-state,
 * retention-commands), as their owners would in a deployment.
 */
public class StubCloudApiInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final StubCloudApi STUB = new StubCloudApi();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        createTopics(List.of(Topics.CONSENT_STATE, Topics.RETENTION_COMMANDS));
        TestPropertyValues.of("consentflow.gateway.whatsapp.base-url=" + STUB.baseUrl()).applyTo(context);
    }

    public static void createTopics(List<TopicSpec> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            for (TopicSpec topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), (short) 1)
                            .configs(topic.configs()))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
