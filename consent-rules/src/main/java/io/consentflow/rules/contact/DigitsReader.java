package io.consentflow.rules.contact;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The number libphonenumber's {@code parse(e164, null)} makes of '+' and ASCII digits, read without its parser where
 * that provably gives the same number; else {@code null}, and the caller asks the parser. The parser's regex work
 * (extension search, viability, normalising) was most of the validation's cost per web opt-in, and for such input
 * it comes down to: the country calling code is the shortest prefix of the digits that is one, the rest is the
 * national number, unless the region's national prefix for parsing matches its start (then the parser may strip or
 * transform it) or it starts with 0 (the "Italian leading zero"). Those cases, numbers of non-geographic codes and a
 * national number under two digits go to the parser. {@code PhoneNumbersAgreementTest} holds both to the same
 * answers on thousands of seeded numbers of every region.
 */
final class DigitsReader {

    private static final String UNKNOWN_REGION = "ZZ";
    private static final String NON_GEOGRAPHIC = "001";
    private static final Pattern NEVER = Pattern.compile("(?!)");
    /** A region's national prefix for parsing, compiled once: bounded by libphonenumber's metadata, not by numbers. */
    private static final Map<Integer, Pattern> NATIONAL_PREFIXES = new ConcurrentHashMap<>();

    private DigitsReader() {
    }

    /** @param e164 a string that passed {@link PhoneNumbers#plausible} */
    static PhoneNumber read(String e164, PhoneNumberUtil util) {
        for (int i = 1; i < e164.length(); i++) {
            char c = e164.charAt(i);
            if (c < '0' || c > '9') {
                return null; // other Unicode digits: the parser normalises them
            }
        }
        for (int end = 2; end <= 4 && end <= e164.length(); end++) {
            int code = Integer.parseInt(e164, 1, end, 10);
            String region = util.getRegionCodeForCountryCode(code);
            if (!UNKNOWN_REGION.equals(region)) {
                return national(e164.substring(end), code, region);
            }
        }
        return null;
    }

    private static PhoneNumber national(String digits, int code, String region) {
        if (digits.length() < 2 || digits.charAt(0) == '0' || NON_GEOGRAPHIC.equals(region)
                || nationalPrefix(code, region).matcher(digits).lookingAt()) {
            return null;
        }
        return new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong(digits));
    }

    private static Pattern nationalPrefix(int code, String region) {
        return NATIONAL_PREFIXES.computeIfAbsent(code, unused -> {
            // the metadata PhoneNumberUtil.getInstance() reads
            PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                    .getMetadataForRegion(region);
            if (metadata == null) {
                return Pattern.compile(""); // matches everything: the parser decides
            }
            String forParsing = metadata.getNationalPrefixForParsing();
            String prefix = metadata.getNationalPrefix();
            if (forParsing.isEmpty() && prefix.isEmpty()) {
                return NEVER;
            }
            // either may be what the parser strips, depending on the metadata: both send the number to the parser
            StringBuilder either = new StringBuilder();
            if (!forParsing.isEmpty()) {
                either.append("(?:").append(forParsing).append(')');
            }
            if (!prefix.isEmpty()) {
                either.append(either.length() > 0 ? "|" : "").append(Pattern.quote(prefix));
            }
            return Pattern.compile(either.toString());
        });
    }
}
