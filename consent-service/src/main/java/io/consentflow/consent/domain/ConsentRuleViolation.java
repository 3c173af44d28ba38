package io.consentflow.consent.domain;

/** A request the consent rules refuse in the subject's current state (e.g. widening an unconfirmed consent). */
public class ConsentRuleViolation extends RuntimeException {

    public ConsentRuleViolation(String message) {
        super(message);
    }
}
