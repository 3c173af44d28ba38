package io.consentflow.rules.intent;

import java.util.Set;

/**
 * What in a finding's context undoes it: a negation before or inside it, an order or cart as the object of a stopping
 * verb or a deletion, a condition after a bare "enough", a correction in its sentence. Kept apart from
 * {@link IntentRules}, which weighs what remains.
 */
final class FindingGuards {

    /** How far before an opt-out word a negation still reaches: "I do not want to unsubscribe". */
    private static final int NEGATION_REACH = 3;
    /** How far an order noun may stand from a stopping verb to be its object: "cancel my last order". */
    private static final int ORDER_REACH = 4;
    /** How far after a deletion an order or cart noun is its object: "delete them from my cart". */
    private static final int ERASE_ORDER_REACH = 3;

    /** Languages that negate a verb by a prefix written as one word: "neposílejte", "nie piszcie", "не шлите". */
    private static final Set<String> PREFIX_NEGATION = Set.of("cs", "sk", "sl", "hr", "pl", "bg", "ru", "uk", "lv",
            "lt");

    private final Annotation annotation;
    private final Message message;
    private final long[] any;

    FindingGuards(Annotation annotation, long[] any) {
        this.annotation = annotation;
        this.message = annotation.message;
        this.any = any;
    }

    /**
     * A negation just before the finding or between its words, that is not itself one of its words. Between its
     * words only the finding's own language counts (Italian "mai" is "never", Romanian "mai" is "more"); before it
     * another language's negation counts too ("bitte nicht stop"), unless it is a two-letter word ("ne", "no").
     */
    boolean negated(Hit hit) {
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

    /** A verb negated by its prefix ("neposílejte", "nesūtiet", "netreba"), in a language that writes it so. */
    private boolean negativeVerb(int language, String folded) {
        if (folded.length() < 6 || !PREFIX_NEGATION.contains(Lexicons.LANGUAGES.get(language))) {
            return false;
        }
        return folded.startsWith("ne") || folded.startsWith("не");
    }

    /** "cancel my order", "Bestellung stoppen": a stopping verb with an order as its object is no withdrawal. */
    boolean orderIsObject(Hit hit) {
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
    boolean erasesAnOrder(Hit hit) {
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
    boolean conditionFollows(Hit hit) {
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
    boolean corrected(Hit hit) {
        for (int t = 0; t < message.size; t++) {
            if (message.sentence[t] == message.sentence[hit.start()] && Role.CORRECTION.in(any[t])) {
                return true;
            }
        }
        return false;
    }
}
