package io.consentflow.rules.intent;

import io.consentflow.rules.intent.OptOutModelTrainer.Trained;
import java.util.List;
import java.util.Random;

/**
 * The linear learners of {@link OptOutModelTrainer}: AdaGrad SGD over hashed features, plain or Naive Bayes-weighted,
 * and the ensemble of the two (split from {@code OptOutModelTrainer} in 2026.12-24's round, when learning the
 * ensemble's two learners on two threads took that class past 250 lines).
 */
final class AdaGradLearners {

    private AdaGradLearners() {
    }

    /**
     * The mean of the plain learner and the Naive Bayes-weighted one, each learned on its own thread: they share
     * nothing but the rows they read, so the model is the same to the bit, learned in about half the wall time on two
     * cores (2026.12-24: {@code OptOutModelTest} retrains the committed model on every run of the suite).
     */
    static Trained ensemble(List<int[]> features, boolean[] labels, float[] weights, TrainingRecipe recipe,
            float[] ratios, long seed) {
        Trained[] plain = new Trained[1];
        Thread thread = new Thread(() -> plain[0] = sgd(features, labels, weights, recipe, null, seed), "plain-sgd");
        thread.start();
        Trained weighted = sgd(features, labels, weights, recipe, ratios, seed);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the plain learner learned", e);
        }
        return Trained.mean(plain[0], weighted, 1, recipe.hashing());
    }

    /**
     * AdaGrad SGD; with {@code ratios} (NBSVM), each feature's value is scaled by its Naive Bayes log-count ratio
     * while learning, and the ratio is folded into its weight afterwards, so the model scores as any other.
     */
    static Trained sgd(List<int[]> features, boolean[] labels, float[] rowWeights, TrainingRecipe recipe,
            float[] ratios, long seed) {
        int size = recipe.hashing().size();
        float[] w = new float[size];
        float[] squares = new float[size];
        double bias = 0;
        double biasSquares = 0;
        int[] order = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        double rate = recipe.rate();
        double l2 = recipe.l2();
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            shuffle(order, random);
            for (int index : order) {
                int[] x = features.get(index);
                double value = OptOutModel.value(x.length);
                double score = bias;
                for (int f : x) {
                    score += w[f] * (ratios == null ? value : value * ratios[f]);
                }
                double error = (1 / (1 + Math.exp(-score)) - (labels[index] ? 1 : 0)) * rowWeights[index];
                for (int f : x) {
                    double gradient = error * (ratios == null ? value : value * ratios[f]) + l2 * w[f];
                    squares[f] += (float) (gradient * gradient);
                    w[f] -= (float) (rate * gradient / Math.sqrt(squares[f] + 1e-8));
                }
                biasSquares += error * error;
                bias -= rate * error / Math.sqrt(biasSquares + 1e-8);
            }
        }
        for (int f = 0; ratios != null && f < size; f++) {
            w[f] *= ratios[f];
        }
        return new Trained(w, (float) bias, recipe.hashing(), null);
    }

    /** Fisher-Yates with the caller's seeded random, so that the same rows are always visited in the same order. */
    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
