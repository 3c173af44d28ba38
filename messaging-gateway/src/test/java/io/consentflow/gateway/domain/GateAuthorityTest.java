package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may send without consent (docs/architecture.md#who-may-send-without-consent), one row per case: only a request
 * whose signature verified as consent-service's or a customer-service producer's is exempt, and only for what that
 * signer may send; a subjectId, a category or a producer name alone grant nothing.
 */
class GateAuthorityTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");
    private static final String BERLIN = "+4915112345678";
    private static final String SUBJECT = "3f2b6f0e-8c1a-4f5e-9b7d-2a1c3e4d5f60";
    private static final Instant DEADLINE = NOON.plusSeconds(3600);
    private static final Instant IN_WINDOW = NOON.minusSeconds(5);
    private static final Instant OUT_OF_WINDOW = NOON.minus(Duration.ofHours(30));

    private final Gate gate = new Gate(new GatePolicy(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 2, Duration.ofDays(7),
            Duration.ofHours(24)));

    private static Outgoing template(Category category, Authority authority, Instant notAfter) {
        return new Outgoing(BERLIN, category, null, true, SUBJECT, notAfter, authority);
    }

    private static Outgoing text(Category category, Authority authority, Instant notAfter) {
        return new Outgoing(BERLIN, category, null, false, SUBJECT, notAfter, authority);
    }

    private static final ConsentFacts PENDING = new ConsentFacts(SUBJECT, ConsentStatus.PENDING, Set.of(), false);
    private static final ConsentFacts STOPPED = new ConsentFacts(SUBJECT, ConsentStatus.STOPPED, Set.of(), false);

    static Stream<Arguments> cases() {
        Authority consent = Authority.CONSENT_SERVICE;
        Authority support = Authority.CUSTOMER_SERVICE;
        Authority none = Authority.NONE;
        return Stream.of(
                // consent-service, signed: its confirmation template and its replies
                row("signed confirmation, contact unknown", template(Category.UTILITY, consent, DEADLINE), null, null,
                        null),
                row("signed confirmation, consent pending", template(Category.UTILITY, consent, DEADLINE), PENDING,
                        null, null),
                row("signed STOP reply in the window, after STOP", text(Category.SERVICE, consent, DEADLINE), STOPPED,
                        IN_WINDOW, null),
                row("signed reply outside the window", text(Category.SERVICE, consent, DEADLINE), null, OUT_OF_WINDOW,
                        Refusal.TEMPLATE_REQUIRED),
                row("signed confirmation without a deadline", template(Category.UTILITY, consent, null), null, null,
                        Refusal.NO_CONSENT),
                row("signed confirmation past its deadline", template(Category.UTILITY, consent, NOON.minusSeconds(1)),
                        null, null, Refusal.EXPIRED),
                row("signed by consent-service but MARKETING", template(Category.MARKETING, consent, DEADLINE), null,
                        null, Refusal.NO_CONSENT),
                row("signed by consent-service, UTILITY as text", text(Category.UTILITY, consent, DEADLINE), null,
                        IN_WINDOW, Refusal.NO_CONSENT),
                // forged: what any producer can write, without the signature
                row("UTILITY template with a made-up subjectId", template(Category.UTILITY, none, DEADLINE), null,
                        null, Refusal.NO_CONSENT),
                row("UTILITY template with a subjectId, consent pending", template(Category.UTILITY, none, DEADLINE),
                        PENDING, null, Refusal.NO_CONSENT),
                row("unsigned SERVICE text in the window", text(Category.SERVICE, none, DEADLINE), null, IN_WINDOW,
                        Refusal.NO_CONSENT),
                row("unsigned SERVICE text in the window after STOP", text(Category.SERVICE, none, DEADLINE), STOPPED,
                        IN_WINDOW, Refusal.STOPPED),
                // customer service, signed: SERVICE text in the window only
                row("customer-service reply in the window", text(Category.SERVICE, support, null), null, IN_WINDOW,
                        null),
                row("customer-service reply outside the window", text(Category.SERVICE, support, null), null,
                        OUT_OF_WINDOW, Refusal.TEMPLATE_REQUIRED),
                row("customer-service UTILITY template", template(Category.UTILITY, support, DEADLINE), null, null,
                        Refusal.NO_CONSENT),
                row("customer-service UTILITY text in the window", text(Category.UTILITY, support, null), null,
                        IN_WINDOW, Refusal.NO_CONSENT));
    }

    private static Arguments row(String name, Outgoing message, ConsentFacts consent, Instant lastInbound,
            Refusal expected) {
        return Arguments.of(name, message, consent, lastInbound, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyAVerifiedSignerIsExemptAndOnlyForItsOwnKindOfMessage(String name, Outgoing message,
            ConsentFacts consent, Instant lastInbound, Refusal expected) {
        Decision decision = gate.decide(message, consent, lastInbound, 0, NOON);

        if (expected == null) {
            assertThat(decision.allowed()).as(decision.detail()).isTrue();
        } else {
            assertThat(decision.refusal()).isEqualTo(expected);
        }
    }
}
