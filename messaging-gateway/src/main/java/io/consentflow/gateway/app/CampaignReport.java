package io.consentflow.gateway.app;

import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adds up a campaign's message-log records (docs/producers.md#campaign-report): what the gateway received, its
 * outcomes, Meta's delivery statuses, and the contacts whose STOP came within 48 hours after a message of the
 * campaign was sent to them (from the consent view: a contact now STOPPED whose stop is in that window). Only counts
 * leave it; no number, contactKey or requestId.
 */
public final class CampaignReport {

    static final Duration STOP_WINDOW = Duration.ofHours(48);

    private int requested;
    private int pending;
    private int sent;
    private int delivered;
    private int read;
    private int ambiguous;
    private final Map<String, Integer> blockedByReason = new TreeMap<>();
    private final Map<String, Integer> failedByErrorCode = new TreeMap<>();
    private final Set<String> stoppedContacts = new HashSet<>();

    /** What a campaign report answers. */
    public record Totals(String campaignId, int requested, int pending, int sent, int delivered, int read, int ambiguous,
            Map<String, Integer> blockedByReason, Map<String, Integer> failedByErrorCode, int stopsWithin48h) {

        /** measure, key, count: one row per figure, for the CSV. */
        public List<List<String>> rows() {
            List<List<String>> rows = new java.util.ArrayList<>();
            rows.add(List.of("requested", "", Integer.toString(requested)));
            rows.add(List.of("pending", "", Integer.toString(pending)));
            rows.add(List.of("sent", "", Integer.toString(sent)));
            rows.add(List.of("delivered", "", Integer.toString(delivered)));
            rows.add(List.of("read", "", Integer.toString(read)));
            rows.add(List.of("ambiguous", "", Integer.toString(ambiguous)));
            blockedByReason.forEach((reason, n) -> rows.add(List.of("blocked", reason, Integer.toString(n))));
            failedByErrorCode.forEach((code, n) -> rows.add(List.of("failed", code, Integer.toString(n))));
            rows.add(List.of("stops_within_48h", "", Integer.toString(stopsWithin48h)));
            return rows;
        }
    }

    /**
     * @param logged   one request as the message log holds it (claim merged with its outcome and statuses)
     * @param consents the consent view's facts by contactKey
     */
    public void add(LoggedMessage logged, Function<String, ConsentFacts> consents) {
        requested++;
        LoggedMessage.Outcome outcome = logged.outcome();
        switch (logged.state()) {
            case "BLOCKED" -> blockedByReason.merge(outcome.reason(), 1, Integer::sum);
            case "FAILED" -> failedByErrorCode.merge(outcome.errorCode(), 1, Integer::sum);
            case "AMBIGUOUS" -> ambiguous++;
            case "SENT" -> {
                sent++;
                statuses(logged);
                stopAfter(logged.contactKey(), outcome.at(), consents);
            }
            default -> pending++;
        }
    }

    private void statuses(LoggedMessage logged) {
        boolean wasDelivered = false;
        boolean wasRead = false;
        for (LoggedMessage.Entry entry : logged.timeline()) {
            String kind = entry.kind();
            wasDelivered |= "STATUS_DELIVERED".equals(kind) || "STATUS_READ".equals(kind);
            wasRead |= "STATUS_READ".equals(kind);
            if ("STATUS_FAILED".equals(kind)) {
                String detail = entry.detail();
                String code = detail != null && detail.startsWith("error ") ? detail.substring(6) : "unknown";
                failedByErrorCode.merge(code, 1, Integer::sum);
            }
        }
        delivered += wasDelivered ? 1 : 0;
        read += wasRead ? 1 : 0;
    }

    private void stopAfter(String contactKey, Instant sentAt, Function<String, ConsentFacts> consents) {
        if (contactKey == null || sentAt == null) {
            return;
        }
        ConsentFacts facts = consents.apply(contactKey);
        if (facts == null || facts.status() != ConsentStatus.STOPPED || facts.since() == 0) {
            return;
        }
        // the view keeps whole seconds: a stop in the second of the send still counts
        long from = sentAt.toEpochMilli() - 1000;
        if (facts.since() >= from && facts.since() <= sentAt.toEpochMilli() + STOP_WINDOW.toMillis()) {
            stoppedContacts.add(contactKey);
        }
    }

    public Totals totals(String campaignId) {
        return new Totals(campaignId, requested, pending, sent, delivered, read, ambiguous,
                Map.copyOf(blockedByReason), Map.copyOf(failedByErrorCode), stoppedContacts.size());
    }
}
