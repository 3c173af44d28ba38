package io.consentflow.rules.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoneNumbers} reads most numbers without libphonenumber's parser ({@link DigitsReader}); this holds it to the
 * parser's answers: for seeded numbers of every region and calling code (valid examples of each type, and each
 * mutated: a digit changed, dropped or added, the national prefix or a 0 put in front, random digits), the verdict of
 * {@link PhoneNumbers#e164} and the number of {@link PhoneNumbers#parsePlausible} are those of the full parse.
 */
class PhoneNumbersAgreementTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @Test
    void theDigitsReaderGivesTheParsersAnswersForNumbersOfEveryRegion() {
        List<String> inputs = inputs(new Random(27));
        int read = 0;
        int valid = 0;
        for (String input : inputs) {
            // as before the reader: the structural check, then the parser's verdict and canonical form
            Optional<String> expected = parsed(input).filter(n -> PhoneNumbers.plausible(input))
                    .filter(UTIL::isValidNumber)
                    .map(number -> UTIL.format(number, PhoneNumberFormat.E164)).filter(input::equals);
            assertThat(PhoneNumbers.e164(input)).as(input).isEqualTo(expected);
            if (PhoneNumbers.plausible(input)) {
                Optional<PhoneNumber> number = parsed(input).filter(UTIL::isValidNumber);
                Optional<PhoneNumber> actual = PhoneNumbers.parsePlausible(input);
                assertThat(actual.isPresent()).as(input).isEqualTo(number.isPresent());
                number.ifPresent(n -> assertThat(actual.orElseThrow().exactlySameAs(n)).as(input).isTrue());
                PhoneNumber direct = DigitsReader.read(input, UTIL);
                if (direct != null) {
                    read++;
                    assertThat(direct.exactlySameAs(parsed(input).orElseThrow())).as(input).isTrue();
                }
            }
            valid += expected.isPresent() ? 1 : 0;
        }
        // the comparison means something only if both kinds of answer and both paths were taken often
        assertThat(inputs).hasSizeGreaterThan(5_000);
        assertThat(valid).as("valid numbers").isGreaterThan(inputs.size() / 5);
        assertThat(inputs.size() - valid).as("refused numbers").isGreaterThan(inputs.size() / 5);
        assertThat(read).as("numbers read without the parser").isGreaterThan(inputs.size() / 2);
        assertThat(inputs.size() - read).as("numbers left to the parser").isGreaterThan(inputs.size() / 20);
    }

    private static Optional<PhoneNumber> parsed(String input) {
        try {
            return Optional.of(UTIL.parse(input, null));
        } catch (NumberParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> inputs(Random random) {
        List<String> inputs = new ArrayList<>();
        for (String region : new TreeSet<>(UTIL.getSupportedRegions())) {
            String code = Integer.toString(UTIL.getCountryCodeForRegion(region));
            String nationalPrefix = Optional.ofNullable(UTIL.getNddPrefixForRegion(region, true)).orElse("");
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = UTIL.format(example, PhoneNumberFormat.E164);
                String national = e164.substring(1 + code.length());
                inputs.add(e164);
                inputs.add(changeOneDigit(e164, 1 + code.length(), random));
                inputs.add(e164.substring(0, e164.length() - 1));
                inputs.add(e164 + random.nextInt(10));
                inputs.add("+" + code + "0" + national);
                inputs.add("+" + code + nationalPrefix + national);
            }
            for (int i = 0; i < 6; i++) {
                inputs.add("+" + code + randomDigits(4 + random.nextInt(11), random));
            }
        }
        for (int code : new TreeSet<>(UTIL.getSupportedGlobalNetworkCallingCodes())) {
            PhoneNumber example = UTIL.getExampleNumberForNonGeoEntity(code);
            if (example != null) {
                inputs.add(UTIL.format(example, PhoneNumberFormat.E164));
            }
            inputs.add("+" + code + randomDigits(6 + random.nextInt(8), random));
        }
        for (int i = 0; i < 500; i++) {
            inputs.add("+" + randomDigits(2 + random.nextInt(14), random)); // any code, known or not
        }
        return inputs;
    }

    private static String changeOneDigit(String e164, int from, Random random) {
        int at = from + random.nextInt(e164.length() - from);
        return e164.substring(0, at) + (char) ('0' + (e164.charAt(at) - '0' + 1 + random.nextInt(9)) % 10)
                + e164.substring(at + 1);
    }

    private static String randomDigits(int length, Random random) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }
}
