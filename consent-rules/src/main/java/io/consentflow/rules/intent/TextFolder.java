package io.consentflow.rules.intent;

import java.text.Normalizer;

/**
 * Folds one character at a time to a comparable form, from tables built once: lower case, diacritics stripped
 * ("arrêt" = "arret", "ş" = "s"), Greek final sigma as σ, Cyrillic ё as е but й kept (it is a letter of its own in
 * Russian, Ukrainian and Bulgarian, not и with a mark), Arabic tashkeel and tatweel dropped and alef, alef maksura and
 * ta marbuta normalised the way Lucene's ArabicNormalizer does. Tables keep folding allocation-free and fast enough
 * for tens of thousands of messages a second.
 *
 * <p>Two forms exist because stemmers differ in what they expect: {@link #fold} is what lexicons and message tokens
 * are compared in; {@link #lower} keeps the diacritics that Snowball's Romanian, Turkish or French stemmers read.
 */
final class TextFolder {

    /** Table codes below the first letter: the character ends a token, or is dropped inside it. */
    static final char SEPARATOR = 0;
    static final char DROP = 1;
    static final char EXPAND = 2;

    private static final char[] FOLD = new char[65536];
    private static final char[] LOWER = new char[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            FOLD[c] = foldCode((char) c, true);
            LOWER[c] = foldCode((char) c, false);
        }
    }

    private TextFolder() {
    }

    /** The folded code of a character: a letter or digit, or one of {@link #SEPARATOR}, {@link #DROP}, {@link #EXPAND}. */
    static char fold(char c) {
        return FOLD[c];
    }

    static char lower(char c) {
        return LOWER[c];
    }

    /** Letters that fold to two ("ß" = "ss"), for both forms. */
    static String expansion(char c) {
        return switch (Character.toLowerCase(c)) {
            case 'ß' -> "ss";
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'þ' -> "th";
            case 'ĳ' -> "ij";
            default -> "";
        };
    }

    /** Folds a single word (a lexicon entry or a stem), dropping anything that is not a letter or digit. */
    static String foldWord(String word) {
        return map(word, true);
    }

    static String lowerWord(String word) {
        return map(word, false);
    }

    private static String map(String word, boolean fold) {
        char[] table = fold ? FOLD : LOWER;
        int i = 0;
        while (i < word.length() && table[word.charAt(i)] == word.charAt(i)) {
            i++;
        }
        if (i == word.length()) {
            return word; // already in that form: the common case, without allocation
        }
        StringBuilder out = new StringBuilder(word.length());
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            char code = table[c];
            if (code == EXPAND) {
                out.append(expansion(c));
            } else if (code > EXPAND) {
                out.append(code);
            }
        }
        return out.toString();
    }

    private static char foldCode(char c, boolean stripMarks) {
        if (Character.isSurrogate(c)) {
            return SEPARATOR;
        }
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.FORMAT || c == '\u0640') {
            return DROP; // combining accents, Arabic harakat, tatweel, zero-width joiners, soft hyphen
        }
        if (!Character.isLetterOrDigit(c)) {
            return SEPARATOR;
        }
        if (!expansion(c).isEmpty()) {
            return EXPAND;
        }
        char lower = Character.toLowerCase(c);
        char script = scriptSpecific(lower);
        if (script != 0) {
            return script;
        }
        if (!stripMarks) {
            return lower;
        }
        return switch (lower) {
            case 'ł' -> 'l';
            case 'đ', 'ð' -> 'd';
            case 'ø' -> 'o';
            case 'ħ' -> 'h';
            case 'ı' -> 'i';
            case 'ŀ' -> 'l';
            default -> baseLetter(lower);
        };
    }

    /** Normalisations both forms share: they make spelling variants equal without losing a distinction. */
    private static char scriptSpecific(char c) {
        return switch (c) {
            case 'ς' -> 'σ';
            case 'ё' -> 'е';
            case 'й' -> 'й';
            case 'ї' -> 'і';
            case 'آ', 'أ', 'إ', 'ٱ' -> 'ا';
            case 'ى' -> 'ي';
            case 'ة' -> 'ه';
            default -> 0;
        };
    }

    private static char baseLetter(char c) {
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        if (decomposed.length() < 2) {
            return c;
        }
        char base = decomposed.charAt(0);
        return Character.isLetter(base) ? base : c;
    }
}
