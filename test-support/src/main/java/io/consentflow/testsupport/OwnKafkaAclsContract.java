package io.consentflow.testsupport;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A service on a broker that authenticates and authorizes with exactly the catalog's ACLs ({@link SecuredKafkaBroker}),
 * as its own principal, creating no topics: every listener joins the consumer group its ACLs name and reads its topics
 * (issue 22: the ACLs derived from the catalog are enough to run it, docs/architecture.md#kafka-authentication-and-acls).
 * A service's subclass names its principal with
 * {@code @ContextConfiguration(initializers = ...)} and a {@link SecuredKafkaBroker.AsPrincipal}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class, while the brokers and the wire server still run (not at JVM exit, racing their hooks)
@DirtiesContext
public abstract class OwnKafkaAclsContract {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void everyListenerJoinsTheGroupItsAclsNameAndReadsItsTopics() {
        SecuredKafkaBroker.awaitEveryListenerAssigned(listeners, Duration.ofSeconds(60));
    }
}
