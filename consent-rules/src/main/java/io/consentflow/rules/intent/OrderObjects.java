package io.consentflow.rules.intent;

/**
 * Whether a finding is about a purchase rather than about messages: "cancel my order", "not interested in the red
 * one", "don't send it to my old address", "enough, I already paid", "delete them from my cart". The order nouns
 * (order, parcel, address, colour, size, payment, ...) are the lexicons' {@code [order]} sections; words for messages
 * ({@code [contact]}) speak for a withdrawal. Kept apart from {@link FindingGuards}, which looks at negations,
 * conditions and corrections.
 */
final class OrderObjects {

    /** How far an order noun may stand from a stopping verb to be its object: "cancel my last order". */
    private static final int ORDER_REACH = 4;
    /** How far an order noun may stand from another command to be its object: "n'envoyez plus rien à mon adresse". */
    private static final int OBJECT_REACH = 5;
    /** How far after a deletion an order or cart noun is its object: "delete them from my cart". */
    private static final int ERASE_ORDER_REACH = 3;

    private final Annotation annotation;
    private final Message message;
    private final long[] any;

    private final OrderNouns nouns;

    OrderObjects(Annotation annotation, long[] any) {
        this.annotation = annotation;
        this.message = annotation.message;
        this.any = any;
        this.nouns = new OrderNouns(annotation, any);
    }

    /** "cancel my order", "Bestellung stoppen": a stopping verb with an order as its object is no withdrawal. */
    boolean orderIsObject(Hit hit) {
        boolean stoppingVerb = false;
        boolean cease = false;
        for (int t : hit.elements()) {
            long own = annotation.classes(hit.language(), t);
            boolean positive = !FindingGuards.negativeVerb(hit.language(), message.folded[t]);
            stoppingVerb |= (own & (Role.CEASE.bit() | Role.HALT.bit())) != 0 && positive;
            cease |= Role.CEASE.in(own) && positive;
        }
        int from = Math.max(0, hit.start() - ORDER_REACH);
        int to = Math.min(message.size - 1, hit.end() + ORDER_REACH);
        if (namesMessages(hit) && !orderBetween(hit)) {
            return false; // "Arrêtez vos messages ou je porte plainte": the messages are what is to stop
        }
        if (!stoppingVerb) {
            // "don't send the parcel to my old address", "not interested in the red one", "leave the parcel at the
            // door": a command that is no stopping verb is about an order when an order noun is nearer to it than any
            // word for messages ("don't send the invoice to my old email" is about the invoice)
            return nearestObjectIsOrder(hit);
        }
        for (int t = from; t <= to; t++) {
            // a [halt] word, unlike the stopping verbs of [cease], reads only its own language's (or English) order
            // nouns: stems of other languages collide ("grazie" stems as the Lithuanian "grąžinti")
            boolean order = cease ? nouns.orderWord(hit, t) : nouns.ownOrEnglishNoun(hit, t);
            if (order && !hit.isElement(t) && message.sameClause(t, hit.start())) {
                return true;
            }
        }
        // "Paren el envío" (the shipment), "Wycofuję reklamację" (the complaint), "don't send the plastic bag with the
        // order": the verb's own object, or the nearest one, is an order
        return nearestObjectIsOrder(hit);
    }

    /**
     * Whether the finding ends in a word for the messages of its own language (and no order noun there): the
     * object of its verb. A word for the messages before the verb ("envoyez plus de colis") names no object.
     */
    private boolean namesMessages(Hit hit) {
        long own = annotation.classes(hit.language(), hit.end());
        boolean qualified = hit.end() + 1 < message.size && nouns.ownOrEnglishNoun(hit, hit.end() + 1); // "message photo"
        return hit.elements().length > 1 && Role.CONTACT.in(own) && !Role.ORDER.in(own) && !qualified;
    }

    /** An order noun of the finding's own language (or English) in its clause, not part of it. */
    boolean orderInClause(Hit hit) {
        for (int t = 0; t < message.size; t++) {
            if (message.sameClause(t, hit.start()) && !hit.isElement(t) && nouns.ownOrEnglishNoun(hit, t)) {
                return true;
            }
        }
        return false;
    }

    /** "Can I cancel the order from the message you sent?": an order noun between the verb and the messages. */
    private boolean orderBetween(Hit hit) {
        for (int t = hit.start() + 1; t < hit.end(); t++) {
            if (!hit.isElement(t) && nouns.ownOrEnglishNoun(hit, t)) {
                return true;
            }
        }
        return false;
    }

    private boolean nearestObjectIsOrder(Hit hit) {
        int order = Integer.MAX_VALUE;
        for (int t : hit.elements()) {
            if (Role.ORDER.in(annotation.classes(hit.language(), t))) {
                order = 0; // "Visszavonom a reklamációt": the complaint, though "reklám" is an ad
            } else if (Role.CONTACT.in(any[t])) {
                return false; // "keine Nachrichten mehr an meine Adresse" names messages itself
            }
        }
        int contact = Integer.MAX_VALUE;
        for (int t = 0; t < message.size; t++) {
            if (hit.isElement(t) || !message.sameClause(t, hit.start())) {
                continue;
            }
            int distance = t < hit.start() ? hit.start() - t : t > hit.end() ? t - hit.end() : 0;
            // "kargo bildirimleri", "delivery notifications": an order noun before a word for messages qualifies it
            boolean qualifiesContact = nouns.orderWord(hit, t) && t + 1 < message.size && nouns.contactWord(hit, t + 1);
            if (nouns.contactWord(hit, t) || qualifiesContact) {
                contact = Math.min(contact, distance);
            } else if (nouns.orderWord(hit, t) && distance <= OBJECT_REACH) {
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
     * "Ne želim več kavča, ga lahko vrnem?", "Não quero mais o sofá": a refusal (a negated want, "nechcem",
     * "nebenoriu") that names no messages in its clause; whether it refuses a purchase is then
     * {@link #bareAboutAnOrder}'s to say.
     */
    boolean refusalOfAThing(Hit hit) {
        boolean refusal = false;
        for (int t : hit.elements()) {
            long own = annotation.classes(hit.language(), t);
            if (Role.CONTACT.in(own)) {
                return false;
            }
            refusal |= Role.NEGATE.in(own) || FindingGuards.negativeVerb(hit.language(), message.folded[t])
                    || message.folded[t].startsWith("ne") && Role.HALT.in(own); // "nechcem", "nebenoriu"
        }
        if (!refusal) {
            return false; // most bare commands refuse nothing: no need to look for words for the messages
        }
        for (int t = 0; t < message.size; t++) {
            if (message.sameClause(t, hit.start()) && !hit.isElement(t) && nouns.contactWord(hit, t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * "Enough, I already paid!", "Khalas I paid", "Stop, wrong photo": a bare command in a sentence about an order,
     * that neither negates anything nor names messages, reacts to the order ("STOP, I never ordered" still stops).
     */
    boolean bareAboutAnOrder(Hit hit) {
        return aboutAnOrder(hit, aloneInSentence(hit));
    }

    /**
     * Whether the finding's sentence (and the next, when {@code andNext}) speaks of an order without negating
     * anything or naming messages. A refusal of a thing reads on into the next sentence: "Vill inte ha tröjan
     * längre. Hur skickar jag tillbaka den?"
     */
    boolean aboutAnOrder(Hit hit, boolean andNext) {
        int sentence = message.sentence[hit.start()];
        // "Stop! Wrong item arrived": a command that is a sentence of its own is about the sentence after it
        int last = andNext ? sentence + 1 : sentence;
        boolean order = false;
        for (int t = 0; t < message.size; t++) {
            if (hit.isElement(t) || message.sentence[t] < sentence || message.sentence[t] > last
                    || Role.HALT.in(annotation.classes(hit.language(), t))
                    && !Role.ORDER.in(annotation.classes(hit.language(), t))) { // the refusal's own words: "I don't need it"
                continue;
            }
            boolean negation = Role.NEGATE.in(annotation.classes(hit.language(), t))
                    || Role.NEGATE.in(any[t]) && message.folded[t].length() > 2; // Romanian "nu" is Swedish "now"
            if (negation || nouns.contactWord(hit, t)) {
                return false;
            }
            order |= nouns.ownOrEnglishOrder(hit, t);
        }
        return order;
    }

    private boolean aloneInSentence(Hit hit) {
        for (int t = 0; t < message.size; t++) {
            if (message.sentence[t] == message.sentence[hit.start()] && !hit.isElement(t) && !Role.FILLER.in(any[t])) {
                return false;
            }
        }
        return true;
    }

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
            if (nouns.orderWord(hit, t) && !hit.isElement(t) && !qualified && message.sameClause(t, hit.start())
                    && !nouns.coordinatedWithData(hit, t)) {
                return true;
            }
        }
        return false;
    }
}
