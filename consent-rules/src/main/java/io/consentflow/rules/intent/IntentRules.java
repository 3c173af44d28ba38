package io.consentflow.rules.intent;

import java.util.List;

/**
 * Turns the lexicon findings of a message into one intent. A finding counts unless its context undoes it:
 * <ul>
 *   <li>a trap covers it ("bus stop"), or an order is its object ("cancel my order", "not interested in the red
 *       one", "enough, I already paid": {@link OrderObjects});</li>
 *   <li>a negation stands right before it or inside it ("don't stop sending", "bitte nicht abmelden"), or right
 *       after it where the language puts it there ("Afmeld mig ikke");</li>
 *   <li>a bare command has other words in its clause ("Ende des Monats komme ich vorbei");</li>
 *   <li>a withdrawal in a question, a condition or with a hedge is UNCERTAIN ("how do I unsubscribe?", "if you keep
 *       sending I'll unsubscribe"), except a question that is a polite request ("can you unsubscribe me?");</li>
 *   <li>the message says it was meant for another chat ("sorry, wrong chat"), or, beside a request to come back,
 *       the withdrawal is told as a mistake ("subscribe me again, I unsubscribed by mistake").</li>
 * </ul>
 * Of what remains, the strongest wins: ERASE, STOP, UNCERTAIN, START, YES. Missing an opt-out costs most, so a
 * withdrawal anywhere in a message outweighs everything else in it.
 */
final class IntentRules {

    private final Annotation annotation;
    private final Message message;
    private final long[] any;
    private final FindingGuards guards;
    private final FindingJudge judge;

    private IntentRules(Annotation annotation) {
        this.annotation = annotation;
        this.message = annotation.message;
        this.any = new long[message.size];
        for (int t = 0; t < message.size; t++) {
            any[t] = annotation.anyClasses(t);
        }
        this.guards = new FindingGuards(annotation, any);
        this.judge = new FindingJudge(annotation, any, guards);
    }

    /** The intent and the index of the language that decided it, or null for NONE. */
    static Decision decide(Annotation annotation, List<Hit> hits) {
        return new IntentRules(annotation).decide(hits);
    }

    /**
     * The intent, the language that decided it, and what the learned second opinion needs to know of the words
     * ({@link Evidence}).
     */
    record Decision(Intent intent, int language, Evidence evidence) {
    }

    /**
     * What the rules saw besides their finding. {@code guarded}: a word of withdrawal was found and ruled out by a
     * guard (a negation, an order as its object, a trap, a correction, a message meant for another chat), so the
     * rules have judged the words a model would hear, and their NONE stands. {@code cue}: some word of withdrawal or
     * negation stands in the message, in any language ({@link Lexicons#cues}). {@code assent}: a word of consent,
     * confirmation or receiving ({@link Lexicons#assent}). {@code words}: how many words the message has.
     * {@code contrary}: a word of negation or of coming back stands beside whatever the rules found ("don't stop
     * sending", "stop, don't send yet", "sign me up again"), where a STOP of the rules is most often wrong
     * (2026.12-13, {@link Lexicons#contrary}). {@code named}: the finding the rules decided on names the messages
     * among its own words ("Keine Nachrichten mehr an meine Adresse"; not "stop sending me offers", whose finding is
     * the verb), the clearest reading of a withdrawal the rules make (2026.12-17).
     */
    record Evidence(boolean guarded, boolean cue, boolean assent, int words, boolean contrary, boolean named) {

        static final Evidence NOTHING = new Evidence(false, false, false, 0, false, false);

        /** Evidence with no word of negation or of coming back, as before 2026.12-13. */
        Evidence(boolean guarded, boolean cue, boolean assent, int words) {
            this(guarded, cue, assent, words, false, false);
        }

        /** Evidence of a finding that names no messages, as before 2026.12-17. */
        Evidence(boolean guarded, boolean cue, boolean assent, int words, boolean contrary) {
            this(guarded, cue, assent, words, contrary, false);
        }
    }

    /**
     * The strongest finding, and the language of most of the message among the languages that found it. When the
     * decisive words are shared by several languages just as well ("STOP", "OK", "Ja"), no language is named
     * ({@link #SHARED}): the caller then falls back to the person's own language rather than a guess.
     */
    private Decision decide(List<Hit> hits) {
        Intent best = Intent.NONE;
        int language = -1;
        int bestCoverage = -1;
        boolean shared = false;
        Hit decisive = null;
        if (misdirected()) {
            return new Decision(Intent.NONE, -1, evidence(true, null));
        }
        Intent[] judged = new Intent[hits.size()];
        boolean comingBack = false;
        for (int i = 0; i < hits.size(); i++) {
            judged[i] = judge.judge(hits.get(i));
            comingBack |= judged[i] == Intent.START;
        }
        for (int i = 0; i < hits.size(); i++) {
            Hit hit = hits.get(i);
            Intent intent = judged[i];
            if (intent == Intent.NONE || comingBack && withdrewByMistake(hit, intent)) {
                continue;
            }
            int coverage = judge.coverage(hit.language());
            if (rank(intent) > rank(best) || rank(intent) == rank(best) && coverage > bestCoverage) {
                best = intent;
                language = hit.language();
                bestCoverage = coverage;
                shared = false;
                decisive = hit;
            } else if (rank(intent) == rank(best) && coverage == bestCoverage && hit.language() != language) {
                shared = true;
            }
        }
        return new Decision(best, shared ? SHARED : language, evidence(judge.guarded(), decisive));
    }

    private Evidence evidence(boolean guardedFinding, Hit decisive) {
        long all = 0;
        for (long classes : any) {
            all |= classes;
        }
        return new Evidence(guardedFinding, (all & annotation.lexicons.cues) != 0,
                (all & annotation.lexicons.assent) != 0 && ownAssent(), message.size,
                (all & annotation.lexicons.contrary) != 0, decisive != null && namesMessages(decisive));
    }

    /**
     * Whether a word of consent, confirming or receiving belongs to the message's own language (of the languages that
     * know most of its words): another language's "yes" is an ordinary word of a longer message (Romanian "și" read
     * as "si", Latvian "šīm" as "sim", Swedish "igen", Danish "da"), and the consent-word rule kept such complaints
     * from a STOP (2026.12-24). A reply of {@value SecondOpinion#SHORT} words or fewer names no language reliably, so
     * any language's word counts there, as before.
     */
    private boolean ownAssent() {
        if (message.size <= SecondOpinion.SHORT) {
            return true;
        }
        int languages = annotation.lexicons.languages.size();
        int most = 1;
        for (int language = 0; language < languages; language++) {
            most = Math.max(most, judge.coverage(language));
        }
        for (int language = 0; language < languages; language++) {
            if (judge.coverage(language) == most) {
                for (int t = 0; t < message.size; t++) {
                    if ((annotation.classes(language, t) & annotation.lexicons.assent) != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether a word for the messages ("Nachrichten", "offers") is one of the finding's own words. */
    private boolean namesMessages(Hit hit) {
        for (int t : hit.elements()) {
            if (Role.CONTACT.in(annotation.classes(hit.language(), t))) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Subscribe me again, I unsubscribed by mistake": beside a request to come back, a withdrawal in a sentence
     * that calls itself a mistake tells what happened, it does not ask for it again.
     */
    private boolean withdrewByMistake(Hit hit, Intent intent) {
        return (intent == Intent.STOP || intent == Intent.ERASE) && guards.corrected(hit);
    }

    private boolean misdirected() {
        for (long classes : any) {
            if (Role.MISDIRECTED.in(classes)) {
                return true;
            }
        }
        return false;
    }

    /** The language of a decision whose words several languages share equally. */
    static final int SHARED = -2;

    private static int rank(Intent intent) {
        return switch (intent) {
            case ERASE -> 5;
            case STOP -> 4;
            case UNCERTAIN -> 3;
            case START -> 2;
            case YES -> 1;
            case NONE -> 0;
        };
    }

}
