package io.consentflow.rules.intent;

import java.util.List;

/**
 * The Naive Bayes log-count ratio of each hashed feature (Wang and Manning 2012, "Baselines and Bigrams", NBSVM):
 * log of how much more often, smoothed by one, a feature occurs in opt-outs than in other messages, each message
 * counting a feature once. Scaling features by it before logistic regression lets a feature that mostly occurs on
 * one side start from that side.
 */
final class NaiveBayesRatios {

    private static final double SMOOTHING = 1;

    private NaiveBayesRatios() {
    }

    static float[] of(List<int[]> features, boolean[] labels, int size) {
        double[] positive = new double[size];
        double[] negative = new double[size];
        int[] lastSeen = new int[size];
        java.util.Arrays.fill(lastSeen, -1);
        double positiveTotal = SMOOTHING * size;
        double negativeTotal = SMOOTHING * size;
        for (int row = 0; row < features.size(); row++) {
            for (int f : features.get(row)) {
                if (lastSeen[f] == row) {
                    continue;
                }
                lastSeen[f] = row;
                if (labels[row]) {
                    positive[f]++;
                    positiveTotal++;
                } else {
                    negative[f]++;
                    negativeTotal++;
                }
            }
        }
        float[] ratios = new float[size];
        for (int f = 0; f < size; f++) {
            ratios[f] = (float) Math.log((positive[f] + SMOOTHING) / positiveTotal
                    / ((negative[f] + SMOOTHING) / negativeTotal));
        }
        return ratios;
    }
}
