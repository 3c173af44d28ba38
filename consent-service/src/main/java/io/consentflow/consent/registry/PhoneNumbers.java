package io.consentflow.consent.registry;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;

/**
 * Accepts only valid numbers written in E.164 (docs/architecture.md#phone-numbers), using libphonenumber's metadata.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The canonical E.164 form, or empty when the input is not a valid E.164 number. */
    public static Optional<String> e164(String input) {
        if (input == null || input.length() > 20 || !input.matches("\\+[1-9][0-9]{6,14}")) {
            return Optional.empty();
        }
        try {
            var number = UTIL.parse(input, null);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            String canonical = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            return canonical.equals(input) ? Optional.of(canonical) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** WhatsApp writes numbers as digits without '+'; inbound events may carry either form. */
    public static Optional<String> fromWhatsApp(String input) {
        if (input == null) {
            return Optional.empty();
        }
        return e164(input.startsWith("+") ? input : "+" + input);
    }
}
