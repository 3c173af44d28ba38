package io.consentflow.retention;

import io.consentflow.retention.adapters.kafka.ListenerIntake;
import io.consentflow.testsupport.WithTestInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import io.consentflow.schemas.Topics;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The one Spring test configuration of this module (so every test class shares one cached context): the whole service
 * on the shared real broker and MongoDB, with a clock the tests move forward and fast scheduler rounds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "consentflow.retention.scheduler.interval=PT0.3S",
        "consentflow.retention.receipt-grace=PT1H"})
@AutoConfigureWebTestClient
@WithTestInfrastructure
@Import({RetentionServiceTest.TestClock.class, ListenerIntake.class})
public @interface RetentionServiceTest {

    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.now());
        }

        /** The topics consent-service and the gateway own; in the suite they exist before this service consumes them. */
        @Bean
        KafkaAdmin.NewTopics peerTopics() {
            return new KafkaAdmin.NewTopics(Stream.of(Topics.CONSENT_EVENTS, Topics.MESSAGE_EVENTS)
                    .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()))
                    .toArray(NewTopic[]::new));
        }
    }
}
