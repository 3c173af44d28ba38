package io.consentflow.rules.intent;

/**
 * What the sentence around a finding says about it: whether it is asked ("how do I unsubscribe?"), asked as a
 * polite request ("can you unsubscribe me?"), made conditional ("if you keep sending, I'll unsubscribe") or hedged
 * ("maybe I'll unsubscribe"). Question words and conditionals are closed-class words that mean different things in
 * different languages (Lithuanian "ar" asks, Latvian "ar" means "with"), so the finding's own language decides them
 * first.
 */
final class SentenceContext {

    /** Particles that mark a yes/no question without asking how, why or what (et, lt, pl, lv, ga, bg/ru, uk, tr, cs). */
    private static final java.util.Set<String> YES_NO_PARTICLES = java.util.Set.of("kas", "ar", "czy", "vai", "an",
            "ли", "чи", "mu", "mi", "mı", "mü", "jestli");

    private final Annotation annotation;
    private final Message message;
    private final long[] any;

    SentenceContext(Annotation annotation, long[] any) {
        this.annotation = annotation;
        this.message = annotation.message;
        this.any = any;
    }

    /** Asked with a question mark, or a clause led by an interrogative ("wie melde ich mich ab"). */
    boolean question(Hit hit) {
        if (message.isQuestion(hit.start()) && !tagQuestion(hit.start()) && !commandBeforeQuestion(hit)) {
            return true;
        }
        // the finding's own language decides: Lithuanian "ar" asks, Latvian "ar" means "with"
        int first = firstContentToken(hit.start());
        return first >= 0 && Role.QUESTION.in(annotation.classes(hit.language(), first));
    }

    /**
     * "Stop, who gave you my number?": a bare command standing as the first clause of a sentence whose question is
     * a clause of its own after it. Only a bare finding (every word of its clause is part of it or a filler), and not
     * in capitals, which quote the keyword rather than use it.
     */
    private boolean commandBeforeQuestion(Hit hit) {
        int clause = message.clause[hit.start()];
        if (hit.role() != Role.STOP_BARE || firstOfClause(hit.start()) != firstOfSentence(hit.start())
                || message.capitals[hit.start()]) { // "STOP, what does that do?" quotes the keyword
            return false;
        }
        for (int t = 0; t < message.size; t++) {
            if (message.clause[t] == clause && !hit.isElement(t) && !Role.FILLER.in(any[t])) {
                return false;
            }
            if (message.sentence[t] == message.sentence[hit.start()] && message.clause[t] > clause) {
                return true;
            }
        }
        return false;
    }

    private int firstOfClause(int token) {
        int t = token;
        while (t > 0 && message.sameClause(t - 1, token)) {
            t--;
        }
        return t;
    }

    private int firstOfSentence(int token) {
        int t = token;
        while (t > 0 && message.sentence[t - 1] == message.sentence[token]) {
            t--;
        }
        return t;
    }

    /**
     * A statement followed by a short tag ("no more ads, ok?", "Už žádný reklamy, jo?"): the question mark asks for
     * agreement, not about the withdrawal, when it closes a clause of at most two words after the finding's clause.
     */
    private boolean tagQuestion(int token) {
        int sentence = message.sentence[token];
        int last = token;
        while (last + 1 < message.size && message.sentence[last + 1] == sentence) {
            last++;
        }
        if (last > token + 1 && Role.YES.in(any[last]) && message.folded[last].length() <= 4) {
            return true; // "nie pisz do mnie więcej ok?", "přestaňte spamovat jo?": a tag asking for agreement
        }
        if (message.sameClause(last, token)) {
            return false;
        }
        int tagLength = 0;
        for (int t = last; t > token && message.sameClause(t, last); t--) {
            tagLength++;
        }
        return tagLength <= 2 && message.clause[last] == message.clause[token] + 1;
    }

    /** "Can you unsubscribe me?", "Könnten Sie mich bitte abmelden?": a request, unless it asks how or why. */
    boolean politeRequest(Hit hit) {
        boolean request = false;
        for (int t = 0; t < message.size; t++) {
            if (message.sentence[t] == message.sentence[hit.start()]) {
                long own = annotation.classes(hit.language(), t);
                if (Role.QUESTION.in(own) && !Role.REQUEST.in(own)) {
                    return false;
                }
                request |= Role.REQUEST.in(any[t]);
            }
        }
        return request;
    }

    /**
     * A conditional of the finding's language in its clause ("I'll unsubscribe if you keep sending") or leading the
     * clause right before it ("if you keep sending, I'll unsubscribe"); not one after it ("stop, if you don't I'll
     * report you"). Another language's conditional only counts leading a clause: Latvian "ja" is "if", Portuguese
     * "já" is "already".
     */
    boolean conditional(Hit hit) {
        int clause = message.clause[hit.start()];
        for (int t = 0; t < message.size; t++) {
            long own = annotation.classes(hit.language(), t);
            boolean ownConditional = Role.CONDITION.in(own) && !Role.FILLER.in(own);
            if (!ownConditional && !foreignConditional(t) || hit.isElement(t)
                    || message.sentence[t] != message.sentence[hit.start()] || afterWish(hit, t)) {
                continue;
            }
            // another language's conditional counts only where it leads a clause ("ako budete slali, odjavit ću se")
            boolean leads = (ownConditional ? leadsClause(t) : t == 0 || !message.sameClause(t - 1, t))
                    && clauseLength(t) > 1;
            if (message.clause[t] == clause && (ownConditional || leads && t < hit.start())
                    || message.clause[t] == clause - 1 && leads) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Szeretném, ha törölnék az adataimat" (I would like it if you deleted my data): a conditional right after a
     * wish of the finding's language (listed as a request) introduces what is wished, not a condition.
     */
    private boolean afterWish(Hit hit, int token) {
        if (token == 0 || message.sentence[token - 1] != message.sentence[token]) {
            return false;
        }
        long before = annotation.classes(hit.language(), token - 1);
        return Role.REQUEST.in(before) && !Role.FILLER.in(before);
    }

    /**
     * A conditional of some language that is no part of a filler there ("jekk jogħġbok" is "please") and long enough
     * not to be another language's word: "ma", "ja", "se" are conditionals somewhere and pronouns elsewhere.
     */
    private boolean foreignConditional(int token) {
        if (message.folded[token].length() < 3) {
            return false;
        }
        for (int language = 0; language < annotation.lexicons.languages.size(); language++) {
            long classes = annotation.classes(language, token);
            if (Role.CONDITION.in(classes) && !Role.FILLER.in(classes)) {
                return true;
            }
        }
        return false;
    }

    /** Whether only fillers stand before the token in its clause. */
    private boolean leadsClause(int token) {
        for (int t = 0; t < token; t++) {
            if (message.sameClause(t, token) && !Role.FILLER.in(any[t])) {
                return false;
            }
        }
        return true;
    }

    /** A conditional alone in its clause is not one: "Sí, denme de baja" reads "si" once its accent is gone. */
    private int clauseLength(int token) {
        int length = 0;
        for (int t = 0; t < message.size; t++) {
            length += message.sameClause(t, token) ? 1 : 0;
        }
        return length;
    }

    /**
     * "I already unsubscribed, why do I still get these?": a withdrawal told as done already, with the question
     * after it asking why it is not respected, is a withdrawal ({@link Role#ALREADY}, "already" or "still", in the finding's clause or a later one).
     */
    boolean alreadyDone(Hit hit) {
        for (int t = 0; t < message.size; t++) {
            // or in a clause after it that complains ("I unsubscribed, why do you still write?"); not after a quoted
            // keyword, which asks what it does ("if I send STOP, do I still get parcel updates?")
            boolean laterClause = message.sentence[t] == message.sentence[hit.start()]
                    && message.clause[t] > message.clause[hit.end()] && !message.capitals[hit.start()];
            if ((message.sameClause(t, hit.start()) || laterClause) && Role.ALREADY.in(any[t])) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Přestanete mi konečně spamovat?", "Will you stop sending me these?", "Zou u mij geen reclame meer willen
     * sturen?": an opt-out with both its halves asked as a yes/no question, with no interrogative word of the finding's
     * language in its sentence, asks for it: nobody asks whether the shop will stop its messages to learn the answer.
     */
    boolean yesNoQuestion(Hit hit) {
        // the particles that only mark a yes/no question ("Kas saaks need sõnumid lõpetada?") ask nothing themselves
        boolean halt = false;
        for (int t : hit.elements()) {
            halt |= Role.HALT.in(annotation.classes(hit.language(), t));
            if (message.capitals[t]) {
                return false; // "Will STOP end the parcel updates too?" quotes the keyword
            }
        }
        for (int t = 0; t < message.size && halt; t++) {
            boolean interrogative = (Role.QUESTION.in(annotation.classes(hit.language(), t))
                    || Role.QUESTION.in(any[t]) && message.folded[t].length() > 2)
                    && !YES_NO_PARTICLES.contains(message.folded[t]);
            if (message.sentence[t] == message.sentence[hit.start()] && interrogative) {
                return false;
            }
        }
        return halt;
    }

    boolean hedged(int token) {
        for (int t = 0; t < message.size; t++) {
            if (message.sentence[t] == message.sentence[token] && Role.HEDGE.in(any[t])) {
                return true;
            }
        }
        return false;
    }

    /** The first token of the token's clause that is not a filler ("hi, how do I..." starts at "how"). */
    private int firstContentToken(int token) {
        for (int t = 0; t < message.size; t++) {
            if (message.sameClause(t, token) && !Role.FILLER.in(any[t])) {
                return t;
            }
        }
        return -1;
    }
}
