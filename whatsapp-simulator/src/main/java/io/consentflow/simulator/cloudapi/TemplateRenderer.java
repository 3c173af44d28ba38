package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.phones.ChatEntry;
import io.consentflow.simulator.phones.ChatEntry.ButtonView;
import io.consentflow.simulator.phones.ChatEntry.TemplateView;
import io.consentflow.simulator.templates.TemplateCatalog;
import io.consentflow.simulator.templates.TemplateDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Resolves a send's template against the catalog and turns a send into what the phone's chat shows. */
@Component
public class TemplateRenderer {

    private final TemplateCatalog catalog;

    public TemplateRenderer(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    TemplateDefinition resolve(OutboundMessage.TemplateRef ref) {
        TemplateDefinition template = catalog.find(ref.name(), ref.language())
                .orElseThrow(() -> new CloudApiException(CloudApiError.TEMPLATE_NOT_FOUND,
                        "template name (" + ref.name() + ") does not exist in " + ref.language()));
        switch (template.status()) {
            case APPROVED -> { }
            case PAUSED -> throw new CloudApiException(CloudApiError.TEMPLATE_PAUSED);
            case DISABLED -> throw new CloudApiException(CloudApiError.TEMPLATE_DISABLED);
            // Meta knows no approved translation of it: the same answer as for a missing one
            default -> throw new CloudApiException(CloudApiError.TEMPLATE_NOT_FOUND,
                    "template name (" + ref.name() + ") is not approved in " + ref.language());
        }
        int expected = template.bodyParameterCount();
        if (ref.bodyParameters().size() != expected) {
            throw new CloudApiException(CloudApiError.PARAMETER_COUNT, "body: number of localizable_params ("
                    + ref.bodyParameters().size() + ") does not match the expected number of params ("
                    + expected + ")");
        }
        return template;
    }

    ChatEntry toChatEntry(OutboundMessage message, TemplateDefinition template, String wamid, Instant at) {
        if (template == null) {
            return new ChatEntry(ChatEntry.OUT, wamid, message.type(), message.text(), null, message.buttons(),
                    "accepted", at, "SERVICE", null, null);
        }
        OutboundMessage.TemplateRef ref = message.template();
        List<ButtonView> buttons = new ArrayList<>();
        List<String> titles = template.quickReplies();
        for (int i = 0; i < titles.size(); i++) {
            // Without a payload from the sender, WhatsApp reports the button's title as its payload.
            buttons.add(new ButtonView(ref.buttonPayloads().getOrDefault(i, titles.get(i)), titles.get(i)));
        }
        String text = template.render(ref.bodyParameters());
        if (template.header() != null && !template.header().isBlank()) {
            text = template.header() + "\n\n" + text;
        }
        if (template.footer() != null && !template.footer().isBlank()) {
            text = text + "\n\n" + template.footer();
        }
        return new ChatEntry(ChatEntry.OUT, wamid, "template", text,
                new TemplateView(ref.name(), ref.language(), ref.bodyParameters()), buttons, "accepted", at,
                template.category().name(), null, null);
    }
}
