package io.consentflow.rules.intent;

/**
 * Which words of a message {@link OrderObjects} reads as order nouns or as words for the messages, for a finding in a
 * given language: stems collide across languages ("grazie" stems as the Lithuanian "grąžinti", "jauns" as the French
 * "jaune"), so a finding reads its own language's nouns first, English next, and other languages' only when long
 * or when that language reads the finding too.
 */
final class OrderNouns {

    private final Annotation annotation;
    private final Message message;
    private final long[] any;

    OrderNouns(Annotation annotation, long[] any) {
        this.annotation = annotation;
        this.message = annotation.message;
        this.any = any;
    }

    /** A word for messages, unless the finding's language knows it as an order noun ("reklamáció" is no "reklám"). */
    boolean contactWord(Hit hit, int token) {
        return Role.CONTACT.in(any[token]) && !Role.ORDER.in(annotation.classes(hit.language(), token));
    }

    /**
     * An order noun of the finding's language, or one of English or a neighbour language that the finding's language
     * does not know ("Khalas, I paid"; Slovene reading Croatian); short words and stems collide across languages
     * (Danish "jakke" stems to the Czech "jak", Portuguese "preta" to the Latvian "pret").
     */
    boolean orderWord(Hit hit, int token) {
        return ownOrEnglishOrder(hit, token) || annotation.classes(hit.language(), token) == 0
                && Role.ORDER.in(any[token]) && message.folded[token].length() >= FOREIGN_ORDER_LENGTH;
    }

    /**
     * An order noun of the finding's language, of English, or of a language that reads the finding's first word too
     * ("Basta, ho già pagato" found by Spanish, paid in Italian); any other language's stem is too often another word
     * ("jauns", Latvian for new, stems as the French "jaune").
     */
    boolean ownOrEnglishOrder(Hit hit, int token) {
        long own = annotation.classes(hit.language(), token);
        if (own != 0 || hit.language() == ENGLISH) {
            return Role.ORDER.in(own);
        }
        if (Role.ORDER.in(annotation.classes(ENGLISH, token))) {
            return true;
        }
        for (int language = 0; language < annotation.lexicons.languages.size(); language++) {
            if (Role.ORDER.in(annotation.classes(language, token))
                    && ((annotation.classes(language, hit.start()) & Role.HITS) != 0
                    || !annotation.literalStarts(language, hit.start()).isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** An order noun of the finding's own language, or of English where its own language does not know the word. */
    boolean ownOrEnglishNoun(Hit hit, int token) {
        long own = annotation.classes(hit.language(), token);
        return Role.ORDER.in(own) || own == 0 && Role.ORDER.in(annotation.classes(ENGLISH, token));
    }

    /** A neighbour language's order noun counts when long enough not to be another word's stem ("bijela", "sivoj"). */
    private static final int FOREIGN_ORDER_LENGTH = 5;

    private static final int ENGLISH = Lexicons.LANGUAGES.indexOf("en");
}
