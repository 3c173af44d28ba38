package io.consentflow.rules.intent;

import java.util.List;
import java.util.Random;

/**
 * Trains a {@link HiddenLayer}: one layer of rectified units over the hashed features (their buckets modulo
 * 2^{@value #BITS}) and a logistic output, by per-weight AdaGrad steps on the log loss, a row's error weighed as
 * {@link OptOutModelTrainer} weighs it. Deterministic: weights drawn and rows shuffled by fixed seeds, one thread.
 */
final class HiddenLayerTrainer {

    /** The layer reads 2^16 buckets: 32 units of it are 2 M weights, 8 MB of heap. */
    static final int BITS = 16;
    private static final double RATE = 0.05;
    private static final double INITIAL_RANGE = 0.1;

    private HiddenLayerTrainer() {
    }

    /**
     * The layer after {@code recipe.hidden().epochs()} epochs; with {@code afterEpoch} not null, a copy after every
     * epoch is handed to it first (early stopping: the tuning harness judges each epoch without training again).
     */
    static HiddenLayer train(List<int[]> features, boolean[] labels, float[] rowWeights, TrainingRecipe recipe,
            java.util.function.ObjIntConsumer<HiddenLayer> afterEpoch) {
        int units = recipe.hiddenUnits();
        double l2 = recipe.hidden().l2();
        int mask = (1 << BITS) - 1;
        Random random = new Random(OptOutModelTrainer.SEED + 1);
        float[] input = new float[units << BITS];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) ((random.nextDouble() * 2 - 1) * INITIAL_RANGE);
        }
        float[] biases = new float[units];
        float[] output = new float[units];
        java.util.Arrays.fill(biases, 0.1f);
        for (int u = 0; u < units; u++) {
            output[u] = (float) ((random.nextDouble() * 2 - 1) / Math.sqrt(units));
        }
        double outputBias = 0;
        float[] inputSquares = new float[input.length];
        double[] biasSquares = new double[units];
        double[] outputSquares = new double[units];
        double outputBiasSquares = 0;
        double[] sums = new double[units];
        double[] back = new double[units];
        int[] order = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < recipe.hidden().epochs(); epoch++) {
            AdaGradLearners.shuffle(order, random);
            for (int index : order) {
                int[] x = features.get(index);
                double value = OptOutModel.value(x.length);
                java.util.Arrays.fill(sums, 0);
                HiddenLayer.addInputs(input, units, BITS, x, sums);
                double logit = outputBias;
                for (int u = 0; u < units; u++) {
                    sums[u] = sums[u] * value + biases[u];
                    logit += sums[u] > 0 ? sums[u] * output[u] : 0;
                }
                double error = (1 / (1 + Math.exp(-logit)) - (labels[index] ? 1 : 0)) * rowWeights[index];
                for (int u = 0; u < units; u++) {
                    boolean active = sums[u] > 0;
                    back[u] = active ? error * output[u] : 0;
                    double g = active ? error * sums[u] : 0;
                    outputSquares[u] += g * g;
                    output[u] -= (float) (RATE * g / Math.sqrt(outputSquares[u] + 1e-8));
                    biasSquares[u] += back[u] * back[u];
                    biases[u] -= (float) (RATE * back[u] / Math.sqrt(biasSquares[u] + 1e-8));
                }
                outputBiasSquares += error * error;
                outputBias -= RATE * error / Math.sqrt(outputBiasSquares + 1e-8);
                for (int f : x) {
                    int offset = (f & mask) * units;
                    for (int u = 0; u < units; u++) {
                        if (back[u] != 0) {
                            double g = back[u] * value + l2 * input[offset + u];
                            inputSquares[offset + u] += (float) (g * g);
                            input[offset + u] -= (float) (RATE * g / Math.sqrt(inputSquares[offset + u] + 1e-8));
                        }
                    }
                }
            }
            if (afterEpoch != null) {
                afterEpoch.accept(new HiddenLayer(units, BITS, input.clone(), biases.clone(), output.clone(),
                        (float) outputBias), epoch + 1);
            }
        }
        return new HiddenLayer(units, BITS, input, biases, output, (float) outputBias);
    }
}
