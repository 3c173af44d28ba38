package io.consentflow.rules.intent;

/**
 * A lexicon entry: items that must follow each other in one clause, each within {@link #MAX_GAP} tokens of the one
 * before ("stop sending me these messages" matches "@cease @contact"). An entry of one item is a word list entry.
 *
 * @param items   what each position accepts
 * @param section the class of the section the entry stands in; a match gives it to the tokens it spans
 * @param role    the section's meaning to the rules, null for a class only patterns use
 */
record Pattern(Item[] items, long section, Role role) {

    /** Words a pattern may skip between two of its items: "don't send me any more of these messages". */
    static final int MAX_GAP = 3;
    /** The gap of an item written with a leading +: right after the item before. */
    static final int NO_GAP = 0;
    /** The gap of an item written with a leading ~: a verb's particle at the end of its clause ("melde ... ab"). */
    static final int LONG_GAP = 8;

    boolean isHit() {
        return role != null && role.hit;
    }

    /**
     * What one position of a pattern accepts: any token of one of the classes, or whose stem is one of the keys, or
     * whose folded form is one of the surfaces ({@code =word}) or starts with one of the prefixes ({@code word*}).
     */
    record Item(long classes, String[] keys, String[] surfaces, String[] prefixes, int gap) {

        Item(long classes, String[] keys, String[] surfaces, String[] prefixes) {
            this(classes, keys, surfaces, prefixes, MAX_GAP);
        }

        Item withGap(int wider) {
            return new Item(classes, keys, surfaces, prefixes, wider);
        }

        boolean matches(Annotation annotation, int language, int token) {
            if ((annotation.classes(language, token) & classes) != 0) {
                return true;
            }
            String folded = annotation.message.folded[token];
            for (String surface : surfaces) {
                if (surface.equals(folded)) {
                    return true;
                }
            }
            for (String prefix : prefixes) {
                if (folded.startsWith(prefix)) {
                    return true;
                }
            }
            if (keys.length > 0 && couldStemTo(annotation, language, folded)) {
                String key = annotation.key(language, token);
                String plainKey = annotation.plainKey(language, token);
                for (String k : keys) {
                    if (k.equals(key) || k.equals(plainKey)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Whether the token starts like one of the keys, as a word starts like its stem: only then is it worth
         * stemming. Arabic and Irish stemmers also rewrite the start of a word (articles, mutations), so there
         * every token is stemmed.
         */
        private boolean couldStemTo(Annotation annotation, int language, String folded) {
            if (!annotation.lexicons.languages.get(language).gatedByPrefix()) {
                return true;
            }
            for (String key : keys) {
                int n = Math.min(2, key.length()); // two: Dutch stems "meer" to "mer"
                if (folded.regionMatches(0, key, 0, n)) {
                    return true;
                }
            }
            return false;
        }
    }
}
