package io.consentflow.gateway.app;

import io.consentflow.rules.inbound.InboundReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Reads every inbound message once, where it enters, and counts the reading by intent and language: the text goes no
 * further than this (not into logs, metrics or topics), only what it asks for.
 */
@Component
class InboundClassifier {

    static final String METRIC = "consentflow.inbound.classified";

    private final MeterRegistry meters;
    /** Bounded by intents × the recogniser's languages, not by the messages seen. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    InboundClassifier(MeterRegistry meters) {
        this.meters = meters;
    }

    InboundReading read(WebhookItem.Inbound message) {
        InboundReading reading = InboundReading.of(message.type(), message.text(), message.buttonPayload(),
                message.buttonTitle());
        String language = reading.language() == null ? "unknown" : reading.language();
        counters.computeIfAbsent(reading.kind() + "|" + language, key -> Counter.builder(METRIC)
                .description("inbound WhatsApp messages by what they ask for")
                .tag("intent", reading.kind().name()).tag("language", language).register(meters)).increment();
        return reading;
    }
}
