package io.consentflow.rules.intent;

import java.util.List;

/**
 * Turns the lexicon findings of a message into one intent. A finding counts unless its context undoes it:
 * <ul>
 *   <li>a trap covers it ("bus stop") or, for a stopping verb, an order is its object ("cancel my order");</li>
 *   <li>a negation stands right before it or inside it ("don't stop sending", "bitte nicht abmelden");</li>
 *   <li>a bare command has other words in its clause ("Ende des Monats komme ich vorbei");</li>
 *   <li>a withdrawal in a question, a condition or with a hedge is UNCERTAIN ("how do I unsubscribe?", "if you keep
 *       sending I'll unsubscribe"), except a question that is a polite request ("can you unsubscribe me?").</li>
 * </ul>
 * Of what remains, the strongest wins: ERASE, STOP, UNCERTAIN, START, YES. Missing an opt-out costs most, so a
 * withdrawal anywhere in a message outweighs everything else in it.
 */
final class IntentRules {

    /** How far before an opt-out word a negation still reaches: "I do not want to unsubscribe". */
    private static final int NEGATION_REACH = 3;
    /** How far an order noun may stand from a stopping verb to be its object: "cancel my last order". */
    private static final int ORDER_REACH = 4;
    /** How far after a deletion an order or cart noun is its object: "delete them from my cart". */
    private static final int ERASE_ORDER_REACH = 3;

    private static final long BARE_STOP = Role.FILLER.bit() | Role.CONTACT.bit() | Role.STOP.bit()
            | Role.STOP_BARE.bit() | Role.YES.bit() | Role.ERASE.bit() | Role.ERASE_BARE.bit();
    private static final long BARE_START = Role.FILLER.bit() | Role.CONTACT.bit() | Role.START.bit()
            | Role.START_BARE.bit() | Role.YES.bit();
    private static final long BARE_YES = Role.FILLER.bit() | Role.YES.bit();

    private final Annotation annotation;
    private final Message message;
    private final long[] any;
    private final SentenceContext context;

    private IntentRules(Annotation annotation) {
        this.annotation = annotation;
        this.message = annotation.message;
        this.any = new long[message.size];
        for (int t = 0; t < message.size; t++) {
            any[t] = annotation.anyClasses(t);
        }
        this.context = new SentenceContext(annotation, any);
    }

    /** The intent and the index of the language that decided it, or null for NONE. */
    static Decision decide(Annotation annotation, List<Hit> hits) {
        return new IntentRules(annotation).decide(hits);
    }

    record Decision(Intent intent, int language) {
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
        for (Hit hit : hits) {
            Intent intent = judge(hit);
            if (intent == Intent.NONE) {
                continue;
            }
            int coverage = coverage(hit.language());
            if (rank(intent) > rank(best) || rank(intent) == rank(best) && coverage > bestCoverage) {
                best = intent;
                language = hit.language();
                bestCoverage = coverage;
                shared = false;
            } else if (rank(intent) == rank(best) && coverage == bestCoverage && hit.language() != language) {
                shared = true;
            }
        }
        return new Decision(best, shared ? SHARED : language);
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

    /** How many tokens a language knows: of equally strong findings, the language of most of the message decides. */
    private int coverage(int language) {
        if (language < 0) {
            return -1;
        }
        int known = 0;
        for (int t = 0; t < message.size; t++) {
            known += annotation.classes(language, t) != 0 ? 1 : 0;
        }
        return known;
    }

    private Intent judge(Hit hit) {
        if (covers(hit, Role.TRAP.bit()) || negated(hit)) {
            return Intent.NONE;
        }
        return switch (hit.role()) {
            case STOP -> orderIsObject(hit) ? Intent.NONE : withdrawal(hit, Intent.STOP);
            case STOP_BARE -> corrected(hit) || conditionFollows(hit) ? Intent.NONE
                    : bareClause(hit, BARE_STOP) ? withdrawal(hit, Intent.STOP)
                    : mention(hit, !Role.MENTION.in(annotation.classes(hit.language(), hit.start())));
            case MENTION -> mention(hit, false);
            case ERASE -> erasesAnOrder(hit) ? Intent.NONE : withdrawal(hit, Intent.ERASE);
            case ERASE_BARE -> bareClause(hit, BARE_STOP) && !erasesAnOrder(hit) ? withdrawal(hit, Intent.ERASE)
                    : Intent.NONE;
            case START -> request(hit, Intent.START);
            case START_BARE -> bareClause(hit, BARE_START) ? request(hit, Intent.START) : Intent.NONE;
            case YES -> bareMessage(hit, BARE_YES) ? request(hit, Intent.YES) : Intent.NONE;
            case UNCERTAIN -> Intent.UNCERTAIN;
            default -> Intent.NONE;
        };
    }

    private Intent withdrawal(Hit hit, Intent intent) {
        if (context.question(hit) && !context.politeRequest(hit) || context.conditional(hit)
                || context.hedged(hit.start())) {
            return Intent.UNCERTAIN;
        }
        return intent;
    }

    /**
     * An opt-out word outside a command ("can I unsubscribe later?", "if you keep sending I'll leave") is UNCERTAIN
     * in a question or a condition, and nothing elsewhere. A generic command word in a question needs capitals, as
     * a quoted keyword ("what happens if I reply STOP?"): "the zip stops halfway, can I swap it?" is about a zip.
     */
    private Intent mention(Hit hit, boolean genericWord) {
        boolean conditional = context.conditional(hit);
        boolean quoted = message.capitals[hit.start()];
        if (!context.question(hit) && !conditional || !quoted && orderIsObject(hit)) {
            return Intent.NONE;
        }
        return genericWord && !conditional && !quoted ? Intent.NONE : Intent.UNCERTAIN;
    }

    /** START and YES only count as plain statements or requests, never asked about or made conditional. */
    private Intent request(Hit hit, Intent intent) {
        if (context.question(hit) && !context.politeRequest(hit) || context.conditional(hit)) {
            return Intent.NONE;
        }
        return intent;
    }

    private boolean covers(Hit hit, long bits) {
        for (int t : hit.elements()) {
            if ((any[t] & bits) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A negation just before the finding or between its words, that is not itself one of its words. Between its
     * words only the finding's own language counts (Italian "mai" is "never", Romanian "mai" is "more"); before it
     * another language's negation counts too ("bitte nicht stop"), unless it is a two-letter word ("ne", "no").
     */
    private boolean negated(Hit hit) {
        for (int t = Math.max(0, hit.start() - NEGATION_REACH); t < hit.end(); t++) {
            if (hit.isElement(t) || !message.sameClause(t, hit.start())) {
                continue;
            }
            boolean own = Role.NEGATE.in(annotation.classes(hit.language(), t));
            boolean foreign = Role.NEGATE.in(any[t]) && t < hit.start() && message.folded[t].length() > 2;
            if (own || foreign) {
                return true;
            }
        }
        return false;
    }

    /** Languages that negate a verb by a prefix written as one word: "neposílejte", "nie piszcie", "не шлите". */
    private static final java.util.Set<String> PREFIX_NEGATION = java.util.Set.of("cs", "sk", "sl", "hr", "pl", "bg",
            "ru", "uk", "lv", "lt");

    /** A verb negated by its prefix ("neposílejte", "nesūtiet", "netreba"), in a language that writes it so. */
    private boolean negativeVerb(int language, String folded) {
        if (folded.length() < 6 || !PREFIX_NEGATION.contains(Lexicons.LANGUAGES.get(language))) {
            return false;
        }
        return folded.startsWith("ne") || folded.startsWith("не");
    }

    /** "cancel my order", "Bestellung stoppen": a stopping verb with an order as its object is no withdrawal. */
    private boolean orderIsObject(Hit hit) {
        boolean stoppingVerb = false;
        boolean negatedCommand = false;
        for (int t : hit.elements()) {
            long classes = annotation.classes(hit.language(), t);
            stoppingVerb |= Role.CEASE.in(classes);
            negatedCommand |= Role.NEGATE.in(classes) || negativeVerb(hit.language(), message.folded[t]);
        }
        int from = Math.max(0, hit.start() - ORDER_REACH);
        int to = Math.min(message.size - 1, hit.end() + ORDER_REACH);
        if (!stoppingVerb && negatedCommand) {
            // "don't send the parcel to my old address": a negated command about an order, unless it names messages
            for (int t = 0; t < message.size; t++) {
                if (Role.CONTACT.in(any[t]) && message.sameClause(t, hit.start())) {
                    return false;
                }
            }
            stoppingVerb = true;
        }
        if (!stoppingVerb) {
            return false;
        }
        for (int t = from; t <= to; t++) {
            if (Role.ORDER.in(any[t]) && !hit.isElement(t) && message.sameClause(t, hit.start())) {
                return true;
            }
        }
        return false;
    }

    /**
     * "delete them from my cart", "remove the item from the order": an order, cart or item right inside or after a
     * deletion is what is deleted. Only close by, so "delete my data and cancel my order" still erases.
     */
    private boolean erasesAnOrder(Hit hit) {
        int to = Math.min(message.size - 1, hit.end() + ERASE_ORDER_REACH);
        for (int t = hit.start(); t <= to; t++) {
            if (Role.ORDER.in(any[t]) && !hit.isElement(t) && message.sameClause(t, hit.start())) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Aitab, kui saadate sõnumi", "Dovolj je, če mi račun pošljete": a bare "enough" followed by a clause led by
     * a conditional says what suffices, not "stop".
     */
    private boolean conditionFollows(Hit hit) {
        for (int t : hit.elements()) {
            if (Role.CEASE.in(annotation.classes(hit.language(), t))) {
                return false; // "Stop, if you don't I'll report you" is a stop with a threat
            }
        }
        int next = hit.end() + 1;
        while (next < message.size && message.sameClause(next, hit.start())) {
            next++;
        }
        return next < message.size && message.sentence[next] == message.sentence[hit.start()]
                && Role.CONDITION.in(annotation.classes(hit.language(), next));
    }

    /** Whether the finding's sentence corrects something the sender wrote: "Stop, I got the size wrong". */
    private boolean corrected(Hit hit) {
        for (int t = 0; t < message.size; t++) {
            if (message.sentence[t] == message.sentence[hit.start()] && Role.CORRECTION.in(any[t])) {
                return true;
            }
        }
        return false;
    }

    /** Whether the finding's clause holds nothing but it, fillers, other commands and numbers ("STOP 2"). */
    private boolean bareClause(Hit hit, long allowed) {
        for (int t = 0; t < message.size; t++) {
            if (message.sameClause(t, hit.start()) && (any[t] & allowed) == 0 && !isNumber(message.folded[t])
                    && !hit.isElement(t)) {
                return false;
            }
        }
        return true;
    }

    private boolean bareMessage(Hit hit, long allowed) {
        for (int t = 0; t < message.size; t++) {
            if ((any[t] & allowed) == 0 && !isNumber(message.folded[t]) && !hit.isElement(t)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String token) {
        return Character.isDigit(token.charAt(0));
    }
}
