package io.consentflow.simulator.control;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** Request and response bodies of the control API. */
public final class ControlDtos {

    /** E.164 digits without "+", as WhatsApp writes wa_id. */
    public static final String NUMBER = "[1-9][0-9]{6,14}";

    private ControlDtos() {
    }

    /**
     * @param lastInboundAt optional: pretend the phone last wrote at this time (e.g. 25 h ago to close the window)
     */
    public record CreatePhone(
            @NotNull @Pattern(regexp = NUMBER, message = "must be E.164 digits without +, e.g. 4915112345678")
            String number,
            String name, Boolean onWhatsApp, Boolean marketingStopped, Instant lastInboundAt) {
    }

    /** Changes a phone silently (no webhook), e.g. to take it off WhatsApp. */
    public record UpdatePhone(Boolean onWhatsApp, Boolean marketingStopped, Instant lastInboundAt) {
    }

    /** The phone sends {@code text}, or taps the button with {@code buttonPayload}; exactly one is set. */
    public record InboundRequest(String text, String buttonPayload) {
    }

    public record InboundResponse(String wamid) {
    }

    /** A template's new review status and/or category; an unknown value is a 400 naming the field. */
    public record TemplateChange(io.consentflow.simulator.templates.TemplateStatus status,
            io.consentflow.simulator.templates.TemplateCategory category) {
    }

    public record MarketingPreference(
            @NotNull @Pattern(regexp = "stop|resume", message = "must be stop or resume") String value) {
    }
}
