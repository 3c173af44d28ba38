package io.consentflow.gateway.adapters.http;

import io.consentflow.gateway.domain.OutboundMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Cloud API request bodies (Meta's {@code Message} / {@code MarketingMessageRequestPayload} schemas). */
final class CloudApiRequests {

    private CloudApiRequests() {
    }

    /** The request's id travels as {@code biz_opaque_callback_data}: Meta echoes it in the message's statuses. */
    static Map<String, Object> body(OutboundMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.to().startsWith("+") ? message.to().substring(1) : message.to());
        if (message.content() instanceof OutboundMessage.Template template) {
            body.put("type", "template");
            body.put("template", template(template));
        } else if (message.content() instanceof OutboundMessage.Buttons buttons) {
            body.put("type", "interactive");
            body.put("interactive", Map.of("type", "button", "body", Map.of("text", buttons.body()),
                    "action", Map.of("buttons", buttons(buttons.buttons()))));
        } else {
            body.put("type", "text");
            body.put("text", Map.of("preview_url", false, "body", ((OutboundMessage.Text) message.content()).body()));
        }
        if (message.requestId() != null) {
            body.put("biz_opaque_callback_data", message.requestId());
        }
        return body;
    }

    private static Map<String, Object> template(OutboundMessage.Template template) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", template.name());
        result.put("language", Map.of("policy", "deterministic", "code", template.language()));
        if (!template.components().isEmpty()) {
            List<Map<String, Object>> components = new ArrayList<>();
            for (OutboundMessage.Component component : template.components()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("type", component.type());
                if (component.subType() != null) {
                    c.put("sub_type", component.subType());
                }
                if (component.index() != null) {
                    c.put("index", String.valueOf(component.index()));  // the spec types it as a string
                }
                c.put("parameters", component.parameters().stream().map(CloudApiRequests::parameter).toList());
                components.add(c);
            }
            result.put("components", components);
        }
        return result;
    }

    private static Map<String, Object> parameter(OutboundMessage.Parameter parameter) {
        return "payload".equals(parameter.type()) ? Map.of("type", "payload", "payload", parameter.value())
                : Map.of("type", "text", "text", parameter.value());
    }

    private static List<Map<String, Object>> buttons(List<OutboundMessage.Button> buttons) {
        return buttons.stream().<Map<String, Object>>map(b -> Map.of("type", "reply",
                "reply", Map.of("id", b.payload(), "title", b.title()))).toList();
    }
}
