package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.phones.ChatEntry.ButtonView;
import java.util.List;
import java.util.Map;

/**
 * A parsed send request: what the simulator needs from Meta's Message / MarketingMessageRequestPayload body.
 *
 * @param to          the recipient as the sender wrote it (echoed back as contacts[].input)
 * @param waId        the recipient's digits (wa_id)
 * @param text        free text, or an interactive message's body text, or a placeholder for other types
 * @param template    set for type template
 * @param buttons     the reply buttons of an interactive message
 */
public record OutboundMessage(String to, String waId, String type, String text, TemplateRef template,
        List<ButtonView> buttons, String callbackData) {

    /** Without biz_opaque_callback_data. */
    public OutboundMessage(String to, String waId, String type, String text, TemplateRef template,
            List<ButtonView> buttons) {
        this(to, waId, type, text, template, buttons, null);
    }

    /** The same message with the biz_opaque_callback_data the send carried (echoed in its status webhooks). */
    OutboundMessage withCallbackData(String data) {
        return new OutboundMessage(to, waId, type, text, template, buttons, data);
    }

    public boolean isTemplate() {
        return "template".equals(type);
    }

    /**
     * The template a send names.
     *
     * @param bodyParameters the body component's parameters as text (currency and date_time use fallback_value)
     * @param buttonPayloads quick-reply payloads the sender set, by button index
     */
    public record TemplateRef(String name, String language, List<String> bodyParameters,
            Map<Integer, String> buttonPayloads) {
    }
}
