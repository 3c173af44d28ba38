package io.consentflow.rules.intent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The non-linear half of an {@link OptOutModel} (since the 2026.12-11 candidates): one hidden layer of rectified units
 * over the same hashed features, each feature's bucket taken modulo 2^{@code bits}, then one output unit. A linear
 * model adds what each n-gram says on its own; a hidden unit can fire only when several occur together, so "no more"
 * can weigh differently beside "offers" and beside "stock". Trained by {@code HiddenLayerTrainer} (test scope).
 *
 * @param units  hidden units
 * @param bits   the layer reads 2^bits buckets of the features
 * @param input  the input weights, {@code units} per bucket, bucket by bucket
 * @param biases one per hidden unit
 * @param output one per hidden unit
 * @param outputBias the output unit's bias
 */
record HiddenLayer(int units, int bits, float[] input, float[] biases, float[] output, float outputBias) {

    HiddenLayer {
        if (units < 1 || units > 128 || bits < 8 || bits > 20 || input.length != units << bits
                || biases.length != units || output.length != units) {
            throw new IllegalArgumentException("hidden layer out of shape: " + units + " units over 2^" + bits);
        }
    }

    /** The output unit's logit for features of value {@code value} each; one small array per call. */
    double logit(int[] features, double value) {
        double[] sums = new double[units];
        addInputs(input, units, bits, features, sums);
        double logit = outputBias;
        for (int u = 0; u < units; u++) {
            double activation = sums[u] * value + biases[u];
            if (activation > 0) {
                logit += activation * output[u];
            }
        }
        return logit;
    }

    /** Adds each feature's input weights ({@code units} per bucket of 2^{@code bits}) to {@code sums}. */
    static void addInputs(float[] input, int units, int bits, int[] features, double[] sums) {
        int mask = (1 << bits) - 1;
        for (int feature : features) {
            int offset = (feature & mask) * units;
            for (int u = 0; u < units; u++) {
                sums[u] += input[offset + u];
            }
        }
    }

    /** The largest input weight, by which they are stored as 16-bit integers. */
    float scale() {
        float max = 1e-6f;
        for (float v : input) {
            max = Math.max(max, Math.abs(v));
        }
        return max / Short.MAX_VALUE;
    }

    /** The same layer with its input weights rounded as the resource stores them. */
    HiddenLayer quantised() {
        float scale = scale();
        float[] rounded = new float[input.length];
        for (int i = 0; i < input.length; i++) {
            rounded[i] = Math.round(input[i] / scale) * scale;
        }
        return new HiddenLayer(units, bits, rounded, biases, output, outputBias);
    }

    void write(DataOutputStream data) throws IOException {
        float scale = scale();
        for (float v : input) {
            data.writeShort(Math.round(v / scale));
        }
        for (int u = 0; u < units; u++) {
            data.writeFloat(biases[u]);
            data.writeFloat(output[u]);
        }
        data.writeFloat(outputBias);
    }

    static HiddenLayer read(DataInputStream data, int units, int bits, float scale) throws IOException {
        float[] input = new float[units << bits];
        for (int i = 0; i < input.length; i++) {
            input[i] = data.readShort() * scale;
        }
        float[] biases = new float[units];
        float[] output = new float[units];
        for (int u = 0; u < units; u++) {
            biases[u] = data.readFloat();
            output[u] = data.readFloat();
        }
        return new HiddenLayer(units, bits, input, biases, output, data.readFloat());
    }
}
