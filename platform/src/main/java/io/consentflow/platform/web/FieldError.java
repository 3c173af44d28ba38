package io.consentflow.platform.web;

/** One field-level reason in a problem+json {@code errors} array. Never echoes the rejected value. */
public record FieldError(String field, String reason) {
}
