package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.consentflow.rules.contact.PhoneNumbers;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The structural pre-check and the memo give exactly the verdicts (and zones) of the plain libphonenumber check the
 * gate used before: parse + isValidNumber on every string, zones straight from the mapper.
 */
class PhoneNumbersTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** The gate's check before this change, verbatim. */
    private static Optional<PhoneNumber> reference(String e164) {
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

    private static List<ZoneId> referenceZones(PhoneNumber number) {
        List<ZoneId> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number).stream()
                .filter(id -> !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id))
                .map(ZoneId::of).toList();
        return zones.isEmpty() ? List.of(ZoneOffset.UTC) : zones;
    }

    static final List<String> CASES = Arrays.asList(
            // valid: mobile and fixed line, single- and multi-zone regions, shared calling codes (+1, +7, +44)
            "+4915112345678", "+493012345678", "+14155552671", "+12125551234", "+447911123456", "+442071838750",
            "+79161234567", "+61412345678", "+5511912345678", "+33612345678", "+819012345678", "+8613812345678",
            "+971501234567", "+34612345678", "+390612345678", "+393123456789",
            // invalid: right shape, no such number
            "+4900000000", "+14155550000", "+491", "+1234", "+99912345678", "+80012345678",
            // too short / too long
            "+", "+4", "+49", "+491511", "+4915112345678901", "+49151123456789012", "+4915112345678901234",
            // wrong or missing country code, leading zero, national format
            "+0015112345678", "+015112345678", "+0", "+00", "015112345678", "4915112345678", "+2215112345678",
            "+8815112345678",
            // not digits, Unicode digits (libphonenumber normalises them), blanks, null
            "+49 151 12345678", "+49-151-12345678", "+49151x2345678", "++4915112345678", "+٤٩١٥١١٢٣٤٥٦٧٨",
            "+٠١٥١١٢٣٤٥٦٧٨", "", " ", null);

    @Test
    void sameVerdictAsTheUnmemoisedCheckOnValidInvalidShortLongAndWrongCountryNumbers() {
        CheckedNumbers memo = new CheckedNumbers(16);
        int valid = 0;
        for (int round = 0; round < 2; round++) { // the second round answers from the memo
            for (String e164 : CASES) {
                assertSame(e164, memo);
                valid += reference(e164).isPresent() ? 1 : 0;
            }
        }
        assertThat(valid).as("the cases include valid numbers").isGreaterThan(20);
    }

    @Test
    void sameVerdictOnRandomDigitStrings() {
        Random random = new Random(20261129L);
        CheckedNumbers memo = new CheckedNumbers(64);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder e164 = new StringBuilder("+");
            int digits = 1 + random.nextInt(16);
            for (int d = 0; d < digits; d++) {
                e164.append((char) ('0' + random.nextInt(10)));
            }
            numbers.add(e164.toString());
        }
        int valid = 0;
        for (String e164 : numbers) {
            assertSame(e164, memo);
            valid += reference(e164).isPresent() ? 1 : 0;
        }
        // and repeats, answered from the memo where still held
        for (String e164 : numbers.subList(0, 200)) {
            assertSame(e164, memo);
            assertSame(e164, memo);
        }
        assertThat(valid).as("random strings include valid numbers").isGreaterThan(100);
    }

    private static void assertSame(String e164, CheckedNumbers memo) {
        Optional<PhoneNumber> expected = reference(e164);
        assertThat(PhoneNumbers.parse(e164).isPresent()).as("parse %s", e164).isEqualTo(expected.isPresent());
        CheckedNumbers.Valid checked = memo.check(e164);
        assertThat(checked != null).as("memo %s", e164).isEqualTo(expected.isPresent());
        if (checked != null) {
            assertThat(checked.zones()).as("zones %s", e164).isEqualTo(referenceZones(expected.get()));
            assertThat(PhoneNumbers.zones(expected.get())).isEqualTo(referenceZones(expected.get()));
        }
    }
}
