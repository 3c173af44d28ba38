package io.consentflow.localinfra.send;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.consentflow.events.MessageCategory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The arguments of {@code ./run-local.sh send}, checked completely before anything touches Kafka, so a bad invocation
 * publishes nothing.
 *
 * @param params   the template's body parameters in order ({{1}}, {{2}}, ...)
 * @param waitTime how long to follow the request in the gateway's timeline; zero publishes without waiting
 */
public record SendArguments(String to, String template, String language, String purpose, List<String> params,
        MessageCategory category, Duration waitTime) {

    /** The marketing purpose consent-service's application.yml lists first, and the one the e2e journeys use. */
    public static final String DEFAULT_PURPOSE = "offers";
    public static final String DEFAULT_LANGUAGE = "de";
    public static final MessageCategory DEFAULT_CATEGORY = MessageCategory.MARKETING;
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    /** The minted staff token lives a little longer than this, so one token serves the whole wait. */
    public static final int MAX_WAIT_SECONDS = 600;

    /** Template categories a campaign system sends; SERVICE and AUTHENTICATION messages come from elsewhere. */
    static final Set<MessageCategory> CATEGORIES = Set.of(MessageCategory.MARKETING, MessageCategory.UTILITY);
    private static final Set<String> SINGLE = Set.of("--to", "--template", "--lang", "--purpose", "--category",
            "--wait");
    /** WhatsApp's own rule for template names. */
    private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9_]{1,512}");
    /** WhatsApp template language codes: de, en, fil, en_US, pt_BR ... */
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
    private static final Pattern PURPOSE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** The shape consent-service accepts before asking libphonenumber: '+', no leading 0, 7 to 15 digits. */
    private static final Pattern E164_SHAPE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public SendArguments {
        params = List.copyOf(params);
    }

    /** A bad invocation; the message is one line without the "send: " prefix. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses {@code --name VALUE} and {@code --name=VALUE}; {@code --param} may repeat, the others may not. */
    public static SendArguments parse(List<String> args) throws Invalid {
        Map<String, String> single = new HashMap<>();
        List<String> params = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new Invalid("unexpected argument " + quoted(arg) + " (options are --name VALUE)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!SINGLE.contains(name) && !name.equals("--param")) {
                throw new Invalid("unknown option " + quoted(name));
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new Invalid(name + " needs a value");
            }
            if (name.equals("--param")) {
                params.add(value);
            } else if (single.putIfAbsent(name, value) != null) {
                throw new Invalid(name + " is given more than once");
            }
        }
        return of(single, params);
    }

    private static SendArguments of(Map<String, String> single, List<String> params) throws Invalid {
        String to = required(single, "--to", "an E.164 number such as +4915123456789");
        String template = required(single, "--template", "a WhatsApp template name such as new_collection");
        checkNumber(to);
        check(template, TEMPLATE, "--template", "a template name (lowercase letters, digits and _)");
        String language = single.getOrDefault("--lang", DEFAULT_LANGUAGE);
        check(language, LANGUAGE, "--lang", "a template language code such as de, en or pt_BR");
        String purpose = single.getOrDefault("--purpose", DEFAULT_PURPOSE);
        check(purpose, PURPOSE, "--purpose", "a purpose name such as offers");
        for (String param : params) {
            if (param.isBlank()) {
                throw new Invalid("--param is empty (WhatsApp refuses empty template parameters)");
            }
        }
        return new SendArguments(to, template, language, purpose, params, category(single.get("--category")),
                waitOf(single.get("--wait")));
    }

    private static String required(Map<String, String> single, String name, String what) throws Invalid {
        String value = single.get(name);
        if (value == null) {
            throw new Invalid(name + " is required (" + what + ")");
        }
        if (value.isEmpty()) {
            throw new Invalid(name + " is empty (" + what + ")");
        }
        return value;
    }

    /**
     * As consent-service judges a number: the strict E.164 shape, valid for libphonenumber, and already canonical,
     * because keys and contact keys are derived from the exact string.
     */
    private static void checkNumber(String to) throws Invalid {
        boolean valid = false;
        if (E164_SHAPE.matcher(to).matches()) {
            try {
                var number = PHONES.parse(to, null);
                valid = PHONES.isValidNumber(number)
                        && PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).equals(to);
            } catch (NumberParseException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new Invalid("--to " + quoted(to) + " is not a valid E.164 number (e.g. +4915123456789)");
        }
    }

    private static void check(String value, Pattern pattern, String name, String what) throws Invalid {
        if (value.isEmpty()) {
            throw new Invalid(name + " is empty (" + what + ")");
        }
        if (!pattern.matcher(value).matches()) {
            throw new Invalid(name + " " + quoted(value) + " is not " + what);
        }
    }

    private static MessageCategory category(String value) throws Invalid {
        if (value == null) {
            return DEFAULT_CATEGORY;
        }
        for (MessageCategory category : CATEGORIES) {
            if (category.name().equals(value.toUpperCase(Locale.ROOT))) {
                return category;
            }
        }
        throw new Invalid("--category " + quoted(value) + " is not MARKETING or UTILITY");
    }

    private static Duration waitOf(String value) throws Invalid {
        if (value == null) {
            return DEFAULT_WAIT;
        }
        if (value.matches("[0-9]{1,4}") && Integer.parseInt(value) <= MAX_WAIT_SECONDS) {
            return Duration.ofSeconds(Integer.parseInt(value));
        }
        throw new Invalid("--wait " + quoted(value) + " is not a whole number of seconds from 0 to "
                + MAX_WAIT_SECONDS);
    }

    /** The user's text inside an error line: control characters escaped so the message stays one line, and short. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(40).forEach(c -> out.append(breaksLines(c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return out.append(value.codePointCount(0, value.length()) > 40 ? "...'" : "'").toString();
    }

    private static boolean breaksLines(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
