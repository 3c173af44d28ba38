package io.consentflow.gateway.domain;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Tunable rules of the gate.
 *
 * @param quietFrom          start of quiet hours in the recipient's local time (e.g. 20:00)
 * @param quietUntil         end of quiet hours (e.g. 08:00); may wrap over midnight
 * @param frequencyCapMax    marketing messages allowed per contact within {@code frequencyCapWindow}
 * @param frequencyCapWindow sliding window of the frequency cap
 * @param serviceWindow      the customer-service window after the contact's last message (24 h)
 */
public record GatePolicy(LocalTime quietFrom, LocalTime quietUntil, int frequencyCapMax, Duration frequencyCapWindow,
        Duration serviceWindow) {

    public static GatePolicy defaults() {
        return new GatePolicy(LocalTime.of(20, 0), LocalTime.of(8, 0), 3, Duration.ofDays(7), Duration.ofHours(24));
    }

    /** Equal start and end disable quiet hours. */
    boolean quietHoursOff() {
        return quietFrom.equals(quietUntil);
    }

    boolean quiet(LocalTime local) {
        if (quietHoursOff()) {
            return false;
        }
        return quietFrom.isBefore(quietUntil)
                ? !local.isBefore(quietFrom) && local.isBefore(quietUntil)
                : !local.isBefore(quietFrom) || local.isBefore(quietUntil);
    }
}
