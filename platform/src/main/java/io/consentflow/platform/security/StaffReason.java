package io.consentflow.platform.security;

import io.consentflow.platform.web.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The reason a staff member gives for reading a person's data or acting on it (staff accountability,
 * docs/architecture.md#staff-access). It travels in the {@value #HEADER} header, percent-encoded UTF-8 like a form
 * value (so {@code ticket%204711} and {@code ticket+4711} both read "ticket 4711"; plain ASCII needs no encoding),
 * and is written with the staff member's token subject to the audit log.
 */
public final class StaffReason {

    public static final String HEADER = "X-Staff-Reason";
    public static final int MIN_LENGTH = 5;
    public static final int MAX_LENGTH = 300;

    private StaffReason() {
    }

    /** The decoded reason, or empty when none was sent; a malformed one is refused like a missing required one. */
    public static Optional<String> read(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        String reason;
        try {
            reason = URLDecoder.decode(headerValue, StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            throw invalid("is not percent-encoded UTF-8");
        }
        if (reason.length() < MIN_LENGTH || reason.length() > MAX_LENGTH) {
            throw invalid("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (reason.chars().anyMatch(Character::isISOControl)) {
            throw invalid("must be one line of text");
        }
        return Optional.of(reason);
    }

    /** The decoded reason; its absence is refused (400, the header named as the field). */
    public static String required(String headerValue) {
        return read(headerValue).orElseThrow(() -> invalid("required: why this staff action is taken"));
    }

    private static InvalidInputException invalid(String reason) {
        return new InvalidInputException(HEADER, reason);
    }
}
