package io.consentflow.gateway.app;

import io.consentflow.events.DeliveryStatus;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageStatusChanged;
import io.consentflow.events.ReportedStatus;
import io.consentflow.gateway.domain.CloudApiOutcome;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The events and timeline entries of a delivery's statuses: one {@link MessageStatusChanged} per message and
 * delivery, however many of its statuses the delivery lists (schema v2, {@code earlierStatuses}).
 */
final class StatusEvents {

    private final ConsentLookup consents;
    /** An item's dedupe key → the eventId its event carries on every attempt ({@link WebhookReceipts#eventId}). */
    private final UnaryOperator<String> eventIds;
    private final Clock clock;

    StatusEvents(ConsentLookup consents, UnaryOperator<String> eventIds, Clock clock) {
        this.consents = consents;
        this.eventIds = eventIds;
        this.clock = clock;
    }

    /** The delivery's statuses grouped by message, each group in the order Meta listed them. */
    static Map<String, List<WebhookItem.Status>> byMessage(List<WebhookItem> items) {
        Map<String, List<WebhookItem.Status>> byMessage = new HashMap<>();
        for (WebhookItem item : items) {
            if (item instanceof WebhookItem.Status status) {
                byMessage.computeIfAbsent(status.wamid(), wamid -> new ArrayList<>(2)).add(status);
            }
        }
        return byMessage;
    }

    /**
     * A message's statuses in one delivery become one MessageStatusChanged: the last one listed as its status, the
     * ones before it in {@code earlierStatuses} (Meta batches a message's sent and delivered into one POST; one event
     * and one audit entry instead of two, no status lost). Each status is a timeline entry; a failed 131050 also a
     * MessageFailed.
     */
    void add(List<WebhookItem.Status> ofMessage, DeliveryStatuses.LoggedRequest request,
            List<WebhookIngress.Pending> events, List<DeliveryStatuses.StatusEntry> timeline) {
        String requestId = request == null ? null : request.requestId();
        String subjectId = request == null ? null : request.subjectId();
        WebhookItem.Status last = ofMessage.get(ofMessage.size() - 1);
        String key = subjectId != null ? subjectId : requestId != null ? requestId : last.wamid();
        List<ReportedStatus> earlier = new ArrayList<>(ofMessage.size() - 1);
        List<WebhookIngress.Pending> failures = new ArrayList<>(1);
        for (WebhookItem.Status item : ofMessage) {
            DeliveryStatus status = deliveryStatus(item);
            if (requestId != null) {
                timeline.add(new DeliveryStatuses.StatusEntry(request, status.name(), item.at(), item.errorCode()));
            }
            if (item != last) {
                earlier.add(ReportedStatus.newBuilder().setStatus(status).setStatusAt(item.at())
                        .setErrorCode(item.errorCode()).build());
            }
            marketingStopped(item, status, request, key).ifPresent(failures::add);
        }
        events.add(new WebhookIngress.Pending(Topics.MESSAGE_EVENTS.name(), key, MessageStatusChanged.newBuilder()
                .setEventId(eventIds.apply(last.dedupeKey())).setOccurredAt(clock.instant())
                .setProducer(Services.GATEWAY).setWamid(last.wamid()).setRequestId(requestId).setSubjectId(subjectId)
                .setStatus(deliveryStatus(last)).setStatusAt(last.at()).setErrorCode(last.errorCode())
                .setEarlierStatuses(earlier).build()));
        events.addAll(failures);
    }

    private static DeliveryStatus deliveryStatus(WebhookItem.Status item) {
        return switch (item.status().toLowerCase()) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "read" -> DeliveryStatus.READ;
            case "failed" -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.UNKNOWN;
        };
    }

    /** A failed 131050 is the user's marketing STOP at Meta: a MessageFailed, and this instance refuses at once. */
    private Optional<WebhookIngress.Pending> marketingStopped(WebhookItem.Status item, DeliveryStatus status,
            DeliveryStatuses.LoggedRequest request, String key) {
        if (status != DeliveryStatus.FAILED || item.errorCode() == null
                || item.errorCode() != CloudApiOutcome.MARKETING_STOPPED) {
            return Optional.empty();
        }
        // consent-service treats 131050 as the user's marketing STOP; this instance refuses marketing at once
        if (request != null && request.contactKey() != null) {
            consents.marketingStoppedAtMeta(request.contactKey(), item.at(), clock.instant());
        }
        return Optional.of(new WebhookIngress.Pending(Topics.MESSAGE_EVENTS.name(), key, MessageFailed.newBuilder()
                .setEventId(eventIds.apply("failed|" + item.dedupeKey())).setOccurredAt(clock.instant())
                .setProducer(Services.GATEWAY).setRequestId(request == null ? null : request.requestId())
                .setSubjectId(request == null ? null : request.subjectId()).setWamid(item.wamid())
                .setErrorCode(CloudApiOutcome.MARKETING_STOPPED).setErrorTitle("marketing stopped")
                .setRetryable(false).setCategory(request == null || request.category() == null ? null
                        : MessageCategory.valueOf(request.category())).build()));
    }
}
