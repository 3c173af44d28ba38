package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.WithdrawalScore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Chooses 2026.12-13's thresholds on the development tables only, run with {@code -Ptrain
 * -Dharness.overrides=ap,aq,ar,as,at,au,av -Dharness.exclude=aw,ax,ay,az,ba,bb,bc}: for each recipe of
 * {@link #RECIPES}, each named table is scored by a model trained on every other development table (a-av, never the
 * excluded fresh ones), and each point of {@link #grid()} combines the rules' readings with those probabilities.
 * The point chosen for a recipe has the lowest E (misses per opt-out plus twice the false stops per NONE, YES and
 * START row) over the folds among the points with clarifications at most 3 % there that keep
 * {@code OrdinaryRepliesTest}, the module's examples and {@code DevelopmentTableTest}'s floors green with the recipe
 * trained on a-av; within 0.001 of it, the grid's first (the grid lists 2026.12-11's settings and "never" first).
 * The grid adds to 2026.12-12's the three overrides of {@link SecondOpinion}: a guarded withdrawal the model is sure
 * of, a consent-word message the model is sure of, and a higher veto on a STOP beside a negation or a return.
 */
class OverridesTuningHarness {

    static final double TIE = 0.001;
    private static final double MAX_CLARIFICATIONS = 0.03;
    /** How many points, lowest E first, are asked whether they keep the module green (each asks a few hundred). */
    private static final int MAX_CHECKED = 5_000;

    /** The recipes tuned: 2026.12-11's and 2026.12-12's. */
    static final List<TrainingRecipe> RECIPES = List.of(ModelRecipes.WIDE_ENSEMBLE, ModelRecipes.RECENT_TWICE);

    private final Lexicons lexicons = Lexicons.load();

    @Test
    void choosesEachRecipesThresholdsLeavingOneTableOut() throws IOException {
        String named = System.getProperty("harness.overrides", "");
        Assumptions.assumeFalse(named.isBlank(), "no -Dharness.overrides=<table letters, the folds>");
        List<String> folds = Arrays.stream(named.split(",")).map(f -> "dev-" + f.strip()).toList();
        List<String> exclude = Arrays.stream(System.getProperty("harness.exclude", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<DevelopmentTables.Row> rows = RecogniserCandidates.developmentRows(exclude);
        assertThat(rows.stream().map(DevelopmentTables.Row::table).distinct().toList()).containsAll(folds)
                .noneMatch(t -> exclude.contains(t.replace("dev-", "")));
        IntentRecogniser rulesOnly = new IntentRecogniser(lexicons, null, SecondOpinion.RULES_ONLY);
        Map<DevelopmentTables.Row, IntentRules.Decision> rules = new HashMap<>();
        rows.forEach(row -> rules.put(row, rulesOnly.rulesDecision(row.message())));
        System.out.printf("Overrides tuning: %d development rows, folds %s, load %s%n", rows.size(), folds, load());
        long start = System.nanoTime();
        for (TrainingRecipe recipe : RECIPES) {
            List<HeldOutTableHarness.Scored> scored = leftOut(rows, folds, recipe, rules);
            OptOutModel full = OptOutModelTrainer.train(rows, recipe).model();
            System.out.printf("%s: folds and a-av trained (%.0f s)%n", recipe.name(), (System.nanoTime() - start) / 1e9);
            choose(lexicons, grid(), recipe.name(), scored, full, RecogniserCandidates.scored(rows, full, rulesOnly));
        }
    }

    /** Each row of the folds, read by a model of {@code recipe} trained on every other row. */
    static List<HeldOutTableHarness.Scored> leftOut(List<DevelopmentTables.Row> rows, List<String> folds,
            TrainingRecipe recipe, Map<DevelopmentTables.Row, IntentRules.Decision> rules) {
        return folds.parallelStream().map(fold -> {
            OptOutModel model = OptOutModelTrainer.train(
                    rows.stream().filter(row -> !row.table().equals(fold)).toList(), recipe).model();
            return rows.stream().filter(row -> row.table().equals(fold)).map(row -> new HeldOutTableHarness.Scored(
                    row, rules.get(row).intent(), rules.get(row).evidence(), model.probability(row.message()),
                    true)).toList();
        }).flatMap(List::stream).toList();
    }

    record Point(SecondOpinion opinion, WithdrawalScore score, double error) {
    }

    /**
     * The point of {@code grid} with the lowest E on the folds among those asking at most 3 % there and keeping the
     * module green with the model trained on every fold ({@code full}, in sample on {@code inSample}); within
     * {@link #TIE} of it, the grid's first.
     */
    static Point choose(Lexicons lexicons, List<SecondOpinion> grid, String name, List<HeldOutTableHarness.Scored> scored,
            OptOutModel full, List<HeldOutTableHarness.Scored> inSample) {
        List<Point> points = new ArrayList<>();
        for (SecondOpinion opinion : grid) {
            WithdrawalScore s = RecogniserCandidates.score(scored, opinion);
            if (s.clarificationRate() <= MAX_CLARIFICATIONS) {
                points.add(new Point(opinion, s, ModelCandidatesHarness.error(s)));
            }
        }
        for (SecondOpinion fixed : List.of(CombinationVariants.NINE, CombinationVariants.TWELVE)) {
            WithdrawalScore s = RecogniserCandidates.score(scored, fixed);
            System.out.printf("  %s with %s: %s  (%s)%n", name, fixed, ModelCandidatesHarness.line(s),
                    RecogniserCandidates.blockers(new IntentRecogniser(lexicons, full, fixed), inSample, fixed));
        }
        List<Point> byError = points.stream().sorted(Comparator.comparingDouble(Point::error)).toList();
        byError.stream().limit(10).forEach(p -> System.out.printf("    %s  %s%n", p.opinion(),
                ModelCandidatesHarness.line(p.score())));
        Map<Point, Boolean> green = new HashMap<>();
        Point lowest = null;
        int blocked = 0;
        for (Point p : byError.subList(0, Math.min(byError.size(), MAX_CHECKED))) {
            String blockers = RecogniserCandidates.blockers(new IntentRecogniser(lexicons, full, p.opinion()), inSample,
                    p.opinion());
            green.put(p, blockers.equals("green"));
            if (lowest == null && !blockers.equals("green") && blocked++ < 10) {
                System.out.printf("    blocked %s: %s%n", p.opinion(), blockers);
            }
            if (lowest != null && p.error() > lowest.error() + TIE) {
                break;
            }
            if (lowest == null && green.get(p)) {
                lowest = p;
            }
        }
        assertThat(lowest).as("a point keeping the module green").isNotNull();
        double bound = lowest.error() + TIE;
        Point chosen = points.stream().filter(p -> p.error() <= bound && Boolean.TRUE.equals(green.get(p)))
                .findFirst().orElseThrow();
        System.out.printf("  chosen for %s: %s  %s%n", name, chosen.opinion(),
                ModelCandidatesHarness.line(chosen.score()));
        HeldOutTableHarness.printBreakdown(scored, chosen.opinion(), false, "chosen point, folds");
        return chosen;
    }

    /** 2026.12-12's grid, and each override from "never" (or the plain veto) up; 2026.12-11's settings first. */
    static List<SecondOpinion> grid() {
        List<SecondOpinion> grid = new ArrayList<>();
        for (double stop : new double[] {0.70, 0.60, 0.80}) {
            for (double doubt : new double[] {0.80, 0.90}) {
                for (double veto : new double[] {0.04, 0.02, 0.06, 0.08}) {
                    for (double uncued : new double[] {0.75, 0.80, 0.90}) {
                        for (double askUncued : new double[] {0.50, 0.75}) {
                            for (double vetoErase : new double[] {0, 0.04, 0.08}) {
                                for (double guarded : new double[] {SecondOpinion.NEVER, 0.98, 0.95, 0.90, 0.85}) {
                                    for (double assent : new double[] {SecondOpinion.NEVER, 0.98, 0.95, 0.90}) {
                                        for (double contrary : new double[] {0, 0.10, 0.20, 0.30, 0.50}) {
                                            grid.add(new SecondOpinion(stop, 0.50, doubt, veto, uncued, askUncued,
                                                    uncued, askUncued, vetoErase, guarded, assent, contrary));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return grid;
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
