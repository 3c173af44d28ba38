package io.consentflow.retention.domain;

import java.util.List;

/** The policy document is unusable; the message names every bad entry, e.g. {@code policies[2].period: must be positive}. */
public class InvalidPolicyException extends RuntimeException {

    private final List<String> problems;

    public InvalidPolicyException(String source, List<String> problems) {
        super("invalid retention policy document " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
