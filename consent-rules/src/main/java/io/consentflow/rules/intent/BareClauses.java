package io.consentflow.rules.intent;

/**
 * Whether a finding stands alone: a bare command ("STOP", "Ende bitte", "Přestaňte!") counts only with nothing but
 * fillers, other commands and numbers in its clause, and a confirmation ("Ja", "yes please") only as the whole
 * message. Lives for one classification.
 */
final class BareClauses {

    private final Annotation annotation;
    private final Message message;
    private final long[] any;

    BareClauses(Annotation annotation, long[] any) {
        this.annotation = annotation;
        this.message = annotation.message;
        this.any = any;
    }

    /** Whether the finding's clause holds nothing but it, fillers, other commands and numbers ("STOP 2"). */
    boolean bareClause(Hit hit, long allowed) {
        boolean halt = haltWord(hit);
        // beside a bare refusal, another opt-out word is what is refused: "I do not want to unsubscribe"
        long besides = halt ? allowed & ~(Role.STOP.bit() | Role.STOP_BARE.bit() | Role.ERASE.bit() | Role.ERASE_BARE.bit())
                : allowed;
        for (int t = 0; t < message.size; t++) {
            long classes = halt ? annotation.classes(hit.language(), t) | annotation.classes(ENGLISH, t) : any[t];
            // "STOP 2" answers a numbered prompt; "Не надо 44" refuses a size
            boolean number = isNumber(message.folded[t]) && message.folded[t].length() == 1;
            // an order noun inside a refusal's span is its object: "Ich bestelle die Schuhe ab"
            boolean allowedHere = (classes & besides) != 0 && !(halt && Role.ORDER.in(classes));
            if (message.sameClause(t, hit.start()) && !allowedHere && !number && !hit.isElement(t)) {
                return false;
            }
        }
        return true;
    }

    private static final int ENGLISH = Lexicons.LANGUAGES.indexOf("en");

    /**
     * A word of cessation standing without a word for the messages ("Přestaňte!", "Nem kérem"): bare only among its
     * own language's (or English) fillers, and beside no size ("Не надо 44", "Non voglio la M"): any language has some
     * short word that is another's filler.
     */
    private boolean haltWord(Hit hit) {
        long own = annotation.classes(hit.language(), hit.start());
        return Role.HALT.in(own) && !Role.STOP_BARE.in(own);
    }

    boolean bareMessage(Hit hit, long allowed) {
        for (int t = 0; t < message.size; t++) {
            if ((any[t] & allowed) == 0 && !isNumber(message.folded[t]) && !hit.isElement(t)) {
                return false;
            }
        }
        return true;
    }

    static boolean isNumber(String token) {
        return Character.isDigit(token.charAt(0));
    }
}
