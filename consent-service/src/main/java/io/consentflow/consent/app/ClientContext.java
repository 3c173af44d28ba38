package io.consentflow.consent.app;

/** Where an opt-in request came from: part of the evidence. */
public record ClientContext(String clientAddress, String userAgent, String pageUrl) {
}
