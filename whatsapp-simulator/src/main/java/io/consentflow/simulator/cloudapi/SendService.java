package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.SimulatorProperties;
import io.consentflow.simulator.SimulatorProperties.ErrorDelivery;
import io.consentflow.simulator.cloudapi.CloudApiDtos.Contact;
import io.consentflow.simulator.cloudapi.CloudApiDtos.MessageId;
import io.consentflow.simulator.cloudapi.CloudApiDtos.SendResponse;
import io.consentflow.simulator.control.DeliveryLog;
import io.consentflow.simulator.control.Faults;
import io.consentflow.simulator.phones.ChatEntry;
import io.consentflow.simulator.phones.Phone;
import io.consentflow.simulator.phones.PhoneRegistry;
import io.consentflow.simulator.templates.TemplateCategory;
import io.consentflow.simulator.templates.TemplateDefinition;
import io.consentflow.simulator.webhook.StatusLifecycle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The send pipeline, checked in the order Meta does: token, path, faults, throughput, request, template, then
 * the recipient (on WhatsApp, marketing preference, 24-hour window) and the pair rate.
 */
@Service
public class SendService {

    private static final Duration WINDOW = Duration.ofHours(24);

    private final SimulatorProperties properties;
    private final PhoneRegistry phones;
    private final TemplateRenderer renderer;
    private final SendLimiter limiter;
    private final ReceivedRate received;
    private final Faults faults;
    private final StatusLifecycle lifecycle;
    private final DeliveryLog deliveries;
    private final MeterRegistry meters;
    private final Counter accepted;
    private final Clock clock;

    public SendService(SimulatorProperties properties, PhoneRegistry phones, TemplateRenderer renderer,
            SendLimiter limiter, ReceivedRate received, Faults faults, StatusLifecycle lifecycle, DeliveryLog deliveries,
            MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.phones = phones;
        this.renderer = renderer;
        this.limiter = limiter;
        this.received = received;
        this.faults = faults;
        this.lifecycle = lifecycle;
        this.deliveries = deliveries;
        this.meters = meters;
        // looked up once: finding a meter by name and tags on every send showed in the profile
        this.accepted = meters.counter("simulator.sends", "outcome", "accepted");
        this.clock = clock;
    }

    public SendResponse send(String version, String phoneNumberId, String authorization, JsonNode body,
            boolean marketingEndpoint) {
        try {
            SendResponse response = doSend(version, phoneNumberId, authorization, body, marketingEndpoint);
            accepted.increment();
            return response;
        } catch (CloudApiException e) {
            meters.counter("simulator.sends", "outcome", String.valueOf(e.error().code())).increment();
            throw e;
        }
    }

    private SendResponse doSend(String version, String phoneNumberId, String authorization, JsonNode body,
            boolean marketingEndpoint) {
        long receivedAt = System.currentTimeMillis();
        if (!("Bearer " + properties.accessToken()).equals(authorization)) {
            throw new CloudApiException(CloudApiError.INVALID_TOKEN);
        }
        if (!properties.apiVersions().contains(version)) {
            throw new CloudApiException(CloudApiError.UNKNOWN_PATH, "Unknown path components: /" + version);
        }
        if (!properties.phoneNumberId().equals(phoneNumberId)) {
            throw new CloudApiException(CloudApiError.UNKNOWN_OBJECT, "Unsupported post request. Object with ID '"
                    + phoneNumberId + "' does not exist, cannot be loaded due to missing permissions, or does not"
                    + " support this operation.");
        }
        received.received();
        if (faults.current().rateLimitStorm() || !limiter.tryThroughput()) {
            throw new CloudApiException(CloudApiError.RATE_LIMIT);
        }
        if (faults.rollError()) {
            throw new CloudApiException(CloudApiError.forInjectedCode(faults.current().errorCode()));
        }
        OutboundMessage message = OutboundMessageParser.parse(body);
        TemplateDefinition template = message.isTemplate() ? renderer.resolve(message.template()) : null;
        if (marketingEndpoint && (template == null || template.category() != TemplateCategory.MARKETING)) {
            throw new CloudApiException(CloudApiError.PARAMETER_VALUE_INVALID,
                    "Only MARKETING templates can be sent to the marketing_messages endpoint.");
        }
        String wamid = Ids.wamid();
        Phone phone = phones.findOrAutoCreate(message.waId()).orElse(null);
        CloudApiError recipientError = recipientError(phone, message, template);
        if (recipientError == null && !limiter.tryPair(message.waId())) {
            throw new CloudApiException(CloudApiError.PAIR_RATE_LIMIT);
        }
        if (recipientError != null && properties.errorDelivery() == ErrorDelivery.SYNC) {
            throw new CloudApiException(recipientError);
        }
        ChatEntry entry = renderer.toChatEntry(message, template, wamid, Instant.now(clock));
        if (phone != null) {
            phone.append(entry);
        }
        if (recipientError == null) {
            lifecycle.accepted(phone, wamid, entry.category(), message.callbackData());
            deliveries.delivered(wamid, message.waId(), message.callbackData(), receivedAt);
            if (faults.rollAcceptThenError()) {
                // the message goes out and its statuses follow; the answer says otherwise
                throw new CloudApiException(CloudApiError.forInjectedCode(131000));
            }
        } else {
            lifecycle.failed(phone, message.waId(), wamid, recipientError.asStatusError(null),
                    message.callbackData());
        }
        return new SendResponse("whatsapp", List.of(new Contact(message.to(), message.waId())),
                List.of(new MessageId(wamid, template != null ? "accepted" : null)));
    }

    /** What the recipient's phone makes of the message; null when it can be delivered. */
    private CloudApiError recipientError(Phone phone, OutboundMessage message, TemplateDefinition template) {
        if (phone == null || !phone.onWhatsApp()) {
            return CloudApiError.UNDELIVERABLE;
        }
        if (template != null) {
            return template.category() == TemplateCategory.MARKETING && phone.marketingStopped()
                    ? CloudApiError.MARKETING_OPTED_OUT : null;
        }
        Instant lastInbound = phone.lastInboundAt();
        boolean windowOpen = lastInbound != null && lastInbound.isAfter(Instant.now(clock).minus(WINDOW));
        return windowOpen ? null : CloudApiError.REENGAGEMENT;
    }
}
