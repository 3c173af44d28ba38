package io.consentflow.rules.intent;

import java.util.ArrayList;
import java.util.List;

/**
 * A message cut into folded tokens, each with the clause and sentence it belongs to. Sentences end at . ! ? ; … and
 * line breaks, clauses also at commas and colons: negation and patterns never reach across a clause, questions are a
 * property of a sentence ("Why do you write me? Stop!" is a question and a command).
 */
final class Message {

    /** Words for "that" leading an object clause, in the languages that set it off with a comma. */
    private static final java.util.Set<String> COMPLEMENTIZERS = java.util.Set.of("lai", "kad", "da", "ze", "aby",
            "abyste", "abys", "abychom", "zeby", "zebyscie", "zebys", "чтобы", "щоб", "щоби", "dass", "hogy");

    /** Very long messages are cut: a withdrawal is written near the start, and work per message stays bounded. */
    static final int MAX_TOKENS = 300;

    final String[] folded;
    final String[] lower;
    final int[] clause;
    final int[] sentence;
    final boolean[] questionSentence;
    /** Written in capitals ("STOP"): a keyword quoted or shouted rather than a word of the sentence. */
    final boolean[] capitals;
    final int size;

    private Message(List<String> folded, List<String> lower, List<Integer> clause, List<Integer> sentence,
            List<Boolean> questions, List<Boolean> capitals) {
        this.size = folded.size();
        this.folded = folded.toArray(String[]::new);
        this.lower = lower.toArray(String[]::new);
        this.clause = clause.stream().mapToInt(Integer::intValue).toArray();
        this.sentence = sentence.stream().mapToInt(Integer::intValue).toArray();
        this.questionSentence = new boolean[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            this.questionSentence[i] = questions.get(i);
        }
        this.capitals = new boolean[size];
        for (int i = 0; i < size; i++) {
            this.capitals[i] = capitals.get(i);
        }
    }

    static Message of(String text) {
        return new Builder().read(text == null ? "" : text).build();
    }

    boolean isQuestion(int token) {
        return questionSentence[sentence[token]];
    }

    boolean sameClause(int a, int b) {
        return clause[a] == clause[b];
    }

    private static final class Builder {
        private final List<String> folded = new ArrayList<>();
        private final List<String> lower = new ArrayList<>();
        private final List<Integer> clauses = new ArrayList<>();
        private final List<Integer> sentences = new ArrayList<>();
        private final List<Boolean> questions = new ArrayList<>(List.of(false));
        private final List<Boolean> capitals = new ArrayList<>();
        private int upperLetters;
        private int lowerLetters;
        private final StringBuilder foldedToken = new StringBuilder();
        private final StringBuilder lowerToken = new StringBuilder();
        private int clause;
        private int sentence;
        private boolean afterApostrophe;
        private boolean greek;

        Builder read(String text) {
            for (int i = 0; i < text.length() && folded.size() < MAX_TOKENS; i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '.', '!', '…', '\n', '\r', '。', '¡' -> endSentence(false);
                    case '?', '؟', '\u037e' -> endSentence(true);
                    case ';' -> endSentence(greek); // the Greek question mark is a semicolon
                    case '¿' -> {
                        endSentence(false);
                        questions.set(sentence, true);
                    }
                    case ',', '،', ':', '—', '–', '(', ')', '"', '«', '»', '„', '“', '”' -> endClause();
                    case '\'', '’', '‘', '`', '´', 'ʼ' -> {
                        endToken();
                        afterApostrophe = true;
                    }
                    default -> append(c);
                }
            }
            endToken();
            return this;
        }

        private void append(char c) {
            char f = TextFolder.fold(c);
            if (f == TextFolder.SEPARATOR) {
                endToken();
                return;
            }
            if (f == TextFolder.DROP) {
                return;
            }
            if (f == TextFolder.EXPAND) {
                String two = TextFolder.expansion(c);
                foldedToken.append(two);
                lowerToken.append(two);
                return;
            }
            greek |= f >= 'α' && f <= 'ω';
            if (Character.isUpperCase(c)) {
                upperLetters++;
            } else if (Character.isLowerCase(c)) {
                lowerLetters++;
            }
            foldedToken.append(f);
            lowerToken.append(TextFolder.lower(c));
        }

        private void endToken() {
            if (foldedToken.length() > 0) {
                String f = collapseRuns(foldedToken);
                String l = collapseRuns(lowerToken);
                int last = folded.size() - 1;
                if (afterApostrophe && f.equals("t") && last >= 0 && folded.get(last).endsWith("n")
                        && clauses.get(last) == clause) {
                    // "don't", "can't": one word, as they are usually typed without the apostrophe
                    folded.set(last, folded.get(last) + "t");
                    lower.set(last, lower.get(last) + "t");
                } else {
                    folded.add(f);
                    lower.add(l.equals(f) ? f : l);
                    clauses.add(clause);
                    sentences.add(sentence);
                    capitals.add(upperLetters >= 2 && lowerLetters == 0);
                }
                foldedToken.setLength(0);
                lowerToken.setLength(0);
            }
            upperLetters = 0;
            lowerLetters = 0;
            afterApostrophe = false;
        }

        private void endClause() {
            endToken();
            if (!folded.isEmpty() && clauses.get(folded.size() - 1) == clause) {
                clause++;
            }
        }

        private void endSentence(boolean question) {
            endToken();
            boolean hasTokens = !folded.isEmpty() && sentences.get(folded.size() - 1) == sentence;
            if (question) {
                // "again?? stop": a second question mark still closes the sentence before, not the next one
                questions.set(hasTokens || folded.isEmpty() ? sentence : sentences.get(folded.size() - 1), true);
            }
            if (hasTokens) {
                sentence++;
                clause++;
                questions.add(false);
                greek = false;
            }
        }

        Message build() {
            joinSpelledOut();
            joinThatClauses();
            return new Message(folded, lower, clauses, sentences, questions, capitals);
        }

        /**
         * "Nevēlos, lai man tiktu sūtīts ...", "Не хочу, чтобы мне писали", "Ich will nicht, dass ihr mir schreibt":
         * a clause led by "that" is the object of the one before, so the comma before it does not part them.
         */
        private void joinThatClauses() {
            for (int i = 1; i < folded.size(); i++) {
                if (!clauses.get(i).equals(clauses.get(i - 1)) && sentences.get(i).equals(sentences.get(i - 1))
                        && COMPLEMENTIZERS.contains(folded.get(i))) {
                    for (int j = i; j < folded.size(); j++) {
                        clauses.set(j, clauses.get(j) - 1);
                    }
                }
            }
        }

        /** "S T O P", "s.t.o.p": letters typed one by one are one word. */
        private void joinSpelledOut() {
            if (folded.size() < 3 || !folded.stream().allMatch(t -> t.length() == 1 && Character.isLetter(t.charAt(0)))) {
                return;
            }
            String word = String.join("", folded);
            String lowered = String.join("", lower);
            boolean question = questions.contains(true);
            boolean shouted = !capitals.contains(false);
            folded.clear();
            lower.clear();
            clauses.clear();
            sentences.clear();
            questions.clear();
            capitals.clear();
            capitals.add(shouted);
            folded.add(word);
            lower.add(lowered);
            clauses.add(0);
            sentences.add(0);
            questions.add(question);
        }
    }

    /** "stoppp", "pleeease": three or more of the same letter are one (doubles are kept: "stopp", "tilaa"). */
    static String collapseRuns(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            int j = i;
            while (j < n && s.charAt(j) == c) {
                j++;
            }
            int run = j - i;
            if (run >= 3 && Character.isLetter(c)) {
                out.append(c);
            } else {
                for (int k = 0; k < run; k++) {
                    out.append(c);
                }
            }
            i = j;
        }
        return out.toString();
    }
}
