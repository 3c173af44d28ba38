package io.consentflow.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PersonalDataScrubberTest {

    private final PersonalDataScrubber scrubber = new PersonalDataScrubber("test-salt");

    @Test
    void sendRequestsKeepOnlyMetadataAndDigestTheNumberAndText() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", "e1");
        fields.put("requestId", "r-4915112345678-ok");
        fields.put("to", "+4915112345678");
        fields.put("text", "Hallo Erika, ruf an: +49 151 1234 5678");
        fields.put("category", "MARKETING");
        fields.put("purpose", "offers");
        fields.put("campaignId", "c1");
        fields.put("buttons", List.of(Map.of("payload", "p", "title", "Ja")));
        fields.put("template", Map.of("name", "confirm", "language", "de",
                "components", List.of(Map.of("parameters", List.of(Map.of("value", "Erika"))))));
        Map<String, Object> scrubbed = scrubber.scrub("SendRequest", fields);
        String all = CanonicalJson.encode(scrubbed);
        assertThat(all).doesNotContain("4915112345678", "Erika", "151 1234").doesNotContain("buttons");
        assertThat(scrubbed.get("to")).isEqualTo(scrubber.digest("+4915112345678"));
        assertThat(scrubbed).containsEntry("category", "MARKETING").containsEntry("purpose", "offers")
                .containsEntry("campaignId", "c1");
        assertThat((String) scrubbed.get("requestId")).startsWith("r-sd:").endsWith("-ok");
    }

    @Test
    void aContactsEventIsDigestedUnderItsOwnSaltEverywhereANumberOrTextAppears() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", "r-4915112345678-ok");
        fields.put("to", "+4915112345678");
        fields.put("text", "Hallo Erika");
        fields.put("template", Map.of("name", "confirm", "language", "de", "components", List.of()));
        byte[] salt = new byte[32];
        salt[0] = 7;
        Map<String, Object> own = scrubber.scrubForContact("SendRequest", fields, salt);
        Map<String, Object> global = scrubber.scrub("SendRequest", fields);

        assertThat((String) own.get("to")).startsWith("sc:").isNotEqualTo(global.get("to"));
        assertThat((String) own.get("text")).startsWith("sc:");
        assertThat((String) own.get("requestId")).startsWith("r-sc:");
        assertThat(CanonicalJson.encode(own)).doesNotContain("sd:", "4915112345678", "Erika");
        byte[] other = salt.clone();
        other[0] = 8;
        assertThat(scrubber.scrubForContact("SendRequest", fields, other).get("to")).isNotEqualTo(own.get("to"));
        assertThat(scrubber.scrubForContact("SendRequest", fields, salt)).isEqualTo(own);
        assertThat(scrubber.saltLookup("+4915112345678")).isEqualTo(scrubber.saltLookup("4915112345678"))
                .doesNotContain("4915112345678").isNotEqualTo(new PersonalDataScrubber("other").saltLookup("4915112345678"));
    }

    /** The lookup is the stored salts' {@code _id}: it must stay the keyed digest of the ASCII digits, as written. */
    @Test
    void aSaltLookupIsTheKeyedDigestOfTheNumbersDigitsOnly() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-salt".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String stored = HexFormat.of().formatHex(mac.doFinal("contact-salt|4915112345678"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(scrubber.saltLookup("+49 (151) 1234-5678")).isEqualTo(stored);
        assertThat(scrubber.saltLookup("4915112345678")).isEqualTo(stored);
        // only ASCII digits count, as "\\D" does without UNICODE_CHARACTER_CLASS: an Arabic-Indic digit is dropped
        assertThat(scrubber.saltLookup("+4915112345678\u0661")).isEqualTo(stored);
    }

    @Test
    void anInboundMessageKeepsWhatItAskedForAndNotWhoSentIt() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", "e2");
        fields.put("from", "+4915112345678");
        fields.put("type", "text");
        fields.put("text", null);
        fields.put("intent", "ERASE");
        fields.put("language", "de");
        fields.put("recogniserVersion", "2026.12-1");
        fields.put("somethingNew", "+4915112345678 wrote this");
        Map<String, Object> scrubbed = scrubber.scrub("InboundMessage", fields);
        assertThat(scrubbed).containsEntry("intent", "ERASE").containsEntry("language", "de")
                .containsEntry("recogniserVersion", "2026.12-1").doesNotContainKey("somethingNew");
        assertThat(scrubbed.get("from")).isEqualTo(scrubber.digest("+4915112345678"));
        assertThat(CanonicalJson.encode(scrubbed)).doesNotContain("4915112345678");
    }

    @Test
    void anyPhoneNumberInAFreeStringIsReplaced() {
        assertThat(scrubber.scrubText("call 4915112345678 or +1 (415) 555-0100 now"))
                .doesNotContain("4915112345678", "555-0100").startsWith("call sd:");
        assertThat(scrubber.scrubText("order 2026-11-29 #12")).isEqualTo("order 2026-11-29 #12");
    }

    @Test
    void identifiersAndDigestsStayVerbatimAndDigestsAreSaltedAndStable() {
        String uuidWithDigits = "123e4567-e89b-12d3-a456-426614174000";
        Map<String, Object> scrubbed = scrubber.scrub("OptInRequested", Map.of("subjectId", uuidWithDigits,
                "evidenceDigest", "99999999999999", "noticeVersion", "2026-01"));
        assertThat(scrubbed).containsEntry("subjectId", uuidWithDigits).containsEntry("evidenceDigest",
                "99999999999999").containsEntry("noticeVersion", "2026-01");
        assertThat(scrubber.digest("x")).isEqualTo(scrubber.digest("x"))
                .isNotEqualTo(new PersonalDataScrubber("other").digest("x"));
    }
}
