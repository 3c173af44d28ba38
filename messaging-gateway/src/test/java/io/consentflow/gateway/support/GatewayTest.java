package io.consentflow.gateway.support;

import io.consentflow.testsupport.WithTestInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

/** One Spring context for every integration test class of the module (same annotations = one cached context). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "consentflow.gateway.gate.quiet-from=00:00", "consentflow.gateway.gate.quiet-until=00:00",
        "consentflow.gateway.gate.frequency-cap-max=1000",
        "consentflow.gateway.send.retry.first-backoff=20ms", "consentflow.gateway.send.retry.max-backoff=100ms",
        "consentflow.gateway.send.rate-limit-per-second=1000",
        "consentflow.gateway.whatsapp.response-timeout=1500ms",
        "consentflow.gateway.whatsapp.app-secret=current-test-secret",
        "consentflow.gateway.whatsapp.app-secret-previous=previous-test-secret",
        "consentflow.gateway.signing.customer-service-keys." + Fixtures.HELPDESK + "=" + Fixtures.HELPDESK_KEY,
        "consentflow.gateway.campaign-api.reserved-templates=optin_confirm",
        "spring.kafka.consumer.max-poll-records=20"})
@AutoConfigureWebTestClient
@WithTestInfrastructure
@ContextConfiguration(initializers = StubCloudApiInitializer.class)
public @interface GatewayTest {
}
