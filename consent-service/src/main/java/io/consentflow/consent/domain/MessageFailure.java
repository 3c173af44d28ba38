package io.consentflow.consent.domain;

/** A MessageFailed of message-events as this service needs it: only Meta's error 131050 changes anything. */
public record MessageFailure(String eventId, String subjectId, int errorCode) {
}
