package io.consentflow.gateway.app;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateParameter;
import io.consentflow.gateway.domain.OutboundMessage;
import io.consentflow.schemas.kafka.PoisonRecordException;
import java.util.Set;
import java.util.regex.Pattern;

/** Structural checks of a SendRequest: a record failing them can never be sent and goes to the DLT. */
public final class SendRequests {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Set<String> COMPONENT_TYPES = Set.of("header", "body", "button", "footer");
    private static final Set<String> PARAMETER_TYPES = Set.of("text", "payload");

    private SendRequests() {
    }

    /** Throws PoisonRecordException with a field-level reason (never the number or the text). */
    public static void validate(SendRequest request) {
        if (request.getRequestId() == null || !REQUEST_ID.matcher(request.getRequestId()).matches()) {
            throw new PoisonRecordException("requestId: missing or not an id");
        }
        if (request.getCategory() == null || request.getCategory() == MessageCategory.UNKNOWN) {
            throw new PoisonRecordException("category: unknown");
        }
        if (request.getTo() == null || request.getTo().isBlank()) {
            throw new PoisonRecordException("to: missing");
        }
        boolean hasTemplate = request.getTemplate() != null;
        boolean hasText = request.getText() != null && !request.getText().isBlank();
        if (hasTemplate == hasText) {
            throw new PoisonRecordException("template/text: exactly one of them is required");
        }
        if (hasText && request.getText().length() > 4096) {
            throw new PoisonRecordException("text: longer than 4096 characters");
        }
        if (!request.getButtons().isEmpty() && (hasTemplate || request.getButtons().size() > 3)) {
            throw new PoisonRecordException("buttons: at most 3, and only under free text");
        }
        if (hasTemplate) {
            var template = request.getTemplate();
            if (template.getName() == null || template.getName().isBlank() || template.getLanguage() == null
                    || template.getLanguage().isBlank()) {
                throw new PoisonRecordException("template: name and language are required");
            }
            for (TemplateComponent component : template.getComponents()) {
                if (!COMPONENT_TYPES.contains(component.getType())) {
                    throw new PoisonRecordException("template.components.type: unknown");
                }
                for (TemplateParameter parameter : component.getParameters()) {
                    if (!PARAMETER_TYPES.contains(parameter.getType())) {
                        throw new PoisonRecordException("template.components.parameters.type: text or payload");
                    }
                }
            }
        }
    }

    /** The domain message of a valid request: what the Cloud API client sends, without the Avro types. */
    public static OutboundMessage message(SendRequest request) {
        OutboundMessage.Content content;
        if (request.getTemplate() != null) {
            var template = request.getTemplate();
            content = new OutboundMessage.Template(template.getName(), template.getLanguage(),
                    template.getComponents().stream().map(c -> new OutboundMessage.Component(c.getType(),
                            c.getSubType(), c.getIndex(), c.getParameters().stream()
                                    .map(p -> new OutboundMessage.Parameter(p.getType(), p.getValue())).toList()))
                            .toList());
        } else if (!request.getButtons().isEmpty()) {
            content = new OutboundMessage.Buttons(request.getText(), request.getButtons().stream()
                    .map(b -> new OutboundMessage.Button(b.getPayload(), b.getTitle())).toList());
        } else {
            content = new OutboundMessage.Text(request.getText());
        }
        return new OutboundMessage(request.getRequestId(), request.getTo(), content);
    }
}
