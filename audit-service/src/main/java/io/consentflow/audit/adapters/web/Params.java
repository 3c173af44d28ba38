package io.consentflow.audit.adapters.web;

import io.consentflow.platform.web.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Request parameter parsing, and the JSON-or-printable-HTML answer of the staff pages; errors name the field and never
 * echo the value (it might be a phone number).
 */
final class Params {

    private static final Pattern SUBJECT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z]{1,64}");

    private Params() {
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant, e.g. 2026-11-29T00:00:00Z");
        }
    }

    static Instant requiredInstant(String field, String value) {
        Instant parsed = instant(field, value);
        if (parsed == null) {
            throw new InvalidInputException(field, "is required");
        }
        return parsed;
    }

    static String subjectId(String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInputException("subjectId", "is required");
            }
            return null;
        }
        if (!SUBJECT_ID.matcher(value).matches() || value.matches("\\+?\\d{6,}")) {
            throw new InvalidInputException("subjectId", "must be a subject id (UUID), not a phone number");
        }
        return value;
    }

    static String type(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!TYPE.matcher(value).matches()) {
            throw new InvalidInputException("type", "must be an event type name, e.g. OptInConfirmed");
        }
        return value;
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    static void ordered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
    }

    /**
     * Whether a staff page answers as printable HTML: {@code ?format=html|json} decides, else an {@code Accept} that
     * asks for HTML and does not start with JSON.
     */
    static boolean html(String format, String accept) {
        if (format == null) {
            return accept != null && accept.contains("text/html") && !accept.startsWith("application/json");
        }
        if (format.equals("html") || format.equals("json")) {
            return format.equals("html");
        }
        throw new InvalidInputException("format", "must be json or html");
    }

    /** A printable page: HTML in UTF-8. */
    static ResponseEntity<?> htmlPage(String html) {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8)).body(html);
    }

    /** The same content as JSON. */
    static ResponseEntity<?> json(Object body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
