package io.consentflow.console.web;

/**
 * The reason a staff member gives before reading personal data or acting on it. It is sent to the service, which
 * writes it to the audit log with the person's subject; a missing or meaningless one is refused here already.
 */
final class Reasons {

    static final int MIN_LENGTH = 5;
    static final int MAX_LENGTH = 300;

    private Reasons() {
    }

    /** Null when acceptable, else what is wrong with it (for the form). */
    static String problem(String reason) {
        if (reason == null || reason.isBlank()) {
            return "Give the reason for this access (ticket, request or complaint).";
        }
        String trimmed = reason.strip();
        if (trimmed.length() < MIN_LENGTH || trimmed.length() > MAX_LENGTH) {
            return "The reason must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters.";
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            return "The reason must be one line of text.";
        }
        return null;
    }
}
