package io.consentflow.consent.domain;

/** Where a subject's consent stands; ERASED exists only until the erasure events are published. */
public enum SubjectStatus { NEW, PENDING, CONFIRMED, STOPPED, EXPIRED, ERASED }
