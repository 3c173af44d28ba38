package io.consentflow.keywords;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a short command in a chat message: a lone keyword (tolerating small misspellings of longer words), a
 * keyword with politeness words around it ("stop please", "bitte abmelden"), or — for STOP — a known short phrase
 * ("bitte keine Nachrichten mehr"). Longer sentences and questions are left to humans: "Why did my order stop?" is
 * not a withdrawal.
 */
public final class KeywordRecogniser {

    /** The recognised command and the language of the keyword or phrase that matched. */
    public record Match(String language, String keyword) {
    }

    private static final int MAX_KEYWORD_MESSAGE_TOKENS = 6;
    private static final int MAX_PHRASE_MESSAGE_TOKENS = 12;

    private static final Set<String> NEGATIONS = Set.of("dont", "not", "never", "nicht", "nie", "niet", "jamais",
            "nunca", "mai", "asla");

    private final Map<String, String> keywords = new HashMap<>();
    private final Map<String, String> phrases = new HashMap<>();
    private final Set<String> fillers = new HashSet<>();
    private final Set<String> questionStarts = new HashSet<>();
    private final Set<String> neverFuzzy = new HashSet<>();
    private final boolean fuzzy;

    KeywordRecogniser(Map<String, List<String>> keywordsByLanguage, Map<String, List<String>> phrasesByLanguage,
            List<String> fillers, List<String> questionStarts, List<String> neverFuzzy, boolean fuzzy) {
        keywordsByLanguage.forEach((language, words) -> words.forEach(
                word -> keywords.putIfAbsent(TextNormaliser.fold(word), language)));
        phrasesByLanguage.forEach((language, list) -> list.forEach(
                phrase -> phrases.putIfAbsent(TextNormaliser.fold(phrase), language)));
        fillers.forEach(word -> this.fillers.add(TextNormaliser.fold(word)));
        questionStarts.forEach(word -> this.questionStarts.add(TextNormaliser.fold(word)));
        neverFuzzy.forEach(word -> this.neverFuzzy.add(TextNormaliser.fold(word)));
        this.fuzzy = fuzzy;
    }

    public Optional<Match> recognise(String text) {
        String folded = TextNormaliser.fold(text);
        List<String> tokens = TextNormaliser.tokens(folded);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        if (tokens.size() > 1 && tokens.stream().allMatch(token -> token.length() == 1)) {
            // "S T O P", "s.t.o.p"
            return keyword(String.join("", tokens));
        }
        if (tokens.size() == 1) {
            return keyword(tokens.get(0));
        }
        boolean question = text.contains("?") || text.contains("¿") || questionStarts.contains(tokens.get(0));
        if (question) {
            return Optional.empty();
        }
        if (tokens.size() <= MAX_KEYWORD_MESSAGE_TOKENS) {
            Optional<Match> commandWithFillers = keywordAmongFillers(tokens);
            if (commandWithFillers.isPresent()) {
                return commandWithFillers;
            }
        }
        if (tokens.size() <= MAX_PHRASE_MESSAGE_TOKENS) {
            String padded = " " + folded + " ";
            for (var phrase : phrases.entrySet()) {
                int at = padded.indexOf(" " + phrase.getKey() + " ");
                if (at >= 0 && !negated(padded.substring(0, at + 1))) {
                    return Optional.of(new Match(phrase.getValue(), phrase.getKey()));
                }
            }
        }
        return Optional.empty();
    }

    /** "Don't stop sending these deals" praises, it does not withdraw. */
    private static boolean negated(String before) {
        List<String> words = TextNormaliser.tokens(before.trim());
        return !words.isEmpty() && NEGATIONS.contains(words.get(words.size() - 1));
    }

    private Optional<Match> keywordAmongFillers(List<String> tokens) {
        Match found = null;
        for (String token : tokens) {
            if (fillers.contains(token)) {
                continue;
            }
            Optional<Match> match = keyword(token);
            if (match.isEmpty()) {
                return Optional.empty();
            }
            found = found == null ? match.get() : found;
        }
        return Optional.ofNullable(found);
    }

    private Optional<Match> keyword(String token) {
        String exact = keywords.get(token);
        if (exact != null) {
            return Optional.of(new Match(exact, token));
        }
        if (!fuzzy || neverFuzzy.contains(token) || token.length() < 4) {
            return Optional.empty();
        }
        for (var keyword : keywords.entrySet()) {
            if (closeEnough(token, keyword.getKey())) {
                return Optional.of(new Match(keyword.getValue(), keyword.getKey()));
            }
        }
        return Optional.empty();
    }

    /** Short words only tolerate swapped letters ("sotp"); longer ones one edit, very long ones two. */
    static boolean closeEnough(String token, String keyword) {
        if (keyword.length() < 4) {
            return false;
        }
        if (token.length() == 4 || keyword.length() == 4) {
            return token.length() == keyword.length() && sameLetters(token, keyword)
                    && TextNormaliser.distance(token, keyword, 1) <= 1;
        }
        int allowed = token.length() >= 9 && keyword.length() >= 9 ? 2 : 1;
        return TextNormaliser.distance(token, keyword, allowed) <= allowed;
    }

    private static boolean sameLetters(String a, String b) {
        char[] x = a.toCharArray();
        char[] y = b.toCharArray();
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(y);
        return java.util.Arrays.equals(x, y);
    }
}
