package io.consentflow.simulator.webhook;

import io.consentflow.simulator.SimulatorProperties;
import io.consentflow.simulator.phones.ChatEntry;
import io.consentflow.simulator.phones.Phone;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Plays an outbound message's life on the phone: sent, delivered and (with simulator.auto-read) read, or failed
 * with an error. Each step updates the chat and queues its status webhook; the webhooks of one message are
 * delivered one after the other so the receiver sees them in order, as it usually does with Meta.
 */
@Component
public class StatusLifecycle {

    private final SimulatorProperties properties;
    private final WebhookPayloads payloads;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    public StatusLifecycle(SimulatorProperties properties, WebhookPayloads payloads, WebhookDispatcher dispatcher,
            Clock clock) {
        this.properties = properties;
        this.payloads = payloads;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public void accepted(Phone phone, String wamid, String category) {
        SimulatorProperties.StatusDelays delays = properties.statusDelays();
        List<Mono<Map<String, Object>>> steps = new ArrayList<>(List.of(
                step(delays.sent(), phone, wamid, "sent", category),
                step(delays.delivered(), phone, wamid, "delivered", category)));
        if (properties.autoRead()) {
            steps.add(step(delays.read(), phone, wamid, "read", category));
        }
        // The phone moves on by its own timers; concatMap only serialises the webhooks, so a slow or failing
        // receiver delays the notifications, never the message itself.
        Flux.concat(steps)
                .concatMap(payload -> dispatcher.deliver("status", wamid, payload))
                .subscribe();
    }

    /** Reports a failed message; {@code phone} is null when the recipient is no simulated phone at all. */
    public void failed(Phone phone, String recipient, String wamid, StatusError error) {
        Mono.delay(properties.statusDelays().sent())
                .then(Mono.defer(() -> {
                    if (phone != null) {
                        phone.updateStatus(wamid, "failed", error.code());
                    }
                    return dispatcher.deliver("status", wamid,
                            payloads.status(wamid, recipient, "failed", clock.instant(), null, error));
                }))
                .subscribe();
    }

    /** The user opened the chat: every delivered message becomes read (used when auto-read is off). */
    public void markRead(Phone phone) {
        for (ChatEntry entry : phone.chat()) {
            if (ChatEntry.OUT.equals(entry.direction()) && "delivered".equals(entry.status())) {
                step(Duration.ZERO, phone, entry.wamid(), "read", entry.category())
                        .flatMap(payload -> dispatcher.deliver("status", entry.wamid(), payload))
                        .subscribe();
            }
        }
    }

    private Mono<Map<String, Object>> step(Duration delay, Phone phone, String wamid, String status,
            String category) {
        return Mono.delay(delay).map(tick -> {
            phone.updateStatus(wamid, status, null);
            return payloads.status(wamid, phone.number(), status, clock.instant(), category, null);
        });
    }
}
