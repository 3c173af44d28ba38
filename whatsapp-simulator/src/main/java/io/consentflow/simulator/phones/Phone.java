package io.consentflow.simulator.phones;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated WhatsApp user. All state is guarded by the instance lock: the Cloud API, the status scheduler, the
 * control API and the UI poller touch the same phone concurrently. The chat keeps only the newest messages.
 */
public final class Phone {

    private final String number;
    private final String name;
    private final int maxMessages;
    private boolean onWhatsApp;
    private boolean marketingStopped;
    private Instant lastInboundAt;
    private final LinkedHashMap<String, ChatEntry> chat;

    Phone(String number, String name, boolean onWhatsApp, boolean marketingStopped, Instant lastInboundAt,
            int maxMessages) {
        this.number = number;
        this.name = name;
        this.onWhatsApp = onWhatsApp;
        this.marketingStopped = marketingStopped;
        this.lastInboundAt = lastInboundAt;
        this.maxMessages = maxMessages;
        this.chat = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ChatEntry> eldest) {
                return size() > Phone.this.maxMessages;
            }
        };
    }

    public String number() {
        return number;
    }

    public String name() {
        return name;
    }

    public synchronized boolean onWhatsApp() {
        return onWhatsApp;
    }

    public synchronized boolean marketingStopped() {
        return marketingStopped;
    }

    public synchronized Instant lastInboundAt() {
        return lastInboundAt;
    }

    public synchronized void update(Boolean newOnWhatsApp, Boolean newMarketingStopped, Instant newLastInboundAt) {
        if (newOnWhatsApp != null) {
            onWhatsApp = newOnWhatsApp;
        }
        if (newMarketingStopped != null) {
            marketingStopped = newMarketingStopped;
        }
        if (newLastInboundAt != null) {
            lastInboundAt = newLastInboundAt;
        }
    }

    public synchronized void setMarketingStopped(boolean stopped) {
        marketingStopped = stopped;
    }

    public synchronized void append(ChatEntry entry) {
        chat.put(entry.wamid(), entry);
        if (ChatEntry.IN.equals(entry.direction())) {
            lastInboundAt = entry.at();
        }
    }

    /** Moves a message forward; a status never goes back (a late "delivered" must not undo "read"). */
    public synchronized void updateStatus(String wamid, String status, Integer errorCode) {
        ChatEntry entry = chat.get(wamid);
        if (entry != null && rank(status) > rank(entry.status())) {
            chat.put(wamid, entry.withStatus(status, errorCode));
        }
    }

    public synchronized List<ChatEntry> chat() {
        return new ArrayList<>(chat.values());
    }

    /** The newest outbound message offering a button with this payload: what a tap on it answers. */
    public synchronized Optional<ChatEntry> findButtonMessage(String payload) {
        List<ChatEntry> entries = new ArrayList<>(chat.values());
        for (int i = entries.size() - 1; i >= 0; i--) {
            ChatEntry e = entries.get(i);
            if (ChatEntry.OUT.equals(e.direction()) && !"failed".equals(e.status())
                    && e.buttons().stream().anyMatch(b -> b.payload().equals(payload))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public synchronized PhoneView view() {
        return new PhoneView(number, name, onWhatsApp, marketingStopped, lastInboundAt, chat.size());
    }

    private static int rank(String status) {
        return switch (status == null ? "" : status) {
            case "accepted" -> 1;
            case "sent" -> 2;
            case "delivered" -> 3;
            case "read" -> 4;
            case "failed" -> 5;
            default -> 0;
        };
    }
}
