package io.consentflow.rules.intent;

/**
 * What a word looks like without what its language fuses onto its start or end, for languages where a lexicon's
 * surfaces and prefixes would otherwise miss inflected forms: Irish initial mutations (séimhiú "theachtaireachtaí",
 * urú "dteachtaireachtaí") and Arabic proclitics (و، ف، ب، ل، ك and the article:
 * "والرسائل", "فالعروض", "بالاعلانات") and pronoun suffixes ("رسائلكم", "توقفوها"). Stems already undo most of this;
 * this undoes it for the entries matched as written ({@code =word}, {@code word*}) and for the gate that decides
 * which lexicons look at a token.
 */
final class Clitics {

    private static final String SEIMHIU = "bcdfgmpst";
    private static final String[][] URU = {{"bhf", "f"}, {"mb", "b"}, {"gc", "c"}, {"nd", "d"}, {"ng", "g"}, {"bp", "p"},
            {"dt", "t"}, {"ts", "s"}};
    private static final String[] ARABIC_PROCLITICS = {"وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب"};
    private static final String[] ARABIC_SUFFIXES = {"كم", "كن", "هم", "هن", "نا", "ني", "ها"};

    private Clitics() {
    }

    /** The word without its mutation or clitics, or the word itself when it has none (or the language fuses none). */
    static String strip(String language, String folded) {
        return switch (language) {
            case "ga" -> irish(folded);
            case "ar" -> arabic(folded);
            default -> folded;
        };
    }

    private static String irish(String w) {
        if (w.length() < 4) {
            return w;
        }
        for (String[] mutation : URU) {
            if (w.startsWith(mutation[0])) {
                return mutation[1] + w.substring(mutation[0].length());
            }
        }
        if (w.charAt(1) == 'h' && SEIMHIU.indexOf(w.charAt(0)) >= 0) {
            return w.charAt(0) + w.substring(2);
        }
        return w; // a prothetic h-, n-, t- before a vowel cannot be told from a word's own first letter here
    }

    private static String arabic(String w) {
        String s = w;
        for (String proclitic : ARABIC_PROCLITICS) {
            if (s.startsWith(proclitic) && s.length() - proclitic.length() >= 3) {
                s = s.substring(proclitic.length());
                break;
            }
        }
        for (String suffix : ARABIC_SUFFIXES) {
            if (s.endsWith(suffix) && s.length() - suffix.length() >= 3) {
                return s.substring(0, s.length() - suffix.length());
            }
        }
        return s;
    }
}
