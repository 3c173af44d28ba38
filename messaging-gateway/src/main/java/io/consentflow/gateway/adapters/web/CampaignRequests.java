package io.consentflow.gateway.adapters.web;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import io.consentflow.gateway.app.SendRequests;
import io.consentflow.gateway.config.CampaignApiProperties;
import io.consentflow.gateway.domain.RegisteredTemplate;
import io.consentflow.gateway.domain.TemplateCatalog;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.InvalidInputException;
import io.consentflow.rules.contact.PhoneNumbers;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.kafka.PoisonRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns a posted request into the SendRequest the gateway would read from the topic, refusing what the send path
 * would dead-letter (the same {@link SendRequests#validate}) and what a campaign may not send: an invalid number, a
 * purpose consent-service does not offer, a template the business account does not have approved, one of
 * consent-service's own templates, a subjectId, free text or a signature. Each error names the field, prefixed with
 * {@code items[i].} in a batch; a rejected value is never echoed (it may be a number).
 */
@Component
class CampaignRequests {

    private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY");
    private final TemplateCatalog templates;
    private final Set<String> purposes;
    private final Set<String> reservedTemplates;

    CampaignRequests(TemplateCatalog templates, CampaignApiProperties properties) {
        this.templates = templates;
        this.purposes = Set.copyOf(properties.purposes());
        this.reservedTemplates = Set.copyOf(properties.reservedTemplates());
    }

    /**
     * A whole batch, or InvalidInputException with every item's errors. A requestId twice in one batch is refused: its
     * second item could never be sent.
     *
     * @param judgeTemplates false for a dry run, which counts template problems as the gate would instead of
     *                       refusing the batch
     */
    List<SendRequest> batch(String campaignId, List<SendRequestBody> bodies, int maxBatch, boolean judgeTemplates) {
        if (bodies.isEmpty() || bodies.size() > maxBatch) {
            throw new InvalidInputException("items", "between 1 and " + maxBatch + " requests");
        }
        List<FieldError> errors = new ArrayList<>();
        List<SendRequest> batch = new ArrayList<>(bodies.size());
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            String prefix = "items[" + i + "].";
            convert(bodies.get(i), campaignId, prefix, errors, judgeTemplates).ifPresent(batch::add);
            String requestId = bodies.get(i) == null ? null : bodies.get(i).requestId();
            Integer earlier = requestId == null ? null : firstIndex.putIfAbsent(requestId, i);
            if (earlier != null) {
                errors.add(new FieldError(prefix + "requestId", "repeats items[" + earlier + "]"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return batch;
    }

    /** The record to publish, or the field errors; {@code prefix} is "" for one request, "items[3]." in a batch. */
    Optional<SendRequest> convert(SendRequestBody body, String campaignId, String prefix, List<FieldError> errors,
            boolean judgeTemplates) {
        int before = errors.size();
        if (body == null) {
            errors.add(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "is missing"));
            return Optional.empty();
        }
        refuseIfPresent(body.subjectId(), prefix + "subjectId", "is set by consent-service only", errors);
        refuseIfPresent(body.text(), prefix + "text", "campaigns send templates; free text is for customer service",
                errors);
        refuseIfPresent(body.signature(), prefix + "signature", "is not accepted here", errors);
        if (campaignId != null && body.campaignId() != null && !campaignId.equals(body.campaignId())) {
            errors.add(new FieldError(prefix + "campaignId", "differs from the campaign in the path"));
        }
        if (body.requestId() == null) {
            errors.add(new FieldError(prefix + "requestId", "is required: the idempotency key"));
        }
        if (body.to() == null || PhoneNumbers.e164(body.to()).isEmpty()) {
            errors.add(new FieldError(prefix + "to", "must be a valid number in E.164 (+ and digits)"));
        }
        String category = body.category() == null ? "MARKETING" : body.category();
        if (!CATEGORIES.contains(category)) {
            errors.add(new FieldError(prefix + "category", "MARKETING or UTILITY"));
        }
        if (body.purpose() == null || !purposes.contains(body.purpose())) {
            errors.add(new FieldError(prefix + "purpose", "must be one of " + purposes.stream().sorted().toList()));
        }
        checkTemplate(body.template(), prefix, errors, judgeTemplates);
        if (errors.size() > before) {
            return Optional.empty();
        }
        SendRequest request = toRecord(body, MessageCategory.valueOf(category),
                campaignId != null ? campaignId : body.campaignId());
        try {
            SendRequests.validate(request); // the topic's structural rules, written once in the send path
        } catch (PoisonRecordException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            errors.add(colon < 0 ? new FieldError(prefix + "body", message)
                    : new FieldError(prefix + message.substring(0, colon), message.substring(colon + 2)));
            return Optional.empty();
        }
        return Optional.of(request);
    }

    private void checkTemplate(SendRequestBody.Template template, String prefix, List<FieldError> errors,
            boolean judgeTemplates) {
        if (template == null || template.name() == null || template.language() == null) {
            errors.add(new FieldError(prefix + "template", "name and language are required"));
            return;
        }
        if (reservedTemplates.contains(template.name())) {
            errors.add(new FieldError(prefix + "template.name", "is consent-service's own template"));
            return;
        }
        RegisteredTemplate registered = templates.find(template.name(), template.language());
        if (!judgeTemplates) {
            return;
        }
        if (registered == null) {
            errors.add(new FieldError(prefix + "template", "the business account has no template of this name "
                    + "and language"));
        } else if (!registered.approved()) {
            errors.add(new FieldError(prefix + "template", "is not approved by Meta (" + registered.status() + ")"));
        }
    }

    private static void refuseIfPresent(String value, String field, String reason, List<FieldError> errors) {
        if (value != null) {
            errors.add(new FieldError(field, reason));
        }
    }

    private static SendRequest toRecord(SendRequestBody body, MessageCategory category, String campaignId) {
        List<TemplateComponent> components = new ArrayList<>();
        if (body.template().components() != null) {
            for (SendRequestBody.Component component : body.template().components()) {
                List<TemplateParameter> parameters = component.parameters() == null ? List.of()
                        : component.parameters().stream().map(p -> TemplateParameter.newBuilder()
                                .setType(String.valueOf(p.type())).setValue(String.valueOf(p.value())).build())
                        .toList();
                components.add(TemplateComponent.newBuilder().setType(String.valueOf(component.type()))
                        .setSubType(component.subType()).setIndex(component.index()).setParameters(parameters)
                        .build());
            }
        }
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setProducer(Services.GATEWAY).setRequestId(body.requestId()).setTo(body.to()).setCategory(category)
                .setPurpose(body.purpose()).setCampaignId(campaignId).setNotAfter(body.notAfter())
                .setTemplate(TemplateMessage.newBuilder().setName(body.template().name())
                        .setLanguage(body.template().language()).setComponents(components).build())
                .setButtons(List.of())
                .build();
    }
}
