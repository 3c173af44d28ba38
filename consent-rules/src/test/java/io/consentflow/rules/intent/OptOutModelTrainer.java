package io.consentflow.rules.intent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;

/**
 * Trains {@link OptOutModel}: logistic regression by stochastic gradient descent with per-weight (AdaGrad) steps and
 * L2 shrinkage of the weights a message touches, over the model's own hashed features. Deterministic: the rows are
 * shuffled by a fixed seed, one thread, so the same tables always give the same weights. An opt-out (STOP, ERASE) is
 * the positive class; every other row, UNCERTAIN included, the negative one.
 */
final class OptOutModelTrainer {

    static final long SEED = 21;
    static final int EPOCHS = 12;
    static final double RATE = 0.5;
    static final double L2 = 1e-6;

    private OptOutModelTrainer() {
    }

    static boolean optOut(DevelopmentTableTest.Row row) {
        return row.expected() == Intent.STOP || row.expected() == Intent.ERASE;
    }

    /** A model trained on the rows. */
    static Trained train(List<DevelopmentTableTest.Row> rows) {
        List<int[]> features = new ArrayList<>(rows.size());
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            features.add(OptOutModel.features(rows.get(i).message()));
            labels[i] = optOut(rows.get(i));
        }
        float[] w = new float[OptOutModel.SIZE];
        float[] squares = new float[OptOutModel.SIZE];
        double bias = 0;
        double biasSquares = 0;
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(SEED);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates with the fixed seed
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int index : order) {
                int[] x = features.get(index);
                double value = OptOutModel.value(x.length);
                double score = bias;
                for (int f : x) {
                    score += w[f] * value;
                }
                double error = 1 / (1 + Math.exp(-score)) - (labels[index] ? 1 : 0);
                for (int f : x) {
                    double gradient = error * value + L2 * w[f];
                    squares[f] += (float) (gradient * gradient);
                    w[f] -= (float) (RATE * gradient / Math.sqrt(squares[f] + 1e-8));
                }
                biasSquares += error * error;
                bias -= RATE * error / Math.sqrt(biasSquares + 1e-8);
            }
        }
        return new Trained(w, (float) bias);
    }

    /** Trained weights, usable at once and writable as the model resource. */
    record Trained(float[] weights, float bias) {

        OptOutModel model() {
            return new OptOutModel(quantised(), bias);
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
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            StringBuilder out = new StringBuilder();
            provenance.forEach(line -> out.append("# ").append(line).append('\n'));
            out.append(bias).append(' ').append(scale).append('\n');
            String encoded = Base64.getEncoder().encodeToString(bytes.toByteArray());
            for (int i = 0; i < encoded.length(); i += 100) {
                out.append(encoded, i, Math.min(encoded.length(), i + 100)).append('\n');
            }
            return out.toString();
        }
    }
}
