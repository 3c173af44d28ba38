package io.consentflow.consent.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.events.SendRequest;
import io.consentflow.platform.observability.TraceParents;
import io.consentflow.schemas.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With tracing off (the default) the outbox keeps no trace context and the relay adds none: the confirmation record
 * leaves without a {@code traceparent} (with tracing on it has one, see TracingTests).
 */
class UntracedOutboxTests extends IntegrationTestSupport {

    @Autowired
    TraceParents traces;

    @Test
    void anOptInsConfirmationLeavesWithoutTraceContext() {
        assertThat(traces).isSameAs(TraceParents.UNTRACED);
        String number = randomNumber();
        postOptIn(optInBody(number, List.of("offers")), randomAddress()).expectStatus().isAccepted();

        var confirmation = kafka.awaitRecords(Topics.SEND_REQUESTS.name(), record -> record.value()
                instanceof SendRequest request && number.equals(request.getTo()), 1, WAIT).get(0);
        assertThat(confirmation.headers().lastHeader("traceparent")).isNull();
    }
}
