package io.consentflow.gateway.send;

import io.consentflow.events.ReplyButton;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Cloud API request bodies (Meta's {@code Message} / {@code MarketingMessageRequestPayload} schemas). */
final class CloudApiRequests {

    private CloudApiRequests() {
    }

    static Map<String, Object> body(SendRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", request.getTo().startsWith("+") ? request.getTo().substring(1) : request.getTo());
        if (request.getTemplate() != null) {
            body.put("type", "template");
            body.put("template", template(request.getTemplate()));
        } else if (!request.getButtons().isEmpty()) {
            body.put("type", "interactive");
            body.put("interactive", Map.of("type", "button", "body", Map.of("text", request.getText()),
                    "action", Map.of("buttons", buttons(request.getButtons()))));
        } else {
            body.put("type", "text");
            body.put("text", Map.of("preview_url", false, "body", request.getText()));
        }
        return body;
    }

    private static Map<String, Object> template(TemplateMessage template) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", template.getName());
        result.put("language", Map.of("policy", "deterministic", "code", template.getLanguage()));
        if (!template.getComponents().isEmpty()) {
            List<Map<String, Object>> components = new ArrayList<>();
            for (TemplateComponent component : template.getComponents()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("type", component.getType());
                if (component.getSubType() != null) {
                    c.put("sub_type", component.getSubType());
                }
                if (component.getIndex() != null) {
                    c.put("index", String.valueOf(component.getIndex()));  // the spec types it as a string
                }
                c.put("parameters", component.getParameters().stream().map(CloudApiRequests::parameter).toList());
                components.add(c);
            }
            result.put("components", components);
        }
        return result;
    }

    private static Map<String, Object> parameter(TemplateParameter parameter) {
        return "payload".equals(parameter.getType()) ? Map.of("type", "payload", "payload", parameter.getValue())
                : Map.of("type", "text", "text", parameter.getValue());
    }

    private static List<Map<String, Object>> buttons(List<ReplyButton> buttons) {
        return buttons.stream().<Map<String, Object>>map(b -> Map.of("type", "reply",
                "reply", Map.of("id", b.getPayload(), "title", b.getTitle()))).toList();
    }
}
