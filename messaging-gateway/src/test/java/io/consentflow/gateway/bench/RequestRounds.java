package io.consentflow.gateway.bench;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The benchmark's send requests: a round at a time, each to a consenting recipient new to the run. */
final class RequestRounds {

    private final ConsentTable consents;
    private int nextRecipient;

    RequestRounds(ConsentTable consents) {
        this.consents = consents;
    }

    /** Gives {@code count} new recipients consent in the gateway's view and publishes a request to each. */
    void publish(String topic, int count) {
        List<SendRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // a new recipient per request: with random numbers two requests of a run met the same recipient now and
            // then, and the second waited its 6 s pacing turn, which held up its batch and so the end of the run
            String number = "+49151" + (10_000_000 + nextRecipient++);
            consents.put(Fixtures.KEYS.of(number), new ConsentFacts(UUID.randomUUID().toString(),
                    ConsentStatus.CONFIRMED, Set.of("offers"), false));
            requests.add(Fixtures.marketing(number).build());
        }
        try (var producer = ConsentViewFigures.bulkProducer()) {
            for (SendRequest request : requests) {
                producer.send(new ProducerRecord<>(topic, request.getTo(), request));
            }
            producer.flush();
        }
    }
}
