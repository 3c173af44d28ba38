package io.consentflow.rules.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Misspelling tolerance for longer lexicon words ("abmleden", "unsubscirbe", "nachichten"), by a deletion index: a
 * word is filed under itself and every form with one letter left out, a token is looked up the same way, and each
 * candidate is confirmed by a bounded edit distance. Only tokens that no lexicon knows, and that no lexicon lists as
 * a real word ({@code [nofuzzy]}: "anmelden" is not a misspelled "abmelden"), are looked up.
 */
final class FuzzyIndex {

    record Target(LanguageLexicon lexicon, LanguageLexicon.FuzzyWord word) {
    }

    private static final int MIN_LENGTH = 4;

    private final Map<String, List<Target>> byVariant = new HashMap<>();
    private final Set<String> neverFuzzy = new HashSet<>();

    FuzzyIndex(List<LanguageLexicon> lexicons) {
        for (LanguageLexicon lexicon : lexicons) {
            neverFuzzy.addAll(lexicon.neverFuzzy);
        }
        for (LanguageLexicon lexicon : lexicons) {
            for (LanguageLexicon.FuzzyWord word : lexicon.fuzzyWords) {
                if (word.surface().length() >= MIN_LENGTH) {
                    Target target = new Target(lexicon, word);
                    for (String variant : variants(word.surface(), true)) {
                        byVariant.computeIfAbsent(variant, k -> new ArrayList<>(1)).add(target);
                    }
                }
            }
        }
    }

    /** Lexicon words the token is a likely misspelling of, at most one per language. */
    List<Target> lookup(String token) {
        if (token.length() < MIN_LENGTH || neverFuzzy.contains(token) || !Character.isLetter(token.charAt(0))) {
            return List.of();
        }
        List<Target> found = null;
        for (String variant : variants(token, true)) {
            List<Target> targets = byVariant.get(variant);
            if (targets == null) {
                continue;
            }
            for (Target target : targets) {
                if (closeEnough(token, target.word().surface()) && !hasLanguage(found, target.lexicon())) {
                    found = found == null ? new ArrayList<>(2) : found;
                    found.add(target);
                }
            }
        }
        return found == null ? List.of() : found;
    }

    private static boolean hasLanguage(List<Target> found, LanguageLexicon lexicon) {
        if (found != null) {
            for (Target target : found) {
                if (target.lexicon() == lexicon) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> variants(String word, boolean squeezed) {
        List<String> variants = new ArrayList<>(word.length() + 2);
        variants.add(word);
        String squeeze = squeeze(word);
        if (squeezed && !squeeze.equals(word)) {
            variants.add(squeeze);
        }
        for (int i = 0; i < word.length(); i++) {
            variants.add(word.substring(0, i) + word.substring(i + 1));
        }
        return variants;
    }

    /**
     * Four-letter words only tolerate two swapped letters ("sotp"); longer ones one edit, very long ones two. Fewer
     * letters leave too many real words one edit away ("shop", "step").
     */
    static boolean closeEnough(String token, String word) {
        if (token.equals(word) || squeeze(token).equals(squeeze(word))) {
            return true; // "bajaa", "abbmelden": doubled letters
        }
        if (token.length() == 4 || word.length() == 4) {
            return token.length() == word.length() && distance(token, word, 1) <= 1 && sameLetters(token, word);
        }
        int allowed = token.length() >= 9 && word.length() >= 9 ? 2 : 1;
        return distance(token, word, allowed) <= allowed;
    }

    /** Every run of a letter as one letter. */
    static String squeeze(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            if (i == 0 || word.charAt(i) != word.charAt(i - 1)) {
                out.append(word.charAt(i));
            }
        }
        return out.length() == word.length() ? word : out.toString();
    }

    private static boolean sameLetters(String a, String b) {
        char[] x = a.toCharArray();
        char[] y = b.toCharArray();
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(y);
        return java.util.Arrays.equals(x, y);
    }

    /** Optimal-string-alignment distance (Levenshtein plus adjacent transposition), giving up past max. */
    static int distance(String a, String b, int max) {
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
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}
