package io.consentflow.keywords;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Folds a chat message to a comparable form: lower case, no diacritics (so "arrêt" = "arret", "ş" = "s"),
 * punctuation and emoji become spaces, runs of the same letter collapse ("stoppp" = "stop"), so that keyword lists
 * stay short and language-neutral.
 */
public final class TextNormaliser {

    private TextNormaliser() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT)
                .replace("ß", "ss").replace("ł", "l").replace("ı", "i").replace("ø", "o")
                .replace("æ", "ae").replace("œ", "oe").replace("’", "").replace("'", "");
        String stripped = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String lettersOnly = stripped.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        return collapseRepeats(lettersOnly);
    }

    public static List<String> tokens(String folded) {
        return folded.isEmpty() ? List.of() : Arrays.asList(folded.split(" "));
    }

    static String collapseRepeats(String s) {
        StringBuilder out = new StringBuilder(s.length());
        char previous = 0;
        for (char c : s.toCharArray()) {
            if (c != previous || !Character.isLetter(c)) {
                out.append(c);
            }
            previous = c;
        }
        return out.toString();
    }

    /** Optimal-string-alignment distance (Levenshtein plus adjacent transposition), bounded for speed. */
    public static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
