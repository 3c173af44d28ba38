package io.consentflow.simulator.phones;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One message in a simulated phone's chat, as the control API and the phone UI show it.
 *
 * @param direction "in" (the phone sent it to the business) or "out" (the business sent it to the phone)
 * @param text      for templates the rendered body, for interactive messages the body text
 * @param status    out: accepted, sent, delivered, read or failed; in: received
 * @param replyTo   the wamid a button tap answers
 * @param errorCode the Cloud API error of a failed outbound message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatEntry(
        String direction, String wamid, String type, String text, TemplateView template, List<ButtonView> buttons,
        String status, Instant at, String category, String replyTo, Integer errorCode) {

    public static final String IN = "in";
    public static final String OUT = "out";

    public ChatEntry {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    public ChatEntry withStatus(String newStatus, Integer newErrorCode) {
        return new ChatEntry(direction, wamid, type, text, template, buttons, newStatus, at, category, replyTo,
                newErrorCode);
    }

    /** The template a message was sent with, and the parameters it was filled with. */
    public record TemplateView(String name, String language, List<String> parameters) {
    }

    /**
     * A button the phone can tap. For template quick replies {@code payload} is what the sender set in the button
     * component (the title when it set none, as WhatsApp does); for interactive reply buttons it is the reply id.
     */
    public record ButtonView(String payload, String title) {
    }
}
