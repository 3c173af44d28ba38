package io.consentflow.rules.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The two contact rules consent-service and the gateway share: E.164 as accepted from people, and contactKey. */
class ContactRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"+4915112345678", "+14155552671", "+447911123456", "+33612345678", "+5511987654321"})
    void aValidNumberWrittenInE164IsAcceptedAsItIs(String number) {
        assertThat(PhoneNumbers.e164(number)).contains(number);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"015112345678", "4915112345678", "+49 151 12345678", "+49-151-12345678", "+0015112345678",
            "+4900000", "+491511234567890123", "+49151１2345678", "+49151abcdefg", "+"})
    void anythingElseIsRefused(String input) {
        assertThat(PhoneNumbers.e164(input)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"4915112345678,+4915112345678", "+4915112345678,+4915112345678"})
    void whatsAppsDigitsWithoutPlusAreReadToo(String waId, String e164) {
        assertThat(PhoneNumbers.fromWhatsApp(waId)).contains(e164);
    }

    @Test
    void theContactKeyIsUnpaddedBase64UrlOfTheHmacOverTheNumberWithItsPlus() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("pepper".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("+4915112345678".getBytes(StandardCharsets.UTF_8)));
        assertThat(new ContactKeys("pepper").of("+4915112345678")).isEqualTo(expected).doesNotContain("=");
        assertThat(new ContactKeys("other").of("+4915112345678")).isNotEqualTo(expected);
    }

    @Test
    void aMissingPepperStopsTheServiceAtOnce() {
        assertThatThrownBy(() -> new ContactKeys(" ")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONSENTFLOW_PEPPER");
    }
}
