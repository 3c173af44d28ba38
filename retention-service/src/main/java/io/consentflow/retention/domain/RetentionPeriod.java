package io.consentflow.retention.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A retention period as written in the policy file (ISO-8601). Years and months are calendar periods (3 years after
 * 29 Feb is 28 Feb), hours and days exact durations, so "P3Y" means what a lawyer means by three years.
 */
public record RetentionPeriod(String text, Period period, Duration duration) {

    public static RetentionPeriod parse(String text) {
        String iso = text.trim().toUpperCase(java.util.Locale.ROOT);
        try {
            if (iso.contains("T")) {
                return new RetentionPeriod(iso, null, Duration.parse(iso));
            }
            return new RetentionPeriod(iso, Period.parse(iso), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 period such as PT48H, P90D, P24M or P3Y");
        }
    }

    public boolean isPositive() {
        return period != null ? !period.isNegative() && !period.isZero() : !duration.isNegative() && !duration.isZero();
    }

    public Instant addTo(Instant start, ZoneId zone) {
        return period != null ? start.atZone(zone).plus(period).toInstant() : start.plus(duration);
    }

    /** An upper bound in exact time (a month as 31 days, a year as 366) for comparing with topic retention. */
    public Duration atMost() {
        if (duration != null) {
            return duration;
        }
        return Duration.ofDays(period.getYears() * 366L + period.getMonths() * 31L + period.getDays());
    }

    @Override
    public String toString() {
        return text;
    }
}
