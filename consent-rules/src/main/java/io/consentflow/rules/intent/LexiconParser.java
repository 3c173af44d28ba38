package io.consentflow.rules.intent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a lexicon file: {@code [section]} headers, then one entry a line; {@code #} starts a comment. An entry is
 * items separated by spaces; an item is a word (matched by stem), {@code =word} (matched as written, folded),
 * {@code word*} (any folded word starting so), {@code @class} (any word of that section), or alternatives joined by
 * {@code |}; a leading {@code ~} lets an item stand further from the one before, a leading {@code +} only right
 * after it ("nu +mai +primesc": "I no longer receive", not "nu mai vreau să primesc"). A word that folds to several ("opt-out", "don't") is several items. The {@code [nofuzzy]} section lists
 * real words that misspelling tolerance must never turn into a keyword.
 */
final class LexiconParser {

    private static final Set<String> ROLE_SECTIONS = new HashSet<>();
    /**
     * Sections of closed-class words, matched as written rather than by stem: a stemmer would make the Estonian
     * "kus" (where) of "kustuta" (delete), or the German "nichts" of "nicht".
     */
    private static final Set<String> EXACT_SECTIONS = Set.of(Role.QUESTION.section, Role.REQUEST.section,
            Role.CONDITION.section, Role.NEGATE.section, Role.FILLER.section, Role.HEDGE.section,
            Role.ALREADY.section);

    static {
        for (Role role : Role.values()) {
            ROLE_SECTIONS.add(role.section);
        }
    }

    private final LanguageLexicon lexicon;
    private final ClassNames names;
    private final Set<String> defined = new HashSet<>();
    private final Set<String> referenced = new HashSet<>();

    private LexiconParser(LanguageLexicon lexicon, ClassNames names) {
        this.lexicon = lexicon;
        this.names = names;
    }

    static LanguageLexicon parse(String language, int index, String text, ClassNames names) {
        LanguageLexicon lexicon = new LanguageLexicon(language, index);
        new LexiconParser(lexicon, names).read(text);
        return lexicon;
    }

    private void read(String text) {
        String section = null;
        int lineNumber = 0;
        for (String raw : text.split("\n")) {
            lineNumber++;
            String line = stripComment(raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1).trim();
                    if (section.startsWith("@")) {
                        section = section.substring(1);
                        if (ROLE_SECTIONS.contains(section)) {
                            throw new IllegalArgumentException("[@" + section + "] would merge into [" + section + "]");
                        }
                    }
                    defined.add(section);
                } else if (section == null) {
                    throw new IllegalArgumentException("entry before any [section]");
                } else if (section.equals("nofuzzy")) {
                    lexicon.neverFuzzy.add(TextFolder.foldWord(line));
                } else {
                    entry(section, line);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(lexicon.language + ".txt line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        referenced.removeAll(defined);
        if (!referenced.isEmpty()) {
            throw new IllegalArgumentException(lexicon.language + ".txt refers to undefined classes " + referenced);
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private void entry(String section, String line) {
        long sectionBit = names.bit(section);
        Role role = ROLE_SECTIONS.contains(section) ? Role.values()[Long.numberOfTrailingZeros(sectionBit)] : null;
        List<Pattern.Item> items = new ArrayList<>();
        List<String> plainWords = new ArrayList<>();
        boolean exact = EXACT_SECTIONS.contains(section);
        for (String raw : line.split("\\s+")) {
            items.addAll(items(exact && isPlainWord(raw) ? "=" + raw : raw, plainWords));
        }
        if (items.isEmpty()) {
            return;
        }
        Pattern pattern = new Pattern(items.toArray(Pattern.Item[]::new), sectionBit, role);
        Pattern.Item first = items.get(0);
        if (items.size() == 1 && first.classes() == 0) {
            fileWord(first, sectionBit, role, plainWords);
        } else {
            filePattern(first, pattern);
        }
    }

    /** A one-word entry: its tokens get the section's class directly, no matching needed. */
    private void fileWord(Pattern.Item item, long sectionBit, Role role, List<String> plainWords) {
        for (String key : item.keys()) {
            lexicon.entryForKey(key).classes |= sectionBit;
        }
        for (String surface : item.surfaces()) {
            lexicon.entryForSurface(surface).classes |= sectionBit;
        }
        for (String prefix : item.prefixes()) {
            lexicon.entryForPrefix(prefix).classes |= sectionBit;
        }
        // an inflection or compound the stemmer does not reach ("meddelandena", "reklamutskicken") still names them
        if (role == Role.CONTACT && item.keys().length > 0 && plainWords.size() == 1
                && plainWords.get(0).length() >= CONTACT_PREFIX_LENGTH) {
            lexicon.entryForPrefix(plainWords.get(0)).classes |= sectionBit;
        }
        boolean cue = role != null && !role.hit && role != Role.CEASE && role != Role.CONTACT
                && role != Role.HALT;
        if (!cue && item.keys().length > 0) {
            for (String word : plainWords) {
                lexicon.fuzzyWords.add(new LanguageLexicon.FuzzyWord(word, lexicon.byKey.get(item.keys()[0]),
                        item.keys()[0]));
            }
        }
    }

    private void filePattern(Pattern.Item first, Pattern pattern) {
        for (String key : first.keys()) {
            lexicon.entryForKey(key).addPattern(pattern);
        }
        for (String surface : first.surfaces()) {
            lexicon.entryForSurface(surface).addPattern(pattern);
        }
        for (String prefix : first.prefixes()) {
            lexicon.entryForPrefix(prefix).addPattern(pattern);
        }
        long classes = first.classes();
        while (classes != 0) {
            int id = Long.numberOfTrailingZeros(classes);
            lexicon.addClassPattern(id, pattern);
            classes &= classes - 1;
        }
    }

    /** One written item: several when a plain word folds to several tokens. */
    private List<Pattern.Item> items(String raw, List<String> plainWords) {
        if (raw.startsWith("~") && raw.length() > 1) {
            List<Pattern.Item> items = new ArrayList<>(items(raw.substring(1), plainWords));
            items.set(0, items.get(0).withGap(Pattern.LONG_GAP));
            return items;
        }
        if (raw.startsWith("+") && raw.length() > 1) {
            List<Pattern.Item> items = new ArrayList<>(items(raw.substring(1), plainWords));
            items.set(0, items.get(0).withGap(Pattern.NO_GAP));
            return items;
        }
        if (!raw.contains("|") && !raw.startsWith("@") && !raw.startsWith("=") && !raw.endsWith("*")) {
            Message words = Message.of(raw);
            List<Pattern.Item> items = new ArrayList<>();
            for (int i = 0; i < words.size; i++) {
                plainWords.add(words.folded[i]);
                lexicon.neverFuzzy.add(words.folded[i]); // a lexicon word is never read as a misspelling of another
                items.add(new Pattern.Item(0, keys(words.folded[i], words.lower[i]), new String[0], new String[0]));
            }
            return items;
        }
        long classes = 0;
        List<String> keys = new ArrayList<>();
        List<String> surfaces = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String alternative : raw.split("\\|")) {
            if (alternative.startsWith("@")) {
                String name = alternative.substring(1);
                referenced.add(name);
                classes |= names.bit(name);
            } else if (alternative.startsWith("=") && !raw.contains("|") && Message.of(alternative).size > 1) {
                List<Pattern.Item> items = new ArrayList<>();
                Message words = Message.of(alternative.substring(1));
                for (int i = 0; i < words.size; i++) {
                    lexicon.neverFuzzy.add(words.folded[i]);
                    items.add(new Pattern.Item(0, new String[0], new String[] {words.folded[i]}, new String[0]));
                }
                return items;
            } else if (alternative.startsWith("=")) {
                surfaces.add(single(alternative.substring(1)).folded[0]);
            } else if (alternative.endsWith("*")) {
                prefixes.add(single(alternative.substring(0, alternative.length() - 1)).folded[0]);
            } else {
                Message word = single(alternative);
                lexicon.neverFuzzy.add(word.folded[0]);
                keys.addAll(List.of(keys(word.folded[0], word.lower[0])));
            }
        }
        return List.of(new Pattern.Item(classes, keys.toArray(String[]::new), surfaces.toArray(String[]::new),
                prefixes.toArray(String[]::new)));
    }

    /** How long a word for the messages must be to name them at the start of a longer word as well. */
    private static final int CONTACT_PREFIX_LENGTH = 6;

    private static boolean isPlainWord(String raw) {
        return !raw.contains("|") && !raw.startsWith("@") && !raw.startsWith("=") && !raw.startsWith("~")
                && !raw.startsWith("+") && !raw.endsWith("*");
    }

    private String[] keys(String folded, String lower) {
        List<String> keys = lexicon.keys(folded, lower);
        lexicon.registerGate(folded);
        return keys.toArray(String[]::new);
    }

    private static Message single(String word) {
        Message message = Message.of(word);
        if (message.size != 1) {
            throw new IllegalArgumentException("'" + word + "' is not one word");
        }
        return message;
    }
}
