package io.consentflow.consent.adapters.web.staff;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/** Which staff requests of consent-service read personal data or act on it, and what they concern. */
final class StaffActions {

    /** Every one needs a reason (platform's {@code StaffReason}), reads as much as actions. */
    enum Action {
        READ_CONSENT, READ_HISTORY, READ_CHAT_ERASURE_REQUESTS, EXPORT, PROOF, STOP, PREFERENCES, ERASURE,
        CONFIRM_CHAT_ERASURE, DISMISS_CHAT_ERASURE
    }

    enum Target { NUMBER, CONTACT_KEY, NONE }

    record Access(Action action, Target target, String value) {
    }

    private static final Pattern SUBJECT = Pattern.compile("/api/v1/subjects/([^/]+)/(consent|history|export|proof|stop|preferences|erasure)");
    private static final Pattern CHAT_REQUEST = Pattern.compile("/api/v1/erasure-requests/([^/]+)/(confirm|dismiss)");

    private StaffActions() {
    }

    static Optional<Access> of(HttpMethod method, String path) {
        Matcher subject = SUBJECT.matcher(path);
        if (subject.matches()) {
            String number = org.springframework.web.util.UriUtils.decode(subject.group(1), java.nio.charset.StandardCharsets.UTF_8);
            Action action = switch (subject.group(2)) {
                case "consent" -> method == HttpMethod.GET ? Action.READ_CONSENT : null;
                case "history" -> method == HttpMethod.GET ? Action.READ_HISTORY : null;
                case "export" -> method == HttpMethod.GET ? Action.EXPORT : null;
                case "proof" -> method == HttpMethod.GET ? Action.PROOF : null;
                case "stop" -> method == HttpMethod.POST ? Action.STOP : null;
                case "preferences" -> method == HttpMethod.PUT || method == HttpMethod.PATCH ? Action.PREFERENCES : null;
                case "erasure" -> method == HttpMethod.POST ? Action.ERASURE : null;
                default -> null;
            };
            return Optional.ofNullable(action).map(a -> new Access(a, Target.NUMBER, number));
        }
        Matcher chat = CHAT_REQUEST.matcher(path);
        if (chat.matches() && method == HttpMethod.POST) {
            Action action = chat.group(2).equals("confirm") ? Action.CONFIRM_CHAT_ERASURE : Action.DISMISS_CHAT_ERASURE;
            return Optional.of(new Access(action, Target.CONTACT_KEY, chat.group(1)));
        }
        if (path.equals("/api/v1/erasure-requests") && method == HttpMethod.GET) {
            return Optional.of(new Access(Action.READ_CHAT_ERASURE_REQUESTS, Target.NONE, null));
        }
        return Optional.empty();
    }
}
