package io.consentflow.simulator.control;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What reached the phones and when, for tests that account for every message: each send the simulated Meta accepted
 * for delivery (with the time its HTTP request arrived and the biz_opaque_callback_data it carried), and each user
 * action (a message, a tap, a marketing preference) whose webhook the receiver acknowledged, with the time of that
 * acknowledgement. Kept in memory until {@code /sim/v1/reset}; read with {@code GET /sim/v1/delivery-log?from=N}.
 */
@Component
public class DeliveryLog {

    /** A message delivered to a phone; {@code seq} orders the log. */
    public record Delivered(long seq, String wamid, String waId, String callbackData, long receivedAtMillis) {
    }

    /** A user action's webhook the receiver answered 2xx; {@code reference} is its wamid (or the number). */
    public record Acknowledged(long seq, String kind, String reference, long acknowledgedAtMillis) {
    }

    /** A page of the log from a sequence number on. */
    public record Page(List<Delivered> delivered, List<Acknowledged> acknowledged, long next) {
    }

    private final List<Object> entries = new ArrayList<>();

    public void delivered(String wamid, String waId, String callbackData, long receivedAtMillis) {
        synchronized (entries) {
            entries.add(new Delivered(entries.size(), wamid, waId, callbackData, receivedAtMillis));
        }
    }

    public void acknowledged(String kind, String reference, long acknowledgedAtMillis) {
        synchronized (entries) {
            entries.add(new Acknowledged(entries.size(), kind, reference, acknowledgedAtMillis));
        }
    }

    /** At most {@code limit} entries from {@code from} on. */
    public Page page(long from, int limit) {
        List<Delivered> delivered = new ArrayList<>();
        List<Acknowledged> acknowledged = new ArrayList<>();
        long next;
        synchronized (entries) {
            int end = (int) Math.min(entries.size(), Math.max(0, from) + (long) limit);
            for (int i = (int) Math.max(0, from); i < end; i++) {
                if (entries.get(i) instanceof Delivered d) {
                    delivered.add(d);
                } else {
                    acknowledged.add((Acknowledged) entries.get(i));
                }
            }
            next = Math.max(end, from);
        }
        return new Page(delivered, acknowledged, next);
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
