package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.WithdrawalScore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Tunes the hidden layer of 2026.12-12's candidate ({@link ModelRecipes}), run only with
 * {@code -Ptrain -Dharness.tune=ap,aq,ar,as,at,au,av -Dharness.folds=ai,aj,ak,al,am,an,ao}: never on the fresh tables
 * named by {@code harness.tune}, which it leaves out altogether. For each fold (a lettered table, those named by
 * {@code harness.folds}) 2026.12-11's linear recipe and a layer of each size and L2 of {@link #UNITS} and
 * {@link #L2S} are trained on every other table, the layer judged after each of its first {@value #MAX_EPOCHS} epochs
 * (early stopping; two folds at a time, each alone deterministic), and the fold's
 * rows scored by the mean of the two probabilities combined with 2026.12-11's thresholds. Prints E (misses per
 * opt-out plus twice the false stops per NONE, YES and START row) for each setting and the one with the lowest;
 * within 0.001 of it, the fewest units, then the fewest epochs, then the larger L2.
 */
class HiddenLayerTuningHarness {

    static final int[] UNITS = {32, 64};
    static final double[] L2S = {1e-6};
    static final int MAX_EPOCHS = 6;
    private static final int THREADS = 2;

    /** Whether a table is a fold of the harnesses ({@code -Dharness.folds}, every lettered table if not set). */
    static boolean isFold(String table) {
        String folds = System.getProperty("harness.folds", "");
        return folds.isBlank() || Arrays.stream(folds.split(",")).anyMatch(f -> table.equals("dev-" + f.strip()));
    }

    @Test
    void choosesTheHiddenLayerBySizeL2AndEpochsLeavingOneTableOut() throws IOException {
        String fresh = System.getProperty("harness.tune", "");
        Assumptions.assumeFalse(fresh.isBlank(), "no -Dharness.tune=<fresh table letters, left out>");
        Set<String> left = Set.of(Arrays.stream(fresh.split(",")).map(l -> "dev-" + l.strip()).toArray(String[]::new));
        IntentRecogniser rulesOnly = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);
        TrainingRecipe base = ModelRecipes.WIDE_ENSEMBLE;
        List<DevelopmentTables.Row> rows = new ArrayList<>();
        for (String resource : DevelopmentTables.withHeldBack()) {
            DevelopmentTables.read(resource).stream().filter(r -> !left.contains(r.table())).forEach(rows::add);
        }
        List<IntentRules.Decision> decisions = rows.stream().map(r -> rulesOnly.rulesDecision(r.message())).toList();
        List<int[]> features = rows.stream().map(r -> OptOutModel.features(r.message(), base.hashing())).toList();
        List<String> folds = rows.stream().map(DevelopmentTables.Row::table).distinct()
                .filter(t -> t.startsWith("dev-") && isFold(t)).toList();
        assertThat(folds).as("folds").isNotEmpty().noneMatch(left::contains);
        Map<String, List<HeldOutTableHarness.Scored>> scored = new java.util.TreeMap<>();
        List<HeldOutTableHarness.Scored> linearOnly = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (String fold : folds) {
            done.add(pool.submit(() -> tuneFold(fold, rows, decisions, features, base, scored, linearOnly)));
        }
        for (java.util.concurrent.Future<?> future : done) {
            try {
                future.get();
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        report(folds, fresh, scored, linearOnly);
    }

    private static void tuneFold(String fold, List<DevelopmentTables.Row> rows, List<IntentRules.Decision> decisions,
            List<int[]> features, TrainingRecipe base, Map<String, List<HeldOutTableHarness.Scored>> into,
            List<HeldOutTableHarness.Scored> linearInto) {
        Map<String, List<HeldOutTableHarness.Scored>> scored = new LinkedHashMap<>();
        List<HeldOutTableHarness.Scored> linearOnly = new ArrayList<>();
        long start = System.nanoTime();
        List<int[]> x = new ArrayList<>();
        List<Integer> judged = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).table().equals(fold)) {
                judged.add(i);
            } else {
                x.add(features.get(i));
            }
        }
        boolean[] labels = new boolean[x.size()];
        float[] weights = new float[x.size()];
        Arrays.fill(weights, 1);
        for (int i = 0, n = 0; i < rows.size(); i++) {
            if (!rows.get(i).table().equals(fold)) {
                labels[n++] = OptOutModelTrainer.optOut(rows.get(i));
            }
        }
        OptOutModelTrainer.Trained linear = OptOutModelTrainer.linear(x, labels, weights, base);
        score(linear.model(), judged, rows, decisions, features, linearOnly);
        for (int units : UNITS) {
            for (double l2 : L2S) {
                TrainingRecipe recipe = base.with("tuning",
                        new TrainingRecipe.Hidden(units, MAX_EPOCHS, l2, true));
                HiddenLayerTrainer.train(x, labels, weights, recipe, (layer, epoch) -> score(
                        linear.with(layer, true).model(), judged, rows, decisions, features,
                        scored.computeIfAbsent(units + " units, L2 " + l2 + ", " + epoch + " epochs",
                                k -> new ArrayList<>())));
            }
        }
        System.out.printf("  fold %s done (%.0f s)%n", fold, (System.nanoTime() - start) / 1e9);
        synchronized (into) {
            scored.forEach((key, list) -> into.computeIfAbsent(key, k -> new ArrayList<>()).addAll(list));
            linearInto.addAll(linearOnly);
        }
    }

    private static void report(List<String> folds, String fresh, Map<String, List<HeldOutTableHarness.Scored>> scored,
            List<HeldOutTableHarness.Scored> linearOnly) {
        System.out.printf("Hidden layer tuning over folds %s (fresh %s left out), 2026.12-11's thresholds:%n", folds,
                fresh);
        System.out.printf("  %-34s %s%n", "linear only (-11's recipe)",
                ModelCandidatesHarness.line(ModelCandidatesHarness.score(linearOnly, CombinationVariants.NINE)));
        double lowest = Double.MAX_VALUE;
        for (Map.Entry<String, List<HeldOutTableHarness.Scored>> e : scored.entrySet()) {
            WithdrawalScore s = ModelCandidatesHarness.score(e.getValue(), CombinationVariants.NINE);
            lowest = Math.min(lowest, ModelCandidatesHarness.error(s));
            System.out.printf("  %-34s %s%n", e.getKey(), ModelCandidatesHarness.line(s));
        }
        String chosen = null;
        for (int units : UNITS) { // the rule's order: fewest units, fewest epochs, larger L2
            for (int epoch = 1; epoch <= MAX_EPOCHS && chosen == null; epoch++) {
                for (int l = L2S.length - 1; l >= 0 && chosen == null; l--) {
                    String key = units + " units, L2 " + L2S[l] + ", " + epoch + " epochs";
                    if (ModelCandidatesHarness.error(ModelCandidatesHarness.score(scored.get(key),
                            CombinationVariants.NINE)) <= lowest + 0.001) {
                        chosen = key;
                    }
                }
            }
        }
        System.out.println("Tuned by the rule: " + chosen);
    }

    private static void score(OptOutModel model, List<Integer> judged, List<DevelopmentTables.Row> rows,
            List<IntentRules.Decision> decisions, List<int[]> features, List<HeldOutTableHarness.Scored> into) {
        for (int i : judged) {
            into.add(new HeldOutTableHarness.Scored(rows.get(i), decisions.get(i).intent(),
                    decisions.get(i).evidence(), model.probability(features.get(i)), true));
        }
    }
}
