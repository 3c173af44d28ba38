package io.consentflow.gateway.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** E.164 validation and the time zones of a number's region (libphonenumber). */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private PhoneNumbers() {
    }

    /** The parsed number when {@code e164} is a valid E.164 number with its leading '+', else empty. */
    public static Optional<PhoneNumber> parse(String e164) {
        if (e164 == null || e164.length() < 3 || e164.length() > 16 || e164.charAt(0) != '+') {
            return Optional.empty();
        }
        for (int i = 1; i < e164.length(); i++) {
            if (!Character.isDigit(e164.charAt(i))) {
                return Optional.empty();
            }
        }
        try {
            PhoneNumber number = UTIL.parse(e164, null);
            return UTIL.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Every time zone the number may be in; UTC when libphonenumber knows none. */
    public static List<ZoneId> zones(PhoneNumber number) {
        List<ZoneId> zones = ZONES.getTimeZonesForNumber(number).stream()
                .filter(id -> !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id))
                .map(PhoneNumbers::zone).flatMap(Optional::stream).toList();
        return zones.isEmpty() ? List.of(ZoneOffset.UTC) : zones;
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
