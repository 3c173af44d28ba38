package io.consentflow.simulator.webhook;

import io.consentflow.simulator.SimulatorProperties;
import io.consentflow.simulator.phones.ChatEntry;
import io.consentflow.simulator.phones.Phone;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Plays an outbound message's life on the phone: sent, delivered and (with simulator.auto-read) read, or failed
 * with an error. Each step updates the chat and produces its status webhook; statuses of many messages that become
 * due close together travel in one batched webhook, the statuses of one message always in order
 * ({@link StatusBatcher}).
 */
@Component
public class StatusLifecycle {

    private static final String[] SENT_DELIVERED = {"sent", "delivered"};
    private static final String[] SENT_DELIVERED_READ = {"sent", "delivered", "read"};
    private static final String[] FAILED = {"failed"};
    private static final String[] READ = {"read"};

    private final SimulatorProperties properties;
    private final StatusBatcher batcher;
    private final long[] acceptedDelays;
    private final long[] failedDelays;

    public StatusLifecycle(SimulatorProperties properties, WebhookDispatcher dispatcher, Clock clock) {
        this.properties = properties;
        this.batcher = new StatusBatcher(properties, dispatcher, clock);
        SimulatorProperties.StatusDelays delays = properties.statusDelays();
        this.acceptedDelays = new long[] {delays.sent().toNanos(), delays.delivered().toNanos(),
                delays.read().toNanos()};
        this.failedDelays = new long[] {delays.sent().toNanos()};
    }

    /** @param callbackData the send's biz_opaque_callback_data: Meta echoes it in every status of the message */
    public void accepted(Phone phone, String wamid, String category, String callbackData) {
        batcher.submit(new StatusBatcher.Plan(phone, wamid, phone.number(), category, null,
                properties.autoRead() ? SENT_DELIVERED_READ : SENT_DELIVERED, acceptedDelays, callbackData));
    }

    /** Reports a failed message; {@code phone} is null when the recipient is no simulated phone at all. */
    public void failed(Phone phone, String recipient, String wamid, StatusError error, String callbackData) {
        batcher.submit(new StatusBatcher.Plan(phone, wamid, recipient, null, error, FAILED, failedDelays,
                callbackData));
    }

    /** The user opened the chat: every delivered message becomes read (used when auto-read is off). */
    public void markRead(Phone phone) {
        for (ChatEntry entry : phone.chat()) {
            if (ChatEntry.OUT.equals(entry.direction()) && "delivered".equals(entry.status())) {
                batcher.submit(new StatusBatcher.Plan(phone, entry.wamid(), phone.number(), entry.category(), null,
                        READ, new long[] {0}, null));
            }
        }
    }

    @PreDestroy
    void stop() {
        batcher.close();
    }
}
