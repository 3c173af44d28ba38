package io.consentflow.rules.intent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All languages' lexicons, loaded from {@code lexicon/<code>.txt} beside this class, with what lets a message be
 * matched against all of them at once: a gate from a token's first letters to the languages that could know it (so
 * a token is stemmed only in those), and one misspelling index.
 */
final class Lexicons {

    /** The 24 official EU languages, then Turkish, Arabic, Russian, Ukrainian. English first: it decides ties. */
    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "fi",
            "et", "lv", "lt", "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el", "ga", "mt", "tr", "ar", "ru", "uk");

    final List<LanguageLexicon> languages;
    final FuzzyIndex fuzzy;
    /** The class {@code @data} (number, data, details): what an erasure names as its object. */
    final long data;
    /** The class {@code @send} (send, write, contact): a verb whose object a word of cessation stops. */
    final long send;
    /** The class {@code @receive} (receive, get): what a refusal refuses ("I don't want to receive ..."). */
    final long receive;
    /**
     * Every class of a word of withdrawal or negation ({@link Role#WITHDRAWAL_CUES}, and {@code @optout},
     * {@code @stopnow}, {@code @remove}, {@code @delete}, {@code @legal}, {@code @dont}, {@code @subscription},
     * {@code @more}): a message with none of them gives the learned second opinion less say.
     */
    final long cues;
    /** The classes of consent, confirmation and receiving ({@code yes}, {@code @consent}, {@code @receive}). */
    final long assent;
    /** The classes of negation and of coming back ({@code negate}, {@code @dont}, {@code start}, {@code start-bare}). */
    final long contrary;
    private final Map<String, Integer> gate = new HashMap<>();
    private final int arabic;
    private final int irish;

    private Lexicons(List<LanguageLexicon> languages, ClassNames names) {
        this.languages = languages;
        this.data = names.bit("data");
        this.send = names.bit("send");
        this.receive = names.bit("receive");
        long extraCues = 0;
        for (String name : List.of("optout", "stopnow", "remove", "delete", "legal", "dont", "subscription", "more")) {
            extraCues |= names.bit(name);
        }
        this.cues = Role.WITHDRAWAL_CUES | extraCues;
        this.assent = Role.YES.bit() | names.bit("consent") | receive;
        this.contrary = Role.NEGATE.bit() | names.bit("dont") | Role.START.bit() | Role.START_BARE.bit();
        this.fuzzy = new FuzzyIndex(languages);
        for (LanguageLexicon lexicon : languages) {
            for (String key : lexicon.gate) {
                gate.merge(key, 1 << lexicon.index, (a, b) -> a | b);
            }
        }
        this.arabic = 1 << LANGUAGES.indexOf("ar");
        this.irish = 1 << LANGUAGES.indexOf("ga");
    }

    static Lexicons load() {
        ClassNames names = new ClassNames();
        List<LanguageLexicon> languages = new ArrayList<>();
        for (int i = 0; i < LANGUAGES.size(); i++) {
            String language = LANGUAGES.get(i);
            languages.add(LexiconParser.parse(language, i, read(language), names));
        }
        return new Lexicons(List.copyOf(languages), names);
    }

    private static String read(String language) {
        String resource = "lexicon/" + language + ".txt";
        try (InputStream in = Lexicons.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing lexicon " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The languages (as bits of their index) whose lexicon has a word starting like this token. */
    int candidates(String folded) {
        int mask = gate.getOrDefault(LanguageLexicon.gateKey(folded), 0);
        if (folded.length() >= LanguageLexicon.GATE) {
            mask |= gate.getOrDefault(folded.substring(0, LanguageLexicon.GATE - 1), 0);
        }
        char first = folded.charAt(0);
        if (first >= '\u0600' && first <= '\u06ff') {
            mask |= arabic;
        }
        String demutated = Clitics.strip("ga", folded);
        if (demutated != folded) { // "theachtaireachtaí" is gated as "teachtaireachtaí"
            mask |= gate.getOrDefault(LanguageLexicon.gateKey(demutated), 0) & irish;
            if (demutated.length() >= LanguageLexicon.GATE) {
                mask |= gate.getOrDefault(demutated.substring(0, LanguageLexicon.GATE - 1), 0) & irish;
            }
        }
        return mask;
    }
}
