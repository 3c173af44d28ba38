package io.consentflow.gateway.adapters.kafka;

import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The consent view's applied offset per partition, read from outside on the public Prometheus endpoint: once it
 * passes a consent-state record's offset, the view holds that record (what the end-to-end benchmark uses to time a
 * STOP reaching the gate without queueing a send behind a backlog).
 */
@GatewayTest
class AppliedOffsetTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    ConsentTable consents;
    @Autowired
    WebTestClient web;

    @Test
    void theAppliedOffsetPassesARecordOnlyOnceTheViewHoldsIt() {
        String number = randomNumber();
        String contactKey = Fixtures.KEYS.of(number);
        String subjectId = UUID.randomUUID().toString();
        kafka.publish(Topics.CONSENT_STATE.name(), contactKey,
                snapshot(number, subjectId, ConsentStatus.STOPPED, List.of()));
        var record = kafka.awaitRecords(Topics.CONSENT_STATE.name(), r -> contactKey.equals(r.key()), 1, WAIT).get(0);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> appliedOffset(record.partition()) > record.offset());
        // the offset moves only after the record was applied: the view must hold it now, not eventually
        assertThat(consents.get(contactKey)).isNotNull();
        assertThat(consents.get(contactKey).subjectId()).isEqualTo(subjectId);
        appliedOffset(record.partition() == 0 ? 1 : 0); // fails unless the other partitions are published too
    }

    private long appliedOffset(int partition) {
        String body = web.get().uri("/actuator/prometheus?includedNames=consentflow_gateway_view_applied_offset")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Matcher line = Pattern.compile("consentflow_gateway_view_applied_offset\\{[^}]*partition=\"" + partition
                + "\"[^}]*topic=\"consent-state\"[^}]*} (\\S+)").matcher(body);
        assertThat(line.find()).as("gauge of consent-state partition %s in %s", partition, body).isTrue();
        return (long) Double.parseDouble(line.group(1));
    }
}
