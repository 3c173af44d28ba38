package io.consentflow.gateway.app;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.Authority;
import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.Outgoing;
import io.consentflow.gateway.domain.RegisteredTemplate;
import io.consentflow.gateway.domain.TemplateCatalog;
import io.consentflow.gateway.domain.TemplateState;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a SendRequest into what the gate judges (docs/architecture.md#templates): a template's category is the one
 * Meta registered it in, not the one the producer declared, since Meta judges and bills by the registered one. A
 * mismatch is counted per declared and registered category and logged with requestId and template name only.
 */
@Component
public class RegisteredCategories {

    private static final Logger log = LoggerFactory.getLogger(RegisteredCategories.class);

    private final TemplateCatalog catalog;
    private final MeterRegistry meters;

    RegisteredCategories(TemplateCatalog catalog, MeterRegistry meters) {
        this.catalog = catalog;
        this.meters = meters;
    }

    public Outgoing outgoing(SendRequest request, Authority authority) {
        Category declared = Category.valueOf(request.getCategory().name());
        var template = request.getTemplate();
        if (template == null) {
            return new Outgoing(request.getTo(), declared, request.getPurpose(), false, request.getSubjectId(),
                    request.getNotAfter(), authority, TemplateState.NONE);
        }
        RegisteredTemplate registered = catalog.find(template.getName(), template.getLanguage());
        if (registered == null) {
            return new Outgoing(request.getTo(), declared, request.getPurpose(), true, request.getSubjectId(),
                    request.getNotAfter(), authority, TemplateState.UNKNOWN);
        }
        if (registered.category() != declared) {
            mismatch(request, declared, registered);
        }
        return new Outgoing(request.getTo(), registered.category(), request.getPurpose(), true,
                request.getSubjectId(), request.getNotAfter(), authority,
                registered.approved() ? TemplateState.APPROVED : TemplateState.NOT_APPROVED);
    }

    private void mismatch(SendRequest request, Category declared, RegisteredTemplate registered) {
        // a registry lookup per mismatch only: a correctly declared request costs nothing here
        meters.counter("consentflow.gateway.send.category_mismatch", "declared", declared.name(), "registered",
                registered.category().name()).increment();
        log.warn("send request {} declares {} for template {} ({}), registered as {}: judged as {}",
                request.getRequestId(), declared, registered.name(), registered.language(), registered.category(),
                registered.category());
    }
}
