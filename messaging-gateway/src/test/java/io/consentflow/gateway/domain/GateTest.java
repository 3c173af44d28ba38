package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateTest {

    /** 12:00 UTC = 13:00 in Berlin (winter): outside quiet hours. */
    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");
    private static final String BERLIN = "+4915112345678";
    private static final String SUBJECT = "3f2b6f0e-8c1a-4f5e-9b7d-2a1c3e4d5f60";

    private final Gate gate = new Gate(new GatePolicy(LocalTime.of(20, 0), LocalTime.of(8, 0), 2, Duration.ofDays(7),
            Duration.ofHours(24)));

    private static ConsentFacts confirmed(String... purposes) {
        return new ConsentFacts(SUBJECT, ConsentStatus.CONFIRMED, Set.of(purposes), false);
    }

    private static Outgoing marketing(String to) {
        return new Outgoing(to, Category.MARKETING, "offers", true, null, null);
    }

    private Decision decide(Outgoing message, ConsentFacts consent) {
        return gate.decide(message, consent, null, 0, NOON);
    }

    @Test
    void sendsAMarketingTemplateWithConfirmedConsentForThePurpose() {
        assertThat(decide(marketing(BERLIN), confirmed("offers")).allowed()).isTrue();
    }

    @Test
    void noConsentKnown() {
        assertThat(decide(marketing(BERLIN), null).refusal()).isEqualTo(Refusal.NO_CONSENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "EXPIRED", "UNKNOWN"})
    void consentNotConfirmed(String status) {
        var consent = new ConsentFacts(SUBJECT, ConsentStatus.valueOf(status), Set.of("offers"), false);
        assertThat(decide(marketing(BERLIN), consent).refusal()).isEqualTo(Refusal.NO_CONSENT);
    }

    @Test
    void purposeNotGranted() {
        assertThat(decide(marketing(BERLIN), confirmed("event-updates")).refusal())
                .isEqualTo(Refusal.PURPOSE_NOT_GRANTED);
    }

    @Test
    void noPurposeNamedIsNotGranted() {
        var message = new Outgoing(BERLIN, Category.UTILITY, null, true, null, null);
        assertThat(decide(message, confirmed("offers")).refusal()).isEqualTo(Refusal.PURPOSE_NOT_GRANTED);
    }

    @Test
    void stopped() {
        var consent = new ConsentFacts(SUBJECT, ConsentStatus.STOPPED, Set.of("offers"), false);
        assertThat(decide(marketing(BERLIN), consent).refusal()).isEqualTo(Refusal.STOPPED);
    }

    @Test
    void stoppedAlsoBlocksUtilityTemplatesFromCampaignSystems() {
        var consent = new ConsentFacts(SUBJECT, ConsentStatus.STOPPED, Set.of("support"), false);
        var message = new Outgoing(BERLIN, Category.UTILITY, "support", true, null, null);
        assertThat(decide(message, consent).refusal()).isEqualTo(Refusal.STOPPED);
    }

    @Test
    void marketingStoppedAtMeta() {
        var consent = new ConsentFacts(SUBJECT, ConsentStatus.CONFIRMED, Set.of("offers"), true);
        assertThat(decide(marketing(BERLIN), consent).refusal()).isEqualTo(Refusal.MARKETING_STOPPED_AT_META);
    }

    @Test
    void metaMarketingStopDoesNotBlockUtility() {
        var consent = new ConsentFacts(SUBJECT, ConsentStatus.CONFIRMED, Set.of("support"), true);
        var message = new Outgoing(BERLIN, Category.UTILITY, "support", true, null, null);
        assertThat(decide(message, consent).allowed()).isTrue();
    }

    @Test
    void freeTextOutsideTheServiceWindowNeedsATemplate() {
        var message = new Outgoing(BERLIN, Category.UTILITY, "support", false, null, null);
        assertThat(decide(message, confirmed("support")).refusal()).isEqualTo(Refusal.TEMPLATE_REQUIRED);
        assertThat(gate.decide(message, confirmed("support"), NOON.minus(Duration.ofHours(25)), 0, NOON).refusal())
                .isEqualTo(Refusal.TEMPLATE_REQUIRED);
    }

    @Test
    void freeTextInsideTheServiceWindowIsAllowed() {
        var message = new Outgoing(BERLIN, Category.UTILITY, "support", false, null, null);
        assertThat(gate.decide(message, confirmed("support"), NOON.minus(Duration.ofHours(23)), 0, NOON).allowed())
                .isTrue();
    }

    @Test
    void marketingFreeTextNeedsATemplateEvenInsideTheWindow() {
        var message = new Outgoing(BERLIN, Category.MARKETING, "offers", false, null, null);
        assertThat(gate.decide(message, confirmed("offers"), NOON.minusSeconds(60), 0, NOON).refusal())
                .isEqualTo(Refusal.TEMPLATE_REQUIRED);
    }

    @Test
    void frequencyCap() {
        assertThat(gate.decide(marketing(BERLIN), confirmed("offers"), null, 1, NOON).allowed()).isTrue();
        assertThat(gate.decide(marketing(BERLIN), confirmed("offers"), null, 2, NOON).refusal())
                .isEqualTo(Refusal.FREQUENCY_CAP);
    }

    @Test
    void frequencyCapAppliesToMarketingOnly() {
        var message = new Outgoing(BERLIN, Category.UTILITY, "support", true, null, null);
        assertThat(gate.decide(message, confirmed("support"), null, 50, NOON).allowed()).isTrue();
    }

    @Test
    void quietHoursInTheRecipientsLocalTime() {
        // 19:30 UTC = 20:30 in Berlin (quiet) but 14:30 in New York (not quiet)
        Instant evening = Instant.parse("2026-11-29T19:30:00Z");
        assertThat(gate.decide(marketing(BERLIN), confirmed("offers"), null, 0, evening).refusal())
                .isEqualTo(Refusal.QUIET_HOURS);
        assertThat(gate.decide(marketing("+12125550123"), confirmed("offers"), null, 0, evening).allowed()).isTrue();
        // 06:30 UTC = 07:30 Berlin (still quiet), 08:30 Helsinki (not)
        Instant morning = Instant.parse("2026-11-29T06:30:00Z");
        assertThat(gate.decide(marketing(BERLIN), confirmed("offers"), null, 0, morning).refusal())
                .isEqualTo(Refusal.QUIET_HOURS);
        assertThat(gate.decide(marketing("+358401234567"), confirmed("offers"), null, 0, morning).allowed()).isTrue();
    }

    @Test
    void quietHoursApplyToMarketingOnly() {
        Instant night = Instant.parse("2026-11-29T23:00:00Z");
        var message = new Outgoing(BERLIN, Category.UTILITY, "support", true, null, null);
        assertThat(gate.decide(message, confirmed("support"), null, 0, night).allowed()).isTrue();
    }

    @Test
    void expired() {
        var message = new Outgoing(BERLIN, Category.MARKETING, "offers", true, null, NOON.minusSeconds(1));
        assertThat(decide(message, confirmed("offers")).refusal()).isEqualTo(Refusal.EXPIRED);
        var fresh = new Outgoing(BERLIN, Category.MARKETING, "offers", true, null, NOON.plusSeconds(1));
        assertThat(decide(fresh, confirmed("offers")).allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4915112345678", "+49 151 12345678", "+4900000", "+99912345678", "", "+"})
    void invalidNumber(String to) {
        assertThat(decide(marketing(to), confirmed("offers")).refusal()).isEqualTo(Refusal.INVALID_NUMBER);
    }

    @Test
    void nullNumberIsInvalid() {
        assertThat(decide(marketing(null), confirmed("offers")).refusal()).isEqualTo(Refusal.INVALID_NUMBER);
    }

    /** A number consent-service registered was validated there; it is parsed again only for its time zones. */
    @Nested
    class RegisteredNumbers {

        private final Gate quietHoursOff = new Gate(new GatePolicy(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 2,
                Duration.ofDays(7), Duration.ofHours(24)));

        @Test
        void withoutQuietHoursARegisteredNumberIsNotParsedAgain() {
            // a string libphonenumber refuses passes: the gate trusts consent-service's verdict on its own number
            var unparsed = marketing("+49 151 12345678");
            assertThat(quietHoursOff.decide(unparsed, confirmed("offers"), true, null, 0, NOON).allowed()).isTrue();
            assertThat(quietHoursOff.decide(unparsed, confirmed("offers"), false, null, 0, NOON).refusal())
                    .isEqualTo(Refusal.INVALID_NUMBER);
        }

        @Test
        void withQuietHoursAMarketingNumberIsParsedForItsZones() {
            assertThat(gate.decide(marketing("+49 151 12345678"), confirmed("offers"), true, null, 0, NOON).refusal())
                    .isEqualTo(Refusal.INVALID_NUMBER);
            Instant evening = Instant.parse("2026-11-29T20:30:00Z");
            assertThat(gate.decide(marketing(BERLIN), confirmed("offers"), true, null, 0, evening).refusal())
                    .isEqualTo(Refusal.QUIET_HOURS);
        }

        @Test
        void withQuietHoursAUtilityMessageToARegisteredNumberNeedsNoZones() {
            var utility = new Outgoing("+49 151 12345678", Category.UTILITY, "support", true, null, null);
            assertThat(gate.decide(utility, confirmed("support"), true, null, 0, NOON).allowed()).isTrue();
            assertThat(gate.decide(utility, confirmed("support"), false, null, 0, NOON).refusal())
                    .isEqualTo(Refusal.INVALID_NUMBER);
        }

        @Test
        void everyOtherRuleStillHoldsForARegisteredNumber() {
            assertThat(quietHoursOff.decide(marketing(BERLIN), null, true, null, 0, NOON).refusal())
                    .isEqualTo(Refusal.NO_CONSENT);
            assertThat(quietHoursOff.decide(marketing(BERLIN), confirmed("support"), true, null, 0, NOON).refusal())
                    .isEqualTo(Refusal.PURPOSE_NOT_GRANTED);
            assertThat(quietHoursOff.decide(marketing(BERLIN), confirmed("offers"), true, null, 2, NOON).refusal())
                    .isEqualTo(Refusal.FREQUENCY_CAP);
        }
    }

    @Test
    void everyRefusalHasAMatchingAvroBlockReason() {
        for (Refusal refusal : Refusal.values()) {
            assertThat(io.consentflow.events.BlockReason.valueOf(refusal.name())).isNotNull();
        }
    }
}
