package io.consentflow.gateway.app;

import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreference;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.events.MessageIntent;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.PendingStops;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.inbound.InboundReading;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** Turns verified webhook deliveries into events, each item once. */
@Component
public class WebhookIngress {

    private final WebhookParser parser;
    private final WebhookReceipts receipts;
    private final EventPublisher kafka;
    private final DeliveryStatuses statuses;
    private final StatusSettlement settlement;
    private final StopFence fence;
    private final ContactKeys contactKeys;
    private final ServiceWindows windows;
    private final PendingStops pendingStops;
    private final ConsentLookup consents;
    private final InboundClassifier classifier;
    private final StatusEvents statusEvents;
    private final Clock clock;

    WebhookIngress(ObjectMapper json, WebhookReceipts receipts, EventPublisher kafka,
            DeliveryStatuses statuses, StatusSettlement settlement, StopFence fence, ContactKeys contactKeys,
            ServiceWindows windows, PendingStops pendingStops, ConsentLookup consents, InboundClassifier classifier,
            Clock clock) {
        this.parser = new WebhookParser(json);
        this.receipts = receipts;
        this.kafka = kafka;
        this.statuses = statuses;
        this.settlement = settlement;
        this.fence = fence;
        this.contactKeys = contactKeys;
        this.windows = windows;
        this.pendingStops = pendingStops;
        this.consents = consents;
        this.classifier = classifier;
        this.statusEvents = new StatusEvents(consents, receipts::eventId, clock);
        this.clock = clock;
    }

    /**
     * Parses (lenient) and publishes every item not published before; a malformed body yields nothing. A delivery
     * costs a fixed number of round trips however many items it carries (Meta batches statuses): one receipts
     * insertMany (and a lookup of the earlier receipts a redelivery finds), one wamid lookup, one timeline bulkWrite,
     * every event handed to the producer in the delivery's order, so the statuses of a message keep their order on its
     * partition, and one update that marks the receipts published once the broker acknowledged them. When publishing
     * fails, the receipts of this delivery are forgotten and the error answers 5xx, so Meta's retry is processed.
     */
    public Mono<Void> accept(byte[] body) {
        List<WebhookItem> items;
        try {
            items = parser.parse(body);
        } catch (RuntimeException e) {
            return Mono.empty();
        }
        if (items.isEmpty()) {
            return Mono.empty();
        }
        Map<WebhookItem, InboundReading> readings = new IdentityHashMap<>();
        List<StopFence.Stop> stops = new ArrayList<>();
        items.forEach(item -> {
            if (item instanceof WebhookItem.Inbound inbound) {
                readings.put(item, classifier.read(inbound));
            }
            stopAtOnce(item, readings.get(item), stops);
        });
        List<String> keys = items.stream().map(WebhookItem::dedupeKey).toList();
        // every instance honours the STOP before its next request leaves, not once it read it from Kafka: recorded
        // before the webhook is acknowledged
        WebhookReceipts.Delivery delivery = receipts.delivery(keys);
        return fence.record(stops).then(delivery.firstTime()).flatMap(fresh -> {
            List<WebhookItem> news = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                if (fresh[i]) {
                    news.add(items.get(i));
                }
            }
            // acknowledged only once the broker has the events and their receipts count: a redelivery answered
            // before that publishes again (same eventIds) instead of trusting an attempt that may never finish
            return publish(news, readings).then(delivery.published(fresh))
                    .onErrorResume(error -> delivery.forget(fresh).then(Mono.error(error)));
        });
    }

    /**
     * A STOP blocks on this instance as soon as its signature is verified, before the receipt is stored and the event
     * published and read back (other instances block when they read it). Timed by the message's own timestamp, so a
     * redelivery days later cannot outweigh a new double opt-in made since.
     */
    private void stopAtOnce(WebhookItem item, InboundReading reading, List<StopFence.Stop> stops) {
        if (item instanceof WebhookItem.Inbound inbound) {
            if (reading.kind().withdraws()) {
                String contactKey = contactKeys.of("+" + inbound.waId());
                pendingStops.stopped(contactKey, reading.kind().withdrawsAll(), inbound.at(), clock.instant());
                stops.add(new StopFence.Stop(contactKey, reading.kind().withdrawsAll(), inbound.at()));
            }
        } else if (item instanceof WebhookItem.Preference preference && "stop".equalsIgnoreCase(preference.value())) {
            String contactKey = contactKeys.of("+" + preference.waId());
            pendingStops.stopped(contactKey, false, preference.at(), clock.instant());
            stops.add(new StopFence.Stop(contactKey, false, preference.at()));
        }
    }

    /** An event for a topic and key. */
    record Pending(String topic, String key, SpecificRecord event) {
    }

    private Mono<Void> publish(List<WebhookItem> items, Map<WebhookItem, InboundReading> readings) {
        Set<String> wamids = new HashSet<>();
        items.forEach(item -> {
            if (item instanceof WebhookItem.Status status) {
                wamids.add(status.wamid());
            }
        });
        return statuses.byWamids(wamids).flatMap(known -> settle(items, known)).flatMap(requests -> {
            List<Pending> events = new ArrayList<>(items.size() + 1);
            List<DeliveryStatuses.StatusEntry> timeline = new ArrayList<>();
            Map<String, List<WebhookItem.Status>> byMessage = StatusEvents.byMessage(items);
            for (WebhookItem item : items) {
                if (item instanceof WebhookItem.Inbound inbound) {
                    events.add(inbound(inbound, readings.get(inbound)));
                } else if (item instanceof WebhookItem.Status status) {
                    List<WebhookItem.Status> ofMessage = byMessage.get(status.wamid());
                    if (ofMessage.get(ofMessage.size() - 1) == status) { // the message's event goes at its last status
                        statusEvents.add(ofMessage, requests.get(status.wamid()), events, timeline);
                    }
                } else {
                    events.add(preference((WebhookItem.Preference) item));
                }
            }
            return statuses.statuses(timeline).then(Mono.defer(() -> Mono.fromFuture(CompletableFuture.allOf(events
                    .stream().map(e -> kafka.send(e.topic(), e.key(), e.event())).toArray(CompletableFuture[]::new)))))
                    .then();
        });
    }

    /**
     * Statuses of wamids the log does not know yet that echo a requestId: they settle their request (a call whose
     * answer was a 5xx or never came, or a status faster than the answer); see {@link StatusSettlement}.
     */
    private Mono<Map<String, DeliveryStatuses.LoggedRequest>> settle(List<WebhookItem> items,
            Map<String, DeliveryStatuses.LoggedRequest> known) {
        Map<String, StatusSettlement.EchoedStatus> echoed = new LinkedHashMap<>();
        for (WebhookItem item : items) {
            if (item instanceof WebhookItem.Status status && status.requestId() != null
                    && !known.containsKey(status.wamid())) {
                echoed.putIfAbsent(status.wamid(), new StatusSettlement.EchoedStatus(status.requestId(),
                        status.wamid()));
            }
        }
        if (echoed.isEmpty()) {
            return Mono.just(known);
        }
        return settlement.settle(List.copyOf(echoed.values())).map(settled -> {
            Map<String, DeliveryStatuses.LoggedRequest> all = new HashMap<>(known);
            all.putAll(settled);
            return all;
        });
    }

    /** The reading, not the text: what the message asks for is all any consumer needs. */
    private Pending inbound(WebhookItem.Inbound item, InboundReading reading) {
        String e164 = "+" + item.waId();
        String contactKey = contactKeys.of(e164);
        windows.inbound(contactKey, item.at());
        var event = InboundMessage.newBuilder().setEventId(receipts.eventId(item.dedupeKey()))
                .setOccurredAt(clock.instant()).setProducer(Services.GATEWAY).setWamid(item.wamid()).setFrom(e164)
                .setContactKey(contactKey).setType(item.type()).setText(null).setButtonPayload(item.buttonPayload())
                .setButtonTitle(item.buttonTitle()).setReceivedAt(item.at()).setPhoneNumberId(item.phoneNumberId())
                .setIntent(MessageIntent.valueOf(reading.kind().name())).setLanguage(reading.language())
                .setRecogniserVersion(reading.recogniserVersion()).build();
        return new Pending(Topics.WHATSAPP_INBOUND.name(), contactKey, event);
    }

    private Pending preference(WebhookItem.Preference item) {
        MarketingPreference value = switch (item.value().toLowerCase()) {
            case "stop" -> MarketingPreference.STOP;
            case "resume" -> MarketingPreference.RESUME;
            default -> MarketingPreference.UNKNOWN;
        };
        String e164 = "+" + item.waId();
        String contactKey = contactKeys.of(e164);
        var event = MarketingPreferenceChanged.newBuilder().setEventId(receipts.eventId(item.dedupeKey()))
                .setOccurredAt(clock.instant()).setProducer(Services.GATEWAY).setFrom(e164).setContactKey(contactKey)
                .setValue(value).setChangedAt(item.at()).build();
        return new Pending(Topics.WHATSAPP_INBOUND.name(), contactKey, event);
    }
}
