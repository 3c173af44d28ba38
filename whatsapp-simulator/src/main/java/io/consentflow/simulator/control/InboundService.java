package io.consentflow.simulator.control;

import io.consentflow.simulator.cloudapi.Ids;
import io.consentflow.simulator.phones.ChatEntry;
import io.consentflow.simulator.phones.ChatEntry.ButtonView;
import io.consentflow.simulator.phones.Phone;
import io.consentflow.simulator.webhook.WebhookDispatcher;
import io.consentflow.simulator.webhook.WebhookPayloads;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What a simulated phone does: send text, tap a button, toggle "stop promotions". Each action lands in the chat
 * and goes to the business as a signed webhook, delivered in the background.
 */
@Service
public class InboundService {

    private final WebhookPayloads payloads;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    public InboundService(WebhookPayloads payloads, WebhookDispatcher dispatcher, Clock clock) {
        this.payloads = payloads;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public String sendText(Phone phone, String text) {
        requireOnWhatsApp(phone);
        String wamid = Ids.wamid();
        Instant at = clock.instant();
        phone.append(new ChatEntry(ChatEntry.IN, wamid, "text", text, null, List.of(), "received", at, null, null,
                null));
        deliver("inbound-text", wamid, payloads.inboundText(phone.number(), phone.name(), wamid, at, text));
        return wamid;
    }

    /**
     * Taps the button with this payload on the newest message offering it. A template quick reply arrives as type
     * "button" (payload and title), an interactive reply button as type "interactive" / button_reply.
     */
    public String tapButton(Phone phone, String payload) {
        requireOnWhatsApp(phone);
        ChatEntry answered = phone.findButtonMessage(payload).orElseThrow(() -> new ControlException(
                HttpStatus.NOT_FOUND, "buttonPayload", "No message in this chat offers a button with this payload."));
        ButtonView button = answered.buttons().stream().filter(b -> b.payload().equals(payload)).findFirst()
                .orElseThrow();
        String wamid = Ids.wamid();
        Instant at = clock.instant();
        boolean template = "template".equals(answered.type());
        phone.append(new ChatEntry(ChatEntry.IN, wamid, template ? "button" : "interactive", button.title(), null,
                List.of(), "received", at, null, answered.wamid(), null));
        Map<String, Object> payloadBody = template
                ? payloads.inboundButton(phone.number(), phone.name(), wamid, at, answered.wamid(), payload,
                        button.title())
                : payloads.inboundButtonReply(phone.number(), phone.name(), wamid, at, answered.wamid(), payload,
                        button.title());
        deliver("inbound-button", wamid, payloadBody);
        return wamid;
    }

    /** "Stop promotions" (stop) or allowing them again (resume): Meta's user_preferences webhook. */
    public void marketingPreference(Phone phone, String value) {
        requireOnWhatsApp(phone);
        phone.setMarketingStopped("stop".equals(value));
        deliver("user-preferences", phone.number(),
                payloads.userPreference(phone.number(), phone.name(), value, clock.instant()));
    }

    private void deliver(String kind, String reference, Map<String, Object> payload) {
        dispatcher.deliver(kind, reference, payload).subscribe();
    }

    private static void requireOnWhatsApp(Phone phone) {
        if (!phone.onWhatsApp()) {
            throw new ControlException(HttpStatus.CONFLICT, "number",
                    "Phone " + phone.number() + " is not on WhatsApp and cannot send.");
        }
    }
}
