package io.consentflow.consent.optin;

/** Where an opt-in request came from: part of the evidence. */
record ClientContext(String clientAddress, String userAgent, String pageUrl) {
}
