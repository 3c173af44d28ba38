package io.consentflow.consent.domain;

/** A configured purpose of processing, e.g. {@code offers}; marketing purposes end with a marketing STOP. */
public record Purpose(String name, boolean marketing) {
}
