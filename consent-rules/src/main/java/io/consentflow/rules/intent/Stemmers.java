package io.consentflow.rules.intent;

import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.lucene.analysis.ar.ArabicStemmer;
import org.apache.lucene.analysis.bg.BulgarianStemmer;
import org.apache.lucene.analysis.cz.CzechStemmer;
import org.apache.lucene.analysis.el.GreekStemmer;
import org.apache.lucene.analysis.lv.LatvianStemmer;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * The stemmer of each language, from Lucene: Snowball where it has one, Lucene's light stemmers for Czech (also used
 * for Slovak, whose endings are close), Bulgarian, Latvian, Greek and Arabic, and Snowball's Serbian for Croatian.
 * Polish, Slovene, Maltese and Ukrainian have none here: their lexicons list inflected forms or prefixes instead.
 *
 * <p>Every stemmer returned is thread-safe: Snowball's are stateful, so each thread gets its own; Lucene's light
 * stemmers work on the buffer they are handed. The word handed in is lower case; the stem returned is folded.
 */
final class Stemmers {

    /** Stems one lower-case word to a folded stem. */
    interface Stemmer {
        String stem(String word);
    }

    /** Lucene's light stemmers: stem(buffer, length) returns the stem's length. */
    private interface BufferStemmer {
        int stem(char[] buffer, int length);
    }

    static final Stemmer IDENTITY = word -> word;

    private Stemmers() {
    }

    static Stemmer forLanguage(String language) {
        return switch (language) {
            case "da" -> snowball(DanishStemmer::new);
            case "de" -> snowball(GermanStemmer::new);
            case "en" -> snowball(EnglishStemmer::new);
            case "es" -> snowball(SpanishStemmer::new);
            case "et" -> snowball(EstonianStemmer::new);
            case "fi" -> snowball(FinnishStemmer::new);
            case "fr" -> snowball(FrenchStemmer::new);
            case "ga" -> snowball(IrishStemmer::new);
            case "hr" -> snowball(SerbianStemmer::new);
            case "hu" -> snowball(HungarianStemmer::new);
            case "it" -> snowball(ItalianStemmer::new);
            case "lt" -> snowball(LithuanianStemmer::new);
            case "nl" -> snowball(DutchStemmer::new);
            case "pt" -> snowball(PortugueseStemmer::new);
            case "ro" -> snowball(RomanianStemmer::new);
            case "ru" -> snowball(RussianStemmer::new);
            case "sv" -> snowball(SwedishStemmer::new);
            case "tr" -> snowball(TurkishStemmer::new);
            case "cs", "sk" -> buffer(new CzechStemmer()::stem);
            case "bg" -> buffer(new BulgarianStemmer()::stem);
            case "lv" -> buffer(new LatvianStemmer()::stem);
            case "el" -> buffer(new GreekStemmer()::stem);
            case "ar" -> buffer(new ArabicStemmer()::stem);
            default -> IDENTITY;
        };
    }

    /**
     * Whether a language's stemmer reads the folded token rather than the lower-case one: Lucene's Greek stemmer
     * expects no tonos and σ for ς, its Arabic one normalised letters, and Cyrillic folding only merges ё into е.
     */
    static boolean readsFolded(String language) {
        return switch (language) {
            case "el", "ar", "ru", "uk", "bg" -> true;
            default -> false;
        };
    }

    private static Stemmer snowball(Supplier<SnowballStemmer> factory) {
        ThreadLocal<SnowballStemmer> perThread = ThreadLocal.withInitial(factory);
        return word -> {
            SnowballStemmer stemmer = perThread.get();
            stemmer.setCurrent(word);
            stemmer.stem();
            return TextFolder.foldWord(stemmer.getCurrent());
        };
    }

    private static Stemmer buffer(BufferStemmer stemmer) {
        return word -> {
            // room to spare: some light stemmers rewrite an ending into a longer one
            char[] buffer = Arrays.copyOf(word.toCharArray(), word.length() + 8);
            int length = stemmer.stem(buffer, word.length());
            return TextFolder.foldWord(new String(buffer, 0, length));
        };
    }
}
