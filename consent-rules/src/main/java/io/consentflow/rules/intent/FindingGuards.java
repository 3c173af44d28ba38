package io.consentflow.rules.intent;

import java.util.Set;

/**
 * What in a finding's context undoes it: a negation before, inside or (where the language puts it there) after it, a
 * condition after a bare "enough", a correction in its sentence. Whether an order is its object is
 * {@link OrderObjects}'; {@link IntentRules} weighs what remains.
 */
final class FindingGuards {

    /** How far before an opt-out word a negation still reaches: "I do not want to unsubscribe". */
    private static final int NEGATION_REACH = 3;

    /** How far after an opt-out verb a negation of a language that negates after the verb still reaches. */
    private static final int POSTVERBAL_REACH = 2;
    /** Languages that negate a command after its verb: "Afmeld mig ikke", "Avregistrera mig inte", "ne ... pas". */
    private static final Set<String> POSTVERBAL_NEGATION = Set.of("da", "sv", "de", "nl", "fr");
    /** "and" and "or" of those languages: a negation after one belongs to the verb that follows it. */
    private static final Set<String> CONJUNCTIONS = Set.of("und", "oder", "og", "eller", "och", "en", "of", "et", "ou");
    /** Languages that negate a verb by a prefix written as one word: "neposílejte", "nie piszcie", "не шлите". */
    private static final Set<String> PREFIX_NEGATION = Set.of("cs", "sk", "sl", "hr", "pl", "bg", "ru", "uk", "lv",
            "lt");

    /**
     * Words of thanks (folded) that turn a negation before them into an answer, "no thanks": "non merci plus de
     * messages", "Ei kiitos, unohtakaa mut", "nein danke bitte keine Nachrichten mehr" refuse what we offer and then
     * withdraw; the negation is not the withdrawal's.
     */
    private static final Set<String> THANKS = Set.of("thanks", "thank", "thx", "danke", "merci", "kiitos", "grazie",
            "gracias", "obrigado", "obrigada", "dziekuje", "dekuji", "dakujem", "hvala", "tack", "takk", "bedankt",
            "ευχαριστω", "спасибо", "дякую", "благодаря", "tesekkurler", "sagol", "شكرا", "aitah", "paldies", "aciu",
            "koszonom", "multumesc", "grazzi", "köszönöm", "kosz", "mersi");

    /**
     * Words of impatience (folded) that make a negation before them a request: "Kan I ikke bare lade mig være",
     * "Waarom stoppen jullie niet gewoon met deze berichten", "Nem lehetne végre leállítani", "Könnt ihr nicht
     * endlich aufhören": "can't you just / finally ..." asks for the stop, with or without a question mark.
     */
    private static final Set<String> IMPATIENCE = Set.of("bare", "bara", "endelig", "gewoon", "eindelijk",
            "endlich", "einfach", "vegre", "just", "finally", "enfin", "simplement", "finalmente",
            "semplicemente", "simplemente", "simplesmente", "wreszcie", "nareszcie", "konecne", "konecno",
            "vihdoin", "lopuks", "beidzot", "pagaliau", "nihayet", "наконец", "нарешті", "накрая",
            "τελικα", "επιτελους", "koncno", "konacno", "napokon");

    /** "Only" (folded): "not only ... but also" adds to a finding and refuses nothing (2026.12-23, {@link #notOnly}). */
    private static final Set<String> ONLY = Set.of("only", "nur", "seulement", "solo", "solamente", "somente",
            "apenas", "soltanto", "tikai", "tik", "tiktai", "tylko", "jen", "jenom", "len", "iba", "samo", "только",
            "тільки", "лише", "само", "sadece", "yalnizca", "ainult", "vain", "pelkastaan", "bara", "kun", "alleen",
            "csak", "numai", "doar", "biss", "μονο", "فقط", "amhain");

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
        boolean concord = ownNegation(hit);
        for (int t = Math.max(0, hit.start() - NEGATION_REACH); t < hit.end(); t++) {
            if (hit.isElement(t) || !message.sameClause(t, hit.start())) {
                continue;
            }
            long classes = annotation.classes(hit.language(), t);
            boolean own = Role.NEGATE.in(classes) && !concord;
            // a word of the finding's own language is read as that language reads it: Romanian "mai" is "more"
            boolean foreign = Role.NEGATE.in(any[t]) && classes == 0 && t < hit.start()
                    && message.folded[t].length() > 2;
            if ((own || foreign) && !politeNegation(t) && !answer(t) && !impatient(t) && !inCondition(hit, t)
                    && !habitual(t) && !notOnly(t)) {
                return true;
            }
        }
        return negatedAfter(hit) || stopRefused(hit);
    }

    /**
     * "Desde entonces no paran de escribirme", "não param de mandar": a negation before the indicative "they stop"
     * (Spanish also "it stops") and "de" tells what the sender keeps doing, a complaint that asks for the stop, not a
     * refusal of it (2026.12-22); the imperatives "no paren de", "não parem de" still refuse it.
     */
    private boolean habitual(int negation) {
        if (negation + 2 >= message.size || !message.folded[negation + 2].equals("de")) {
            return false;
        }
        String verb = message.folded[negation + 1];
        return verb.equals("paran") || verb.equals("param") || verb.equals("para")
                && message.folded[negation].equals("no");
    }

    /**
     * "Nie przestawajcie wysyłać", "Ne nehajte pošiljati", "Älkää lopettako näitä": the finding's own negation right
     * before a word of cessation of its language negates the cessation, "don't stop (sending)", which asks for more
     * (2026.12-21); "nie wysyłajcie" (no word of cessation) and "Nie, przestańcie" (a clause apart) still withdraw.
     */
    private static final long CESSATION = Role.CEASE.bit() | Role.STOP.bit() | Role.STOP_BARE.bit();

    private boolean stopRefused(Hit hit) {
        for (int t : hit.elements()) {
            int next = t + 1;
            if (next < message.size && Role.NEGATE.in(annotation.classes(hit.language(), t))
                    && message.sameClause(next, t) && !Role.NEGATE.in(annotation.classes(hit.language(), next))
                    && (annotation.classes(hit.language(), next) & CESSATION) != 0
                    && !politeNegation(t) && !impatient(t) && !inCondition(hit, t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Non mi sono mai iscritto", "не нужны, не пишите мне", "Hän ei ole koskaan tilannut": a finding that holds a
     * negation of its own language ("mai", "не", "koskaan") is a negation already; another one before it is the
     * language's negative concord (or a negation of its own), not a negation of the withdrawal.
     */
    private boolean ownNegation(Hit hit) {
        for (int t : hit.elements()) {
            if (Role.NEGATE.in(annotation.classes(hit.language(), t))) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Kan I ikke bare stoppe?", "Könnt ihr nicht endlich aufhören?": a negation right after a polite request's modal,
     * in a question, asks for the thing rather than refusing it.
     */
    private boolean politeNegation(int negation) {
        for (int t = Math.max(0, negation - 2); t < negation; t++) {
            if (Role.REQUEST.in(any[t]) && !Role.FILLER.in(any[t]) && message.isQuestion(negation)
                    && message.sameClause(t, negation)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Kan I ikke bare ...", "Nem lehetne végre ...?": a negation with a word of impatience after it, in a question or
     * after a polite request's modal, asks ("Bitte nicht einfach abmelden" still refuses).
     */
    private boolean impatient(int negation) {
        boolean asks = message.isQuestion(negation);
        for (int t = negation - 1; t >= 0 && !asks && message.sameClause(t, negation); t--) {
            asks = Role.REQUEST.in(any[t]) && !Role.FILLER.in(any[t]);
        }
        for (int t = negation + 1; asks && t <= Math.min(message.size - 1, negation + 2); t++) {
            if (IMPATIENCE.contains(message.folded[t]) && message.sameClause(t, negation)) {
                return true;
            }
        }
        return false;
    }

    /** "Ne tikai numuru, bet arī adresi": a negation right before "only" adds to what follows; it refuses nothing. */
    private boolean notOnly(int negation) {
        return negation + 1 < message.size && ONLY.contains(message.folded[negation + 1]);
    }

    /** "Non merci, plus de messages": a negation followed by thanks answers an offer; it negates nothing after it. */
    private boolean answer(int negation) {
        return negation + 1 < message.size && THANKS.contains(message.folded[negation + 1]);
    }

    /**
     * "Если не прекратите рассылку, напишу жалобу", "kui see saatmine ei lõpe, pöördun ...": a negation in a clause
     * a condition leads is the condition's ("if you don't stop"), a threat that asks for the stop, not a refusal of
     * it; the withdrawal is then read in its condition ({@code SentenceContext#conditional}).
     */
    private boolean inCondition(Hit hit, int negation) {
        for (int t = negation - 1; t >= 0 && message.sameClause(t, negation); t--) {
            if (Role.CONDITION.in(annotation.classes(hit.language(), t))) {
                return true;
            }
        }
        return false;
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
            if (CONJUNCTIONS.contains(message.folded[t])) {
                return false; // "entfernen und nicht weitergeben": the negation is the next verb's
            }
            boolean own = Role.NEGATE.in(annotation.classes(hit.language(), t));
            boolean foreign = Role.NEGATE.in(any[t]) && message.folded[t].length() > 2; // "Afmeld mig ikke" read as Dutch
            if (message.sameClause(t, hit.start()) && (own || foreign) && !notOnly(t)) {
                return true;
            }
        }
        return false;
    }

    /** A verb negated by its prefix ("neposílejte", "nesūtiet", "netreba"), in a language that writes it so. */
    static boolean negativeVerb(int language, String folded) {
        if (folded.length() < 6 || !PREFIX_NEGATION.contains(Lexicons.LANGUAGES.get(language))) {
            return false;
        }
        return folded.startsWith("ne") || folded.startsWith("не");
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
