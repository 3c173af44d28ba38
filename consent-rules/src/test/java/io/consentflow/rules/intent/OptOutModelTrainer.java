package io.consentflow.rules.intent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DeflaterOutputStream;

/**
 * Trains {@link OptOutModel}: logistic regression by stochastic gradient descent with per-weight (AdaGrad) steps and
 * L2 shrinkage of the weights a message touches, over the model's own hashed features. Deterministic: the rows are
 * shuffled by a fixed seed, each learner on one thread ({@link AdaGradLearners}), so the same tables always give the
 * same weights. An opt-out (STOP, ERASE) is the positive class; every other row, UNCERTAIN included, the negative
 * one. How it learns is a {@link TrainingRecipe} ({@link ModelRecipes} holds the ones compared for 2026.12-10 and
 * 2026.12-11); {@link #train(List)} uses the one that ships. A recipe may weigh near misses more ({@link #nearMiss})
 * and add a {@link HiddenLayer} ({@link HiddenLayerTrainer}).
 */
final class OptOutModelTrainer {

    static final long SEED = 21;

    private OptOutModelTrainer() {
    }

    static boolean optOut(DevelopmentTables.Row row) {
        return row.expected() == Intent.STOP || row.expected() == Intent.ERASE;
    }

    /**
     * A hard negative: an ordinary row (not STOP or ERASE) in which the rules found a word of withdrawal or negation
     * or read a withdrawal or doubt ("no more stock?", "stop the delivery"), the rows a model most easily takes for
     * opt-outs.
     */
    static boolean nearMiss(DevelopmentTables.Row row, IntentRules.Decision rules) {
        return !optOut(row) && (rules.evidence().cue() || rules.intent() == Intent.STOP
                || rules.intent() == Intent.ERASE || rules.intent() == Intent.UNCERTAIN);
    }

    /**
     * A row of the recent tables (ac and later, written from 2026.12-10 on to briefs about indirect complaints, slang
     * and complaints that are no withdrawal), which a recipe may weigh more ({@link TrainingRecipe#recentWeight}).
     */
    static boolean recent(DevelopmentTables.Row row) {
        return row.table().matches("dev-[a-z]{2}") && row.table().compareTo("dev-ac") >= 0;
    }

    /**
     * An indirect opt-out (2026.12-22): an opt-out in which the rules found no word of withdrawal or negation and read
     * nothing ("who gave you my number?", "third time today"), the kind only the model can hear.
     */
    static boolean indirect(DevelopmentTables.Row row, IntentRules.Decision rules) {
        return optOut(row) && rules.intent() == Intent.NONE && !rules.evidence().cue();
    }

    /** How much a row's error counts in learning by the recipe: near misses, indirect and recent rows as it weighs them. */
    static float weight(DevelopmentTables.Row row, IntentRules.Decision rules, TrainingRecipe recipe) {
        double weight = recipe.nearMissWeight() != 1 && nearMiss(row, rules) ? recipe.nearMissWeight()
                : recipe.indirectWeight() != 1 && indirect(row, rules) ? recipe.indirectWeight() : 1;
        return (float) (newest(row) ? weight * recipe.newestWeight() : recent(row) ? weight * recipe.recentWeight()
                : weight);
    }

    /**
     * A row of the newest tables (ap and later, written from 2026.12-11 on to briefs asking for at least a third of
     * indirect complaints with no word of withdrawal), which a recipe may weigh more still
     * ({@link TrainingRecipe#newestWeight}).
     */
    static boolean newest(DevelopmentTables.Row row) {
        return row.table().matches("dev-[a-z]{2}") && row.table().compareTo("dev-ap") >= 0;
    }

    private static final class Rules {
        static final IntentRecogniser ONLY = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);
    }

    /** A model trained on the rows by the recipe that ships ({@link ModelRecipes#STANDARD}). */
    static Trained train(List<DevelopmentTables.Row> rows) {
        return train(rows, ModelRecipes.STANDARD);
    }

    /** A model trained on the rows by the recipe. */
    static Trained train(List<DevelopmentTables.Row> rows, TrainingRecipe recipe) {
        // the rows' features on every core, in the rows' order (2026.12-24: pairs of words make them dearer)
        List<int[]> features = rows.parallelStream().map(row -> OptOutModel.features(row.message(), recipe.hashing()))
                .toList();
        boolean[] labels = new boolean[rows.size()];
        float[] weights = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            DevelopmentTables.Row row = rows.get(i);
            labels[i] = optOut(row);
            weights[i] = weight(row, recipe.nearMissWeight() == 1 && recipe.indirectWeight() == 1 ? null
                    : Rules.ONLY.rulesDecision(row.message()), recipe);
        }
        return train(features, labels, weights, recipe);
    }

    /**
     * A model trained on rows already turned into features by {@code recipe.hashing()}, each row's error counting
     * {@code weights[i]} times (1 but for near misses, {@link #nearMiss}).
     */
    static Trained train(List<int[]> features, boolean[] labels, float[] weights, TrainingRecipe recipe) {
        Trained linear = linear(features, labels, weights, recipe);
        return recipe.hiddenUnits() == 0 ? linear : linear.with(
                HiddenLayerTrainer.train(features, labels, weights, recipe, null),
                recipe.hidden().meanOfProbabilities());
    }

    /** The linear part alone: one learner per seed ({@link TrainingRecipe#seeds}), their weights averaged. */
    static Trained linear(List<int[]> features, boolean[] labels, float[] weights, TrainingRecipe recipe) {
        float[] ratios = recipe.learner() == TrainingRecipe.Learner.LOGISTIC ? null
                : NaiveBayesRatios.of(features, labels, recipe.hashing().size());
        Trained bagged = null;
        for (int s = 0; s < recipe.seeds(); s++) {
            Trained one;
            if (recipe.learner() == TrainingRecipe.Learner.ENSEMBLE) {
                one = AdaGradLearners.ensemble(features, labels, weights, recipe, ratios, SEED + s);
            } else {
                one = AdaGradLearners.sgd(features, labels, weights, recipe, ratios, SEED + s);
            }
            bagged = bagged == null ? one : Trained.mean(bagged, one, s, recipe.hashing());
        }
        return bagged;
    }

    /**
     * Trained weights (and a hidden layer, or null, and whether the model averages its and the linear part's
     * probabilities), usable at once and writable as the model resource.
     */
    record Trained(float[] weights, float bias, OptOutModel.Hashing hashing, HiddenLayer hidden,
            boolean meanOfProbabilities) {

        Trained(float[] weights, float bias, OptOutModel.Hashing hashing, HiddenLayer hidden) {
            this(weights, bias, hashing, hidden, false);
        }

        /**
         * Learners over the same features as one: the mean of their scores is the score of their mean weights.
         * {@code a} is already the mean of {@code count} learners, {@code b} one more.
         */
        static Trained mean(Trained a, Trained b, int count, OptOutModel.Hashing hashing) {
            float[] w = new float[a.weights.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (a.weights[i] * count + b.weights[i]) / (count + 1);
            }
            return new Trained(w, (a.bias * count + b.bias) / (count + 1), hashing, null);
        }

        Trained with(HiddenLayer layer, boolean averageProbabilities) {
            return new Trained(weights, bias, hashing, layer, averageProbabilities);
        }

        OptOutModel model() {
            return new OptOutModel(quantised(), bias, hashing, hidden == null ? null : hidden.quantised(),
                    meanOfProbabilities);
        }

        /** The weights as the resource stores them (16 bits each), so that what is judged is what ships. */
        private float[] quantised() {
            float scale = scale();
            float[] out = new float[weights.length];
            for (int i = 0; i < weights.length; i++) {
                out[i] = Math.round(weights[i] / scale) * scale;
            }
            return out;
        }

        private float scale() {
            float max = 1e-6f;
            for (float v : weights) {
                max = Math.max(max, Math.abs(v));
            }
            return max / Short.MAX_VALUE;
        }

        /** The resource text: the provenance lines, the bias and scale, the deflated weights in base64. */
        String resource(List<String> provenance) {
            float scale = scale();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream data = new DataOutputStream(new DeflaterOutputStream(bytes))) {
                for (float v : weights) {
                    data.writeShort(Math.round(v / scale));
                }
                if (hidden != null) {
                    hidden.write(data);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            StringBuilder out = new StringBuilder();
            provenance.forEach(line -> out.append("# ").append(line).append('\n'));
            out.append(bias).append(' ').append(scale).append(' ').append(hashing.bits()).append(' ')
                    .append(hashing.maxGram());
            if (hashing.wordPairs() || hidden != null) {
                out.append(' ').append(hashing.wordPairs() ? 1 : 0);
            }
            if (hidden != null) {
                out.append(' ').append(hidden.units()).append(' ').append(hidden.bits()).append(' ')
                        .append(hidden.scale());
                if (meanOfProbabilities) {
                    out.append(" 1");
                }
            }
            out.append('\n');
            String encoded = Base64.getEncoder().encodeToString(bytes.toByteArray());
            for (int i = 0; i < encoded.length(); i += 100) {
                out.append(encoded, i, Math.min(encoded.length(), i + 100)).append('\n');
            }
            return out.toString();
        }
    }
}
