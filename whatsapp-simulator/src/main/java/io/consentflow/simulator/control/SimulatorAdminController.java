package io.consentflow.simulator.control;

import io.consentflow.simulator.cloudapi.ReceivedRate;
import io.consentflow.simulator.cloudapi.SendLimiter;
import io.consentflow.simulator.phones.PhoneRegistry;
import io.consentflow.simulator.templates.TemplateCatalog;
import io.consentflow.simulator.templates.TemplateDefinition;
import io.consentflow.simulator.webhook.WebhookDelivery;
import io.consentflow.simulator.webhook.WebhookDispatcher;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Faults, reset and read-only views of templates and webhook deliveries. */
@RestController
@RequestMapping("/sim/v1")
public class SimulatorAdminController {

    private final Faults faults;
    private final PhoneRegistry phones;
    private final SendLimiter limiter;
    private final ReceivedRate received;
    private final WebhookDispatcher dispatcher;
    private final TemplateCatalog templates;
    private final DeliveryLog deliveries;

    public SimulatorAdminController(Faults faults, PhoneRegistry phones, SendLimiter limiter, ReceivedRate received,
            WebhookDispatcher dispatcher, TemplateCatalog templates, DeliveryLog deliveries) {
        this.faults = faults;
        this.phones = phones;
        this.limiter = limiter;
        this.received = received;
        this.dispatcher = dispatcher;
        this.templates = templates;
        this.deliveries = deliveries;
    }

    /**
     * The delivery log from sequence number {@code from} on (at most {@code limit} entries): messages delivered to
     * phones and user-action webhooks the receiver acknowledged; {@code next} is where the next page starts.
     */
    @GetMapping("/delivery-log")
    public DeliveryLog.Page deliveryLog(@RequestParam(defaultValue = "0") long from,
            @RequestParam(defaultValue = "10000") int limit) {
        return deliveries.page(from, Math.max(1, Math.min(limit, 50_000)));
    }

    @GetMapping("/faults")
    public FaultSettings faults() {
        return faults.current();
    }

    @PostMapping("/faults")
    public FaultSettings injectFaults(@Valid @RequestBody FaultSettings settings) {
        faults.set(settings);
        return faults.current();
    }

    @DeleteMapping("/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void clearFaults() {
        faults.clear();
    }

    /** Forgets all phones, chats, rate-limit state, faults and the webhook history; templates are as configured. */
    @PostMapping("/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void reset() {
        phones.clear();
        limiter.reset();
        received.reset();
        faults.clear();
        dispatcher.clearHistory();
        templates.reset();
        deliveries.clear();
    }

    @GetMapping("/templates")
    public List<TemplateDefinition> templates() {
        return templates.all();
    }

    /** Changes a template as Meta's review would (pause it, re-categorise it); what message_templates then shows. */
    @PatchMapping("/templates/{name}/{language}")
    public TemplateDefinition changeTemplate(@PathVariable String name, @PathVariable String language,
            @RequestBody ControlDtos.TemplateChange change) {
        if (change.status() == null && change.category() == null) {
            throw new ControlException(HttpStatus.BAD_REQUEST, "status", "Set status, category or both.");
        }
        return templates.change(name, language, change.status(), change.category())
                .orElseThrow(() -> new ControlException(HttpStatus.NOT_FOUND, "name",
                        "No template " + name + " in " + language + "."));
    }

    /**
     * Send calls the business number received per second over the last {@code seconds} (default 60, at most 600),
     * oldest first, seconds without any left out: counted before the throughput limit, so it shows what the senders
     * together asked for.
     */
    @GetMapping("/send-rate")
    public List<ReceivedRate.Second> sendRate(
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "60") int seconds) {
        if (seconds < 1) {
            throw new ControlException(HttpStatus.BAD_REQUEST, "seconds", "Must be at least 1.");
        }
        return received.last(seconds);
    }

    /** The latest webhook deliveries, newest first: to see at a glance whether the receiver accepts them. */
    @GetMapping("/webhooks")
    public List<WebhookDelivery> webhooks() {
        return dispatcher.history();
    }
}
