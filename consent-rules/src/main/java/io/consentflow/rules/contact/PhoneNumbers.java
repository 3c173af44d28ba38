package io.consentflow.rules.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * E.164 (docs/architecture.md#phone-numbers), the one rule for consent-service and the gateway: a number is accepted
 * only as libphonenumber judges it valid; {@link #e164} also requires it written exactly in its canonical form, as
 * people and APIs must give it. Also the time zones of a number's region, for the gateway's quiet hours.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();
    /**
     * The mapper's zone-id lists → ZoneIds. Bounded by libphonenumber's metadata (a few hundred distinct lists), not
     * by the numbers seen; saves the ZoneId parsing per message.
     */
    private static final Map<List<String>, List<ZoneId>> ZONE_LISTS = new ConcurrentHashMap<>();

    private PhoneNumbers() {
    }

    /** The canonical E.164 form, or empty when the input is not a valid number written exactly in E.164. */
    public static Optional<String> e164(String input) {
        if (!plausible(input)) {
            return Optional.empty();
        }
        return parsePlausible(input).map(number -> UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                .filter(canonical -> canonical.equals(input));
    }

    /** WhatsApp writes numbers as digits without '+'; inbound events may carry either form. */
    public static Optional<String> fromWhatsApp(String input) {
        if (input == null) {
            return Optional.empty();
        }
        return e164(input.startsWith("+") ? input : "+" + input);
    }

    /** The parsed number when {@code e164} is a valid E.164 number with its leading '+', else empty. */
    public static Optional<PhoneNumber> parse(String e164) {
        return plausible(e164) ? parsePlausible(e164) : Optional.empty();
    }

    /** {@link #parse} for a string that already passed {@link #plausible}. */
    public static Optional<PhoneNumber> parsePlausible(String e164) {
        try {
            PhoneNumber read = DigitsReader.read(e164, UTIL);
            PhoneNumber number = read != null ? read : UTIL.parse(e164, null);
            return UTIL.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The structural part of E.164 checked without libphonenumber: '+', 2 to 15 digits, no leading ASCII 0 (no country
     * calling code starts with 0: libphonenumber rejects such a number with INVALID_COUNTRY_CODE). Every string
     * failing this is also refused by libphonenumber, so checking it first changes no verdict.
     */
    public static boolean plausible(String e164) {
        if (e164 == null || e164.length() < 3 || e164.length() > 16 || e164.charAt(0) != '+'
                || e164.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < e164.length(); i++) {
            // any Unicode digit, as before: libphonenumber normalises e.g. Arabic-Indic digits
            if (!Character.isDigit(e164.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Every time zone the number may be in; UTC when libphonenumber knows none. */
    public static List<ZoneId> zones(PhoneNumber number) {
        List<String> ids = ZONES.getTimeZonesForNumber(number);
        List<ZoneId> zones = ZONE_LISTS.get(ids);
        if (zones == null) {
            zones = toZones(ids);
            ZONE_LISTS.putIfAbsent(List.copyOf(ids), zones);
        }
        return zones;
    }

    private static List<ZoneId> toZones(List<String> ids) {
        List<ZoneId> zones = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (!PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id)) {
                zone(id).ifPresent(zones::add);
            }
        }
        return zones.isEmpty() ? List.of(ZoneOffset.UTC) : List.copyOf(zones);
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
