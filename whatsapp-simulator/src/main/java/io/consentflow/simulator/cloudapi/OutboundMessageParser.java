package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.cloudapi.OutboundMessage.TemplateRef;
import io.consentflow.simulator.phones.ChatEntry.ButtonView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a send body the way the Cloud API does: required fields are checked and reported as error 100 with the
 * parameter's name; fields the simulator has no use for are ignored, as Meta ignores unknown ones.
 */
final class OutboundMessageParser {

    private OutboundMessageParser() {
    }

    static OutboundMessage parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("The request body must be a JSON object.");
        }
        if (!"whatsapp".equals(body.path("messaging_product").asString(""))) {
            throw invalid("The parameter messaging_product is required and must be \"whatsapp\".");
        }
        String recipientType = body.path("recipient_type").asString("individual");
        if (!"individual".equals(recipientType)) {
            throw invalid("Only recipient_type individual is supported by the simulator.");
        }
        String to = body.path("to").asString("");
        String waId = to.replaceAll("[^0-9]", "");
        if (waId.length() < 7 || waId.length() > 15) {
            throw invalid("The parameter to is required and must be a phone number.");
        }
        String type = body.path("type").asString("text");
        String callbackData = body.path("biz_opaque_callback_data").asString(null);
        if (callbackData != null && callbackData.length() > 512) {
            throw invalid("The parameter biz_opaque_callback_data must be at most 512 characters.");
        }
        return typed(to, waId, type, body).withCallbackData(callbackData);
    }

    private static OutboundMessage typed(String to, String waId, String type, JsonNode body) {
        return switch (type) {
            case "text" -> text(to, waId, body);
            case "template" -> template(to, waId, body.path("template"));
            case "interactive" -> interactive(to, waId, body.path("interactive"));
            // Other types (image, document, ...) are accepted and shown as a placeholder in the chat.
            default -> new OutboundMessage(to, waId, type, "[" + type + "]", null, List.of());
        };
    }

    private static OutboundMessage text(String to, String waId, JsonNode body) {
        String text = body.path("text").path("body").asString("");
        if (text.isEmpty()) {
            throw invalid("The parameter text['body'] is required.");
        }
        return new OutboundMessage(to, waId, "text", text, null, List.of());
    }

    private static OutboundMessage template(String to, String waId, JsonNode template) {
        String name = template.path("name").asString("");
        String language = template.path("language").path("code").asString("");
        if (name.isEmpty() || language.isEmpty()) {
            throw invalid("The parameters template['name'] and template['language']['code'] are required.");
        }
        List<String> bodyParameters = new ArrayList<>();
        Map<Integer, String> payloads = new HashMap<>();
        for (JsonNode component : template.path("components").values()) {
            String componentType = component.path("type").asString("").toLowerCase();
            if ("body".equals(componentType)) {
                component.path("parameters").values().forEach(p -> bodyParameters.add(parameterText(p)));
            } else if ("button".equals(componentType)
                    && "quick_reply".equalsIgnoreCase(component.path("sub_type").asString(""))) {
                int index = Integer.parseInt(component.path("index").asString("0"));
                component.path("parameters").values().stream()
                        .filter(p -> "payload".equals(p.path("type").asString("")))
                        .findFirst()
                        .ifPresent(p -> payloads.put(index, p.path("payload").asString("")));
            }
        }
        return new OutboundMessage(to, waId, "template", null,
                new TemplateRef(name, language, List.copyOf(bodyParameters), Map.copyOf(payloads)), List.of());
    }

    private static OutboundMessage interactive(String to, String waId, JsonNode interactive) {
        String text = interactive.path("body").path("text").asString("");
        if (text.isEmpty()) {
            throw invalid("The parameter interactive['body']['text'] is required.");
        }
        List<ButtonView> buttons = new ArrayList<>();
        for (JsonNode button : interactive.path("action").path("buttons").values()) {
            JsonNode reply = button.path("reply");
            buttons.add(new ButtonView(reply.path("id").asString(""), reply.path("title").asString("")));
        }
        return new OutboundMessage(to, waId, "interactive", text, null, List.copyOf(buttons));
    }

    private static String parameterText(JsonNode parameter) {
        return switch (parameter.path("type").asString("text")) {
            case "currency" -> parameter.path("currency").path("fallback_value").asString("");
            case "date_time" -> parameter.path("date_time").path("fallback_value").asString("");
            default -> parameter.path("text").asString("");
        };
    }

    private static CloudApiException invalid(String details) {
        return new CloudApiException(CloudApiError.INVALID_PARAMETER, details);
    }
}
