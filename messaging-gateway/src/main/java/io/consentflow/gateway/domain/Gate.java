package io.consentflow.gateway.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The consent gate of docs/architecture.md#send: a message leaves only when every rule holds, otherwise it is refused
 * with the first rule that failed. Pure: all facts are passed in, so each rule is unit-testable.
 */
public final class Gate {

    /** Recipients recently checked: libphonenumber's parse was ~10 % of the event loops' CPU. */
    static final int CHECKED_NUMBERS = 4096;

    private final GatePolicy policy;
    private final CheckedNumbers numbers = new CheckedNumbers(CHECKED_NUMBERS);

    public Gate(GatePolicy policy) {
        this.policy = policy;
    }

    public GatePolicy policy() {
        return policy;
    }

    /** {@link #decide(Outgoing, ConsentFacts, boolean, Instant, int, Instant)}, the number not known as registered. */
    public Decision decide(Outgoing message, ConsentFacts consent, Instant lastInbound, int marketingSentInCap,
            Instant now) {
        return decide(message, consent, false, lastInbound, marketingSentInCap, now);
    }

    /**
     * @param message              the message to decide on
     * @param consent              the contact's consent, null when consent-state knows the contact not
     * @param registered           consent-service registered exactly this number: the consent was found by the
     *                             contactKey of {@code message.to()}, and consent-service accepts a number only after
     *                             libphonenumber validated it (docs/architecture.md#phone-numbers), so it is not
     *                             parsed again unless its time zones are needed (libphonenumber's parse of a number
     *                             not seen before cost about as much as the rest of the gate)
     * @param lastInbound          when the contact last wrote to us (null: never, as far as we know)
     * @param marketingSentInCap   marketing messages sent to the contact within the frequency-cap window
     * @param now                  the decision time
     */
    public Decision decide(Outgoing message, ConsentFacts consent, boolean registered, Instant lastInbound,
            int marketingSentInCap, Instant now) {
        boolean parse = !registered || (message.category() == Category.MARKETING && !policy.quietHoursOff());
        CheckedNumbers.Valid number = parse ? numbers.check(message.to()) : null;
        if (parse && number == null) {
            return Decision.refuse(Refusal.INVALID_NUMBER, "not a valid E.164 number");
        }
        if (message.notAfter() != null && now.isAfter(message.notAfter())) {
            return Decision.refuse(Refusal.EXPIRED, "notAfter has passed");
        }
        boolean inServiceWindow = lastInbound != null && !now.isAfter(lastInbound.plus(policy.serviceWindow()));
        if (!message.template() && (!inServiceWindow || message.category() == Category.MARKETING)) {
            return Decision.refuse(Refusal.TEMPLATE_REQUIRED, message.category() == Category.MARKETING
                    ? "marketing messages must be templates" : "outside the 24-hour customer-service window");
        }
        // refused here rather than by Meta: no call, and the category below is the registered one only if it exists
        if (message.templateState() == TemplateState.UNKNOWN) {
            return Decision.refuse(Refusal.TEMPLATE_UNKNOWN, "no such template and language in the business account");
        }
        if (message.templateState() == TemplateState.NOT_APPROVED) {
            return Decision.refuse(Refusal.TEMPLATE_NOT_APPROVED, "the template is not approved (or paused)");
        }
        if (isConsentServicesOwn(message) || isCustomerServiceReply(message, inServiceWindow)) {
            // the double opt-in confirmation and replies to the contact's own message need no marketing consent
            return Decision.send();
        }
        if (consent == null) {
            return Decision.refuse(Refusal.NO_CONSENT, "no consent known for this contact");
        }
        if (consent.status() == ConsentStatus.STOPPED) {
            return Decision.refuse(Refusal.STOPPED, "the contact sent STOP");
        }
        if (consent.status() != ConsentStatus.CONFIRMED) {
            return Decision.refuse(Refusal.NO_CONSENT, "consent is " + consent.status());
        }
        if (message.purpose() == null || !consent.purposes().contains(message.purpose())) {
            return Decision.refuse(Refusal.PURPOSE_NOT_GRANTED, "purpose not granted");
        }
        if (message.category() == Category.MARKETING) {
            return marketingRules(number, consent, marketingSentInCap, now);
        }
        return Decision.send();
    }

    private Decision marketingRules(CheckedNumbers.Valid number, ConsentFacts consent, int sentInCap, Instant now) {
        if (consent.marketingStoppedAtMeta()) {
            return Decision.refuse(Refusal.MARKETING_STOPPED_AT_META, "marketing stopped in WhatsApp");
        }
        // with quiet hours off no zone can refuse: the zone lookup (libphonenumber's number type again) is skipped
        for (ZoneId zone : policy.quietHoursOff() ? List.<ZoneId>of() : number.zones()) {
            // a number whose region spans several zones is quiet when it is quiet in any of them
            if (policy.quiet(now.atZone(zone).toLocalTime())) {
                return Decision.refuse(Refusal.QUIET_HOURS, "quiet hours in " + zone.getId());
            }
        }
        if (sentInCap >= policy.frequencyCapMax()) {
            return Decision.refuse(Refusal.FREQUENCY_CAP, policy.frequencyCapMax() + " per "
                    + policy.frequencyCapWindow());
        }
        return Decision.send();
    }

    /**
     * consent-service's confirmation template (UTILITY) or its reply text (SERVICE; the window was checked above),
     * signed by it over this very number, and with a deadline, so that a copy of it is worthless once the deadline
     * passed (before that, a copy is the same requestId and is never sent twice). Its signature, not its subjectId
     * or producer field, decides: those any producer can write.
     */
    private static boolean isConsentServicesOwn(Outgoing message) {
        return message.authority() == Authority.CONSENT_SERVICE && message.notAfter() != null
                && (message.template() ? message.category() == Category.UTILITY
                        : message.category() == Category.SERVICE);
    }

    /** SERVICE free text answering the contact inside the window, from a producer authorised for customer service. */
    private static boolean isCustomerServiceReply(Outgoing message, boolean inServiceWindow) {
        return message.authority() == Authority.CUSTOMER_SERVICE && message.category() == Category.SERVICE
                && !message.template() && inServiceWindow;
    }
}
