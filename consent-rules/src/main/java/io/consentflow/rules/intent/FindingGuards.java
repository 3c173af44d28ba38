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
    /** How far an order noun may stand from another command to be its object: "n'envoyez plus rien à mon adresse". */
    private static final int OBJECT_REACH = 5;
    /** How far after a deletion an order or cart noun is its object: "delete them from my cart". */
    private static final int ERASE_ORDER_REACH = 3;

    /** How far after an opt-out verb a negation of a language that negates after the verb still reaches. */
    private static final int POSTVERBAL_REACH = 2;
    /** Languages that negate a command after its verb: "Afmeld mig ikke", "Avregistrera mig inte", "ne ... pas". */
    private static final Set<String> POSTVERBAL_NEGATION = Set.of("da", "sv", "de", "nl", "fr");
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
        return negatedAfter(hit);
    }

    /**
     * "Afmeld mig ikke" (don't unsubscribe me), "Ne me désabonnez surtout pas": a withdrawal verb negated after it,
     * in a language that places the negation there.
     */
    private boolean negatedAfter(Hit hit) {
        String language = Lexicons.LANGUAGES.get(hit.language());
        if (hit.role() == Role.STOP_BARE || !POSTVERBAL_NEGATION.contains(language)) {
            return false;
        }
        for (int t = hit.end() + 1; t <= Math.min(message.size - 1, hit.end() + POSTVERBAL_REACH); t++) {
            boolean own = Role.NEGATE.in(annotation.classes(hit.language(), t));
            boolean foreign = Role.NEGATE.in(any[t]) && message.folded[t].length() > 2; // "Afmeld mig ikke" read as Dutch
            if (message.sameClause(t, hit.start()) && (own || foreign)) {
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
        for (int t : hit.elements()) {
            stoppingVerb |= Role.CEASE.in(annotation.classes(hit.language(), t))
                    && !negativeVerb(hit.language(), message.folded[t]);
        }
        int from = Math.max(0, hit.start() - ORDER_REACH);
        int to = Math.min(message.size - 1, hit.end() + ORDER_REACH);
        if (!stoppingVerb) {
            // "don't send the parcel to my old address", "not interested in the red one", "leave the parcel at the
            // door": a command that is no stopping verb is about an order when an order noun is nearer to it than any
            // word for messages ("don't send the invoice to my old email" is about the invoice)
            return nearestObjectIsOrder(hit);
        }
        for (int t = from; t <= to; t++) {
            if (Role.ORDER.in(any[t]) && !hit.isElement(t) && message.sameClause(t, hit.start())) {
                return true;
            }
        }
        return false;
    }

    private boolean nearestObjectIsOrder(Hit hit) {
        for (int t : hit.elements()) {
            if (Role.CONTACT.in(any[t])) {
                return false; // "keine Nachrichten mehr an meine Adresse" names messages itself
            }
        }
        int order = Integer.MAX_VALUE;
        int contact = Integer.MAX_VALUE;
        for (int t = 0; t < message.size; t++) {
            if (hit.isElement(t) || !message.sameClause(t, hit.start())) {
                continue;
            }
            int distance = t < hit.start() ? hit.start() - t : t > hit.end() ? t - hit.end() : 0;
            // "kargo bildirimleri", "delivery notifications": an order noun before a word for messages qualifies it
            boolean qualifiesContact = t + 1 < message.size && Role.CONTACT.in(any[t + 1]);
            boolean ownOrder = Role.ORDER.in(annotation.classes(hit.language(), t)); // "reklamáció" is no "reklám"
            if (Role.CONTACT.in(any[t]) && !ownOrder || qualifiesContact) {
                contact = Math.min(contact, distance);
            } else if (orderWord(hit, t) && distance <= OBJECT_REACH) {
                order = Math.min(order, distance);
            }
        }
        return order < contact;
    }

    /**
     * An exclamation such as "ya basta", "nu er det nok": a finding made of a bare command's word, with no stopping
     * verb and no word for messages, which says "enough" without saying of what.
     */
    boolean exclamation(Hit hit) {
        boolean bare = false;
        for (int t : hit.elements()) {
            long classes = annotation.classes(hit.language(), t);
            if (Role.CEASE.in(classes) || Role.CONTACT.in(any[t])) {
                return false;
            }
            bare |= Role.STOP_BARE.in(classes);
        }
        return bare;
    }

    /**
     * "Enough, I already paid!", "Khalas I paid", "Stop, wrong photo": a bare command in a sentence about an order,
     * that neither negates anything nor names messages, reacts to the order ("STOP, I never ordered" still stops).
     */
    boolean bareAboutAnOrder(Hit hit) {
        boolean order = false;
        for (int t = 0; t < message.size; t++) {
            if (hit.isElement(t) || message.sentence[t] != message.sentence[hit.start()]) {
                continue;
            }
            if (Role.NEGATE.in(any[t]) || Role.CONTACT.in(any[t])) {
                return false;
            }
            order |= orderWord(hit, t);
        }
        return order;
    }

    /**
     * An order noun of the finding's language, or one of English or a neighbour language that the finding's language
     * does not know ("Khalas, I paid"; Slovene reading Croatian); short words and stems collide across languages
     * (Danish "jakke" stems to the Czech "jak", Portuguese "preta" to the Latvian "pret").
     */
    private boolean orderWord(Hit hit, int token) {
        long own = annotation.classes(hit.language(), token);
        if (own != 0 || hit.language() == ENGLISH) {
            return Role.ORDER.in(own);
        }
        return Role.ORDER.in(annotation.classes(ENGLISH, token))
                || Role.ORDER.in(any[token]) && message.folded[token].length() >= FOREIGN_ORDER_LENGTH;
    }

    /** A neighbour language's order noun counts when long enough not to be another word's stem ("bijela", "sivoj"). */
    private static final int FOREIGN_ORDER_LENGTH = 5;

    private static final int ENGLISH = Lexicons.LANGUAGES.indexOf("en");

    /**
     * "delete them from my cart", "remove the item from the order": an order, cart or item right inside or after a
     * deletion is what is deleted. Only close by, so "delete my data and cancel my order" still erases, and not
     * after the object the deletion names ("delete my number and address") nor qualified by it ("email address").
     */
    boolean erasesAnOrder(Hit hit) {
        // a deletion that names its object ("delete my number and address") is read up to that object only
        boolean namesData = false;
        for (int t : hit.elements()) {
            namesData |= t > hit.start() && (annotation.classes(hit.language(), t) & annotation.lexicons.data) != 0
                    && message.folded[t].length() > 3 && !Role.FILLER.in(any[t]); // "Smažte je": "je" is "them"
        }
        int to = namesData ? hit.end() : Math.min(message.size - 1, hit.end() + ERASE_ORDER_REACH);
        for (int t = hit.start(); t <= to; t++) {
            boolean qualified = t > 0 && (Role.CONTACT.in(any[t - 1])
                    || (annotation.classes(hit.language(), t - 1) & annotation.lexicons.data) != 0);
            if (orderWord(hit, t) && !hit.isElement(t) && !qualified && message.sameClause(t, hit.start())) {
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
