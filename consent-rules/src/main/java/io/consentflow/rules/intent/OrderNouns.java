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
                && Role.ORDER.in(any[token]) && message.folded[token].length() >= FOREIGN_ORDER_LENGTH
                && spokenOrder(token);
    }

    /**
     * Whether a language that reads the token as an order noun reads some other word of the message as more than an
     * order noun or a filler: a neighbour language written in the message. A lone foreign stem is another word: the Turkish
     * "verdi" (gave) is no Italian green in "bana yazmaya kim izin verdi?", the Czech "adresáře" (address book) no
     * Romanian address.
     */
    private boolean spokenOrder(int token) {
        for (int language = 0; language < annotation.lexicons.languages.size(); language++) {
            if (!Role.ORDER.in(annotation.classes(language, token))) {
                continue;
            }
            for (int t = 0; t < message.size; t++) {
                long classes = annotation.classes(language, t);
                if (t != token && (classes & ~(Role.ORDER.bit() | Role.FILLER.bit())) != 0) {
                    return true;
                }
            }
        }
        return false;
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

    /**
     * "meine Nummer und Adresse löschen", "امسح عنواني ورقمي", "ħassru l-indirizz u n-numru tiegħi": an address or
     * card joined by "and" to the data the deletion names is deleted with it, not an order's.
     */
    boolean coordinatedWithData(Hit hit, int token) {
        for (int t : hit.elements()) {
            if (Math.abs(t - token) > COORDINATION_REACH
                    || (annotation.classes(hit.language(), t) & annotation.lexicons.data) == 0) {
                continue;
            }
            for (int c = Math.min(t, token) + 1; c <= Math.max(t, token); c++) {
                if (AND.contains(message.folded[c]) && c < Math.max(t, token)
                        || c == Math.max(t, token) && message.folded[c].startsWith("و")) { // Arabic "and" is a proclitic
                    return true;
                }
            }
        }
        return false;
    }

    /** How far an order noun joined by "and" to the data a deletion names may stand from it. */
    private static final int COORDINATION_REACH = 3;
    /** "and" in the languages the recogniser reads (folded). */
    private static final java.util.Set<String> AND = java.util.Set.of("and", "und", "og", "och", "en", "et", "e", "y",
            "i", "a", "u", "es", "ja", "un", "ir", "si", "ve", "agus", "kai", "oraz", "и", "і", "та", "και");

    /** A neighbour language's order noun counts when long enough not to be another word's stem ("bijela", "sivoj"). */
    private static final int FOREIGN_ORDER_LENGTH = 5;

    private static final int ENGLISH = Lexicons.LANGUAGES.indexOf("en");
}
