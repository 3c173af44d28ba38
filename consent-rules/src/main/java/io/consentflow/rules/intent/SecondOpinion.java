package io.consentflow.rules.intent;

/**
 * How the rules' reading and the model's probability ({@link OptOutModel}) make one intent. The rules keep every
 * finding they make: a withdrawal, an erasure, a request to come back or a confirmation stands. Where they found
 * nothing, or only doubt, a confident model is heard, since a missed opt-out is the costliest error the product can
 * make: above {@code stop} it is a STOP; between {@code ask} and {@code stop} the message gets the one-tap
 * "Unsubscribe" reply (UNCERTAIN), which costs a clarification, never a false stop. An UNCERTAIN of the rules
 * ("how do I unsubscribe?") becomes a STOP only above {@code stopDoubt}: the rules saw a question or a condition.
 *
 * <p>The thresholds were chosen on the leave-one-table-out harness ({@code HeldOutTableHarness}), never on the
 * sealed set.
 *
 * @param stop      the model's probability above which a message the rules found nothing in is a STOP
 * @param ask       the probability above which such a message is UNCERTAIN
 * @param stopDoubt the probability above which an UNCERTAIN of the rules is a STOP
 * @param veto      the probability below which a STOP of the rules is NONE
 */
record SecondOpinion(double stop, double ask, double stopDoubt, double veto) {

    /** The thresholds 2026.12-7 ships with. */
    static final SecondOpinion STANDARD = new SecondOpinion(0.75, 0.50, 0.90, 0.05);

    /** No second opinion: the rules alone. */
    static final SecondOpinion RULES_ONLY = new SecondOpinion(2, 2, 2, 0);

    /** The intent of a message the rules read as {@code rules}, {@code guarded} when a guard voided a finding. */
    Intent combine(Intent rules, boolean guarded, double optOut) {
        return switch (rules) {
            case NONE -> guarded ? Intent.NONE : optOut >= stop ? Intent.STOP : optOut >= ask ? Intent.UNCERTAIN : Intent.NONE;
            case UNCERTAIN -> optOut >= stopDoubt ? Intent.STOP : Intent.UNCERTAIN;
            case STOP -> optOut < veto ? Intent.NONE : Intent.STOP;
            default -> rules;
        };
    }

    /** Whether the model is asked at all about a reading of the rules. */
    boolean asks(Intent rules, boolean guarded) {
        return rules == Intent.NONE && !guarded || rules == Intent.UNCERTAIN || rules == Intent.STOP && veto > 0;
    }
}
