package io.consentflow.gateway.webhook;

import io.consentflow.events.DeliveryStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreference;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageStatusChanged;
import io.consentflow.gateway.domain.CloudApiOutcome;
import io.consentflow.gateway.domain.ContactKeys;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.gateway.send.MessageEvents;
import io.consentflow.gateway.send.MessageLog;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** Turns verified webhook deliveries into events, each item once. */
@Component
class WebhookIngress {

    private final WebhookParser parser;
    private final WebhookReceipts receipts;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final MessageEvents messageEvents;
    private final MessageLog log;
    private final ContactKeys contactKeys;
    private final ServiceWindows windows;
    private final Clock clock;

    WebhookIngress(ObjectMapper json, WebhookReceipts receipts, KafkaTemplate<String, SpecificRecord> kafka,
            MessageEvents messageEvents, MessageLog log, ContactKeys contactKeys, ServiceWindows windows, Clock clock) {
        this.parser = new WebhookParser(json);
        this.receipts = receipts;
        this.kafka = kafka;
        this.messageEvents = messageEvents;
        this.log = log;
        this.contactKeys = contactKeys;
        this.windows = windows;
        this.clock = clock;
    }

    /** Parses (lenient) and publishes every new item; a malformed body yields nothing. */
    Mono<Void> accept(byte[] body) {
        List<WebhookItem> items;
        try {
            items = parser.parse(body);
        } catch (RuntimeException e) {
            return Mono.empty();
        }
        return Flux.fromIterable(items).concatMap(item -> receipts.firstTime(item.dedupeKey())
                .filter(Boolean::booleanValue)
                .flatMap(fresh -> publish(item).onErrorResume(error -> receipts.forget(item.dedupeKey())
                        .then(Mono.error(error))))).then();
    }

    private Mono<Void> publish(WebhookItem item) {
        if (item instanceof WebhookItem.Inbound inbound) {
            return inbound(inbound);
        }
        if (item instanceof WebhookItem.Status status) {
            return status(status);
        }
        return preference((WebhookItem.Preference) item);
    }

    private Mono<Void> inbound(WebhookItem.Inbound item) {
        String e164 = "+" + item.waId();
        String contactKey = contactKeys.of(e164);
        windows.inbound(contactKey, item.at());
        var event = InboundMessage.newBuilder().setEventId(Events.newEventId()).setOccurredAt(clock.instant())
                .setProducer(Services.GATEWAY).setWamid(item.wamid()).setFrom(e164).setContactKey(contactKey)
                .setType(item.type()).setText(item.text()).setButtonPayload(item.buttonPayload())
                .setButtonTitle(item.buttonTitle()).setReceivedAt(item.at()).setPhoneNumberId(item.phoneNumberId())
                .build();
        return send(Topics.WHATSAPP_INBOUND.name(), contactKey, event);
    }

    private Mono<Void> preference(WebhookItem.Preference item) {
        MarketingPreference value = switch (item.value().toLowerCase()) {
            case "stop" -> MarketingPreference.STOP;
            case "resume" -> MarketingPreference.RESUME;
            default -> MarketingPreference.UNKNOWN;
        };
        String e164 = "+" + item.waId();
        String contactKey = contactKeys.of(e164);
        var event = MarketingPreferenceChanged.newBuilder().setEventId(Events.newEventId())
                .setOccurredAt(clock.instant()).setProducer(Services.GATEWAY).setFrom(e164).setContactKey(contactKey)
                .setValue(value).setChangedAt(item.at()).build();
        return send(Topics.WHATSAPP_INBOUND.name(), contactKey, event);
    }

    private Mono<Void> status(WebhookItem.Status item) {
        DeliveryStatus status = switch (item.status().toLowerCase()) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "read" -> DeliveryStatus.READ;
            case "failed" -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.UNKNOWN;
        };
        return log.byWamid(item.wamid()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(found -> {
                    Document request = found.orElse(null);
                    String requestId = request == null ? null : request.getString("_id");
                    String subjectId = request == null ? null : request.getString("subjectId");
                    var changed = MessageStatusChanged.newBuilder().setEventId(Events.newEventId())
                            .setOccurredAt(clock.instant()).setProducer(Services.GATEWAY).setWamid(item.wamid())
                            .setRequestId(requestId).setSubjectId(subjectId).setStatus(status).setStatusAt(item.at())
                            .setErrorCode(item.errorCode()).build();
                    String key = subjectId != null ? subjectId : requestId != null ? requestId : item.wamid();
                    Mono<Void> timeline = requestId == null ? Mono.empty()
                            : log.status(requestId, status.name(), item.at(), item.errorCode());
                    Mono<Void> stop = Mono.empty();
                    if (status == DeliveryStatus.FAILED && item.errorCode() != null
                            && item.errorCode() == CloudApiOutcome.MARKETING_STOPPED) {
                        // consent-service treats 131050 as the user's marketing STOP
                        var failed = MessageFailed.newBuilder().setEventId(Events.newEventId())
                                .setOccurredAt(clock.instant()).setProducer(Services.GATEWAY).setRequestId(requestId)
                                .setSubjectId(subjectId).setWamid(item.wamid())
                                .setErrorCode(CloudApiOutcome.MARKETING_STOPPED).setErrorTitle("marketing stopped")
                                .setRetryable(false).setCategory(request == null ? null
                                        : MessageCategory.valueOf(request.getString("category"))).build();
                        stop = send(Topics.MESSAGE_EVENTS.name(), key, failed);
                    }
                    return timeline.then(send(Topics.MESSAGE_EVENTS.name(), key, changed)).then(stop);
                });
    }

    private Mono<Void> send(String topic, String key, SpecificRecord event) {
        return Mono.fromFuture(() -> kafka.send(topic, key, event)).then();
    }
}
