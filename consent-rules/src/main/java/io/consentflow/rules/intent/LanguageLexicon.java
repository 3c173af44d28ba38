package io.consentflow.rules.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One language's lexicon, indexed for lookup by token: the stem of a message token finds the classes it belongs to
 * and the patterns that may start at it, so the cost of a message does not grow with the number of entries.
 * Immutable once {@link LexiconParser} has built it.
 */
final class LanguageLexicon {

    /** What a key, surface or prefix leads to: the classes of its one-word entries, the patterns starting with it. */
    static final class Entry {
        long classes;
        List<Pattern> starting = List.of();

        void addPattern(Pattern pattern) {
            if (starting.isEmpty()) {
                starting = new ArrayList<>();
            }
            starting.add(pattern);
        }
    }

    record PrefixEntry(String prefix, Entry entry) {
    }

    /** A one-word entry that misspellings may reach. */
    record FuzzyWord(String surface, Entry entry, String key) {
    }

    final String language;
    final int index;
    private final Stemmers.Stemmer stemmer;
    private final boolean readsFolded;
    final Map<String, Entry> byKey = new HashMap<>();
    final Map<String, Entry> bySurface = new HashMap<>();
    final Map<String, List<PrefixEntry>> prefixesByStart = new HashMap<>();
    @SuppressWarnings("unchecked")
    final List<Pattern>[] byFirstClass = new List[ClassNames.MAX];
    /** The first letters of everything the lexicon can match: a token starting otherwise is not stemmed. */
    final Set<String> gate = new HashSet<>();
    final List<FuzzyWord> fuzzyWords = new ArrayList<>();
    final Set<String> neverFuzzy = new HashSet<>();

    LanguageLexicon(String language, int index) {
        this.language = language;
        this.index = index;
        this.stemmer = Stemmers.forLanguage(language);
        this.readsFolded = Stemmers.readsFolded(language);
    }

    /** The key a message token is looked up by: its stem, or itself when three letters or fewer. */
    String key(String folded, String lower) {
        if (folded.length() <= 3) {
            return folded;
        }
        return stemmer.stem(readsFolded ? folded : lower);
    }

    /**
     * The keys a lexicon word is filed under: the stem of its spelling with diacritics and of its folded spelling,
     * because messages come both ways and some stemmers read diacritics ("dezabonează" and "dezaboneaza").
     */
    List<String> keys(String folded, String lower) {
        if (folded.length() <= 3) {
            return List.of(folded);
        }
        String withMarks = stemmer.stem(readsFolded ? folded : lower);
        String plain = stemmer.stem(folded);
        return withMarks.equals(plain) ? List.of(plain) : List.of(withMarks, plain);
    }

    Entry entryForKey(String key) {
        registerGate(key);
        return byKey.computeIfAbsent(key, k -> new Entry());
    }

    Entry entryForSurface(String surface) {
        registerGate(surface);
        return bySurface.computeIfAbsent(surface, k -> new Entry());
    }

    Entry entryForPrefix(String prefix) {
        if (prefix.length() < 3) {
            throw new IllegalArgumentException(language + ": prefix entries need three letters or more: " + prefix);
        }
        registerGate(prefix);
        List<PrefixEntry> list = prefixesByStart.computeIfAbsent(prefix.substring(0, 3), k -> new ArrayList<>());
        for (PrefixEntry existing : list) {
            if (existing.prefix().equals(prefix)) {
                return existing.entry();
            }
        }
        PrefixEntry created = new PrefixEntry(prefix, new Entry());
        list.add(created);
        return created.entry();
    }

    void addClassPattern(int classId, Pattern pattern) {
        if (byFirstClass[classId] == null) {
            byFirstClass[classId] = new ArrayList<>();
        }
        byFirstClass[classId].add(pattern);
    }

    void registerGate(String word) {
        gate.add(gateKey(word));
    }

    /**
     * What a word is gated under: its first four letters, or the whole of a shorter word. A token is gated under its
     * first four letters and under its first three (the stem "end" of "ending"), so that three-letter starts shared
     * by many languages ("mes", "con", "par") do not send every token through every stemmer.
     */
    static String gateKey(String folded) {
        return folded.length() <= GATE ? folded : folded.substring(0, GATE);
    }

    static final int GATE = 4;

    /**
     * Whether a word and its stem start alike. Not so in Arabic, whose stemmer strips prefixes (و، ال، ب), nor in
     * Irish, whose stemmer undoes initial mutations (dhíliostáil, bhfuil).
     */
    boolean gatedByPrefix() {
        return !language.equals("ar") && !language.equals("ga");
    }
}
