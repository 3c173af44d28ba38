package io.consentflow.rules.intent;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.InflaterInputStream;

/**
 * A learned second opinion on whether a message is an opt-out: logistic regression over hashed features of the
 * folded text (character n-grams within and across words, and whole words; 2026.12-10 and -11 ship 2^20 weights,
 * 4 MB of heap, and 2- to 6-grams, as its resource names them; a resource may also name pairs of adjacent words and a
 * {@link HiddenLayer}, which 2026.12-11's candidates tried and its rule did not choose), trained on the development tables by
 * {@code OptOutModelTraining} (test scope, {@code -Ptrain}) and read from {@code model/opt-out.model} beside this
 * class. How it was learned (since 2026.12-10 the mean of plain and Naive Bayes-weighted logistic regression) leaves
 * no trace here: the learners' weights are summed into one vector. It knows no rule and no word list: it has seen how several thousand opt-outs and ordinary messages in 28
 * languages are spelled, and so hears the inflections, compounds and typos of words no lexicon lists. The rules keep
 * the last word where they found something; the model speaks where they found nothing ({@link SecondOpinion}).
 *
 * <p>Immutable and thread-safe; scoring allocates one small array per message.
 */
final class OptOutModel {

    /**
     * How a text becomes features: hashed into 2^{@code bits} weights, character n-grams of 2 to {@code maxGram}.
     * The resource names its own; one without names {@link #STANDARD}, 2^18 weights (1 MB of heap) and 2- to 5-grams.
     */
    record Hashing(int bits, int maxGram, boolean wordPairs) {

        static final Hashing STANDARD = new Hashing(18, 5);

        /** Without pairs of adjacent words, as every model before 2026.12-11 was hashed. */
        Hashing(int bits, int maxGram) {
            this(bits, maxGram, false);
        }

        Hashing {
            if (bits < 10 || bits > 24 || maxGram < 2 || maxGram > 8) {
                throw new IllegalArgumentException("hashing out of range: 2^" + bits + ", grams up to " + maxGram);
            }
        }

        int size() {
            return 1 << bits;
        }
    }

    /** Messages are read up to this many characters: an opt-out is written near the start. */
    static final int MAX_CHARS = 600;
    private static final int WORD_SEED = 0x5bd1e995;

    private static final int PAIR_SEED = 0x27d4eb2f;

    private final float[] weights;
    private final float bias;
    private final Hashing hashing;
    private final HiddenLayer hidden;
    private final boolean meanOfProbabilities;

    OptOutModel(float[] weights, float bias, Hashing hashing) {
        this(weights, bias, hashing, null, false);
    }

    /**
     * With {@code hidden} (or null for none), the score is the mean of the linear and the hidden layer's logits, or
     * with {@code meanOfProbabilities} the probability is the mean of theirs (a layer sure of an ordinary reply
     * cannot pull a sure linear withdrawal below one half, nor the other way round).
     */
    OptOutModel(float[] weights, float bias, Hashing hashing, HiddenLayer hidden, boolean meanOfProbabilities) {
        if (weights.length != hashing.size()) {
            throw new IllegalArgumentException("a model has " + hashing.size() + " weights, not " + weights.length);
        }
        this.weights = weights;
        this.bias = bias;
        this.hashing = hashing;
        this.hidden = hidden;
        this.meanOfProbabilities = meanOfProbabilities;
    }

    Hashing hashing() {
        return hashing;
    }

    private static final class Standard {
        static final OptOutModel INSTANCE = read("model/opt-out.model");
    }

    static OptOutModel standard() {
        return Standard.INSTANCE;
    }

    /** The probability that the text is an opt-out (STOP or ERASE). */
    double probability(String text) {
        return probability(features(text, hashing));
    }

    double probability(int[] features) {
        double score = bias;
        double value = value(features.length);
        for (int feature : features) {
            score += weights[feature] * value;
        }
        if (hidden == null) {
            return 1 / (1 + Math.exp(-score));
        }
        double layer = hidden.logit(features, value);
        return meanOfProbabilities ? (1 / (1 + Math.exp(-score)) + 1 / (1 + Math.exp(-layer))) / 2
                : 1 / (1 + Math.exp(-(score + layer) / 2));
    }

    /** Every feature occurs with the same value, so that long and short messages weigh alike. */
    static double value(int featureCount) {
        return featureCount == 0 ? 0 : 1 / Math.sqrt(featureCount);
    }

    /**
     * The hashed features of a text: character 2- to {@code maxGram}-grams of its folded form, words bounded by a
     * space on either side ("stop" is read as " stop "), and each whole word; with {@link Hashing#wordPairs()} also
     * each pair of adjacent words ("no more" beside "offers" and beside "stock" are different pairs: "more offers",
     * "more stock"). A letter repeated more than twice counts twice ("stoppp" = "stopp").
     */
    static int[] features(String text) {
        return features(text, Hashing.STANDARD);
    }

    static int[] features(String text, Hashing hashing) {
        char[] folded = fold(text);
        int length = folded.length;
        int maxGram = hashing.maxGram();
        int mask = hashing.size() - 1;
        int[] out = new int[Math.max(0, length - 1) * (maxGram - 1) + length * (hashing.wordPairs() ? 2 : 1)];
        int n = 0;
        int previousWord = 0;
        for (int i = 0; i < length; i++) {
            int hash = 0x811c9dc5;
            for (int j = i; j < Math.min(length, i + maxGram); j++) {
                hash = (hash ^ folded[j]) * 0x01000193;
                if (j > i) {
                    out[n++] = bucket(hash, mask);
                }
            }
            if (folded[i] == ' ' && i + 1 < length) {
                int word = WORD_SEED;
                int j = i + 1;
                while (j < length && folded[j] != ' ') {
                    word = (word ^ folded[j]) * 0x01000193;
                    j++;
                }
                if (j > i + 1) {
                    out[n++] = bucket(word ^ 0x7fb5d329, mask);
                    if (hashing.wordPairs() && previousWord != 0) {
                        out[n++] = bucket((previousWord * 0x01000193) ^ word ^ PAIR_SEED, mask);
                    }
                    previousWord = word;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int bucket(int hash, int mask) {
        int h = hash ^ (hash >>> 16);
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h & mask;
    }

    /** The text folded as the lexicons are ({@link TextFolder}), words separated by one space, with one around. */
    static char[] fold(String text) {
        int limit = Math.min(text.length(), MAX_CHARS);
        char[] out = new char[limit * 2 + 2];
        int n = 0;
        out[n++] = ' ';
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            char code = TextFolder.fold(c);
            if (code == TextFolder.DROP) {
                continue;
            }
            if (code == TextFolder.EXPAND) {
                for (char e : TextFolder.expansion(c).toCharArray()) {
                    n = append(out, n, e);
                }
            } else if (code == TextFolder.SEPARATOR) {
                if (out[n - 1] != ' ') {
                    out[n++] = ' ';
                }
            } else {
                n = append(out, n, code);
            }
        }
        if (out[n - 1] != ' ') {
            out[n++] = ' ';
        }
        return Arrays.copyOf(out, n);
    }

    private static int append(char[] out, int n, char c) {
        if (n >= 2 && out[n - 1] == c && out[n - 2] == c) {
            return n;
        }
        out[n] = c;
        return n + 1;
    }

    /**
     * Reads a model resource: '#' lines are its provenance, then one line with the bias, the scale of the weights
     * and, optionally, its {@link Hashing} (bits, longest n-gram, then 1 if it hashes pairs of words) and its
     * {@link HiddenLayer} (units, bits, scale, then 1 if the probabilities are averaged rather than the logits), then the weights as 16-bit integers, followed by the hidden layer's if
     * it has one, deflated and in base64 on as many lines as it takes.
     */
    static OptOutModel read(String resource) {
        try (InputStream in = OptOutModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing model " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model from the text of its resource ({@link #read}). */
    static OptOutModel parse(String resource) {
        try {
            String[] lines = resource.split("\n");
            int line = 0;
            while (lines[line].startsWith("#")) {
                line++;
            }
            String[] header = lines[line++].trim().split(" ");
            float bias = Float.parseFloat(header[0]);
            float scale = Float.parseFloat(header[1]);
            Hashing hashing = header.length >= 4 ? new Hashing(Integer.parseInt(header[2]),
                    Integer.parseInt(header[3]), header.length >= 5 && header[4].equals("1")) : Hashing.STANDARD;
            StringBuilder encoded = new StringBuilder();
            while (line < lines.length) {
                encoded.append(lines[line++].trim());
            }
            byte[] deflated = Base64.getDecoder().decode(encoded.toString());
            float[] weights = new float[hashing.size()];
            try (DataInputStream data = new DataInputStream(
                    new InflaterInputStream(new ByteArrayInputStream(deflated)))) {
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = data.readShort() * scale;
                }
                HiddenLayer hidden = header.length >= 8 ? HiddenLayer.read(data, Integer.parseInt(header[5]),
                        Integer.parseInt(header[6]), Float.parseFloat(header[7])) : null;
                return new OptOutModel(weights, bias, hashing, hidden, header.length >= 9 && header[8].equals("1"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
