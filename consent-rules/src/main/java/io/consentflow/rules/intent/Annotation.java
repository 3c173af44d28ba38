package io.consentflow.rules.intent;

import java.util.ArrayList;
import java.util.List;

/**
 * What the lexicons know about each token of one message: per language, the classes it belongs to, its stem
 * (computed once, when first needed) and the patterns that may start at it. Lives for one classification.
 */
final class Annotation {

    /**
     * Misspellings are looked for in short messages only: a typo matters where the keyword is most of the message
     * ("abmleden", "bajaa porfa"); longer messages say it in more words, and looking up every unknown word of them
     * would cost most of the time a classification takes.
     */
    static final int FUZZY_MESSAGE_TOKENS = 8;

    final Message message;
    final Lexicons lexicons;
    private final long[][] classes;
    private final String[][] keys;
    private final String[][] plainKeys;
    private final List<Pattern>[][] starts;

    @SuppressWarnings("unchecked")
    Annotation(Message message, Lexicons lexicons) {
        this.message = message;
        this.lexicons = lexicons;
        int languages = lexicons.languages.size();
        this.classes = new long[languages][];
        this.keys = new String[languages][];
        this.plainKeys = new String[languages][];
        this.starts = new List[languages][];
        annotate();
    }

    long classes(int language, int token) {
        long[] perToken = classes[language];
        return perToken == null ? 0 : perToken[token];
    }

    /** The classes a token has in any language: cues such as negation or fillers count whoever lists them. */
    long anyClasses(int token) {
        long any = 0;
        for (long[] perToken : classes) {
            if (perToken != null) {
                any |= perToken[token];
            }
        }
        return any;
    }

    boolean knows(int language) {
        return classes[language] != null;
    }

    void add(int language, int token, long bits) {
        classes(language)[token] |= bits;
    }

    String key(int language, int token) {
        String[] perToken = keys[language];
        if (perToken == null) {
            perToken = keys[language] = new String[message.size];
        }
        if (perToken[token] == null) {
            perToken[token] = lexicons.languages.get(language).key(message.folded[token], message.lower[token]);
        }
        return perToken[token];
    }

    /**
     * The stem of the token's folded spelling, when it differs from the one with diacritics: a lexicon written
     * without accents ("informacion") and a message written with them ("información") still meet.
     */
    String plainKey(int language, int token) {
        if (message.lower[token] == message.folded[token]) {
            return key(language, token);
        }
        String[] perToken = plainKeys[language];
        if (perToken == null) {
            perToken = plainKeys[language] = new String[message.size];
        }
        if (perToken[token] == null) {
            String folded = message.folded[token];
            perToken[token] = lexicons.languages.get(language).key(folded, folded);
        }
        return perToken[token];
    }

    List<Pattern> literalStarts(int language, int token) {
        List<Pattern>[] perToken = starts[language];
        return perToken == null || perToken[token] == null ? List.of() : perToken[token];
    }

    private long[] classes(int language) {
        if (classes[language] == null) {
            classes[language] = new long[message.size];
        }
        return classes[language];
    }

    private void annotate() {
        for (int token = 0; token < message.size; token++) {
            String folded = message.folded[token];
            int candidates = lexicons.candidates(folded);
            boolean known = false;
            while (candidates != 0) {
                int language = Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                known |= lookup(lexicons.languages.get(language), token, folded);
            }
            if (!known && message.size <= FUZZY_MESSAGE_TOKENS) {
                for (FuzzyIndex.Target target : lexicons.fuzzy.lookup(folded)) {
                    int language = target.lexicon().index;
                    if (keys[language] == null) {
                        keys[language] = new String[message.size];
                    }
                    keys[language][token] = target.word().key();
                    apply(language, token, target.word().entry());
                }
            }
        }
    }

    private boolean lookup(LanguageLexicon lexicon, int token, String folded) {
        boolean found = false;
        LanguageLexicon.Entry byKey = lexicon.byKey.get(key(lexicon.index, token));
        if (byKey != null) {
            found = apply(lexicon.index, token, byKey);
        } else if (message.lower[token] != folded) {
            byKey = lexicon.byKey.get(plainKey(lexicon.index, token));
            if (byKey != null) {
                found = apply(lexicon.index, token, byKey);
            }
        }
        found |= lookupWritten(lexicon, token, folded);
        String bare = Clitics.strip(lexicon.language, folded);
        if (!bare.equals(folded)) {
            found |= lookupWritten(lexicon, token, bare); // "theachtaireachtaí", "ورسائلكم"
        }
        return found;
    }

    /** The entries matched as written: surfaces ({@code =word}) and prefixes ({@code word*}). */
    private boolean lookupWritten(LanguageLexicon lexicon, int token, String folded) {
        boolean found = false;
        LanguageLexicon.Entry bySurface = lexicon.bySurface.get(folded);
        if (bySurface != null) {
            found = apply(lexicon.index, token, bySurface);
        }
        if (folded.length() >= 3 && !lexicon.prefixesByStart.isEmpty()) {
            List<LanguageLexicon.PrefixEntry> prefixes = lexicon.prefixesByStart.get(folded.substring(0, 3));
            if (prefixes != null) {
                for (LanguageLexicon.PrefixEntry prefix : prefixes) {
                    if (folded.startsWith(prefix.prefix())) {
                        found |= apply(lexicon.index, token, prefix.entry());
                    }
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private boolean apply(int language, int token, LanguageLexicon.Entry entry) {
        long[] perToken = classes(language);
        perToken[token] |= entry.classes;
        if (!entry.starting.isEmpty()) {
            if (starts[language] == null) {
                starts[language] = new List[message.size];
            }
            List<Pattern> list = starts[language][token];
            if (list == null) {
                starts[language][token] = list = new ArrayList<>(entry.starting.size());
            }
            list.addAll(entry.starting);
        }
        return true;
    }
}
