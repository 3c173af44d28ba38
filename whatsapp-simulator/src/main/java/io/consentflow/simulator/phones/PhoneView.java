package io.consentflow.simulator.phones;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A phone as the control API returns it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhoneView(String number, String name, boolean onWhatsApp, boolean marketingStopped,
        Instant lastInboundAt, int messageCount) {
}
