package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Where 2026.12-14's clarifications come from, and its thresholds, on the development tables only (a-bc, never the
 * fresh tables {@link DevelopmentTables#FRESH}), run with {@code -Ptrain
 * -Dharness.clarify=aw,ax,ay,az,ba,bb,bc}: each named table is read by a model of {@link #RECIPE} trained on every
 * other development table, and each ordinary message (NONE, YES, START) the combination asks about is counted by
 * why: the rules' doubt (an UNCERTAIN of the rules the model did not lift to STOP), or the model's ask band where
 * the rules found nothing (beside a word of withdrawal or negation, or with none). The same for 2026.12-11's
 * committed model, which never saw aw-bc. Then {@link OverridesTuningHarness#choose} picks the point of
 * {@link #grid()}: the lowest E with at most 3 % clarifications on the folds, the module green with the model
 * trained on a-bc. Prints aggregates only.
 */
class ClarificationsHarness {

    /** 2026.12-12's recipe, the lower E of the two on the folds in 2026.12-13's round. */
    static final TrainingRecipe RECIPE = ModelRecipes.RECENT_TWICE;

    /**
     * The veto on a STOP of the rules that names the messages ({@link SecondOpinion#vetoNamed()}), 2026.12-17: on the
     * folds bk-bx (each scored by a model trained on the rest of a-bx, -15's point otherwise) 0.03 heard two opt-outs
     * more than the plain veto 0.08 for no false stop more (0.04 one, 0.02 and 0.01 one false stop more, none at all
     * six), and keeps "Keine Nachrichten mehr an meine Adresse" (0.053 with the model trained on a-bx).
     */
    static final double VETO_NAMED = 0.03;

    private static final double[] BINS = {0.05, 0.10, 0.20, 0.30, 0.50, 0.80, 1.01};

    @Test
    void countsTheClarificationsBySourceAndChoosesThresholds() throws IOException {
        String named = System.getProperty("harness.clarify", "");
        Assumptions.assumeFalse(named.isBlank(), "no -Dharness.clarify=<table letters, the folds>");
        List<String> folds = Arrays.stream(named.split(",")).map(f -> "dev-" + f.strip()).toList();
        List<DevelopmentTables.Row> rows = RecogniserCandidates.developmentRows(List.of());
        List<String> tables = rows.stream().map(DevelopmentTables.Row::table).distinct().toList();
        assertThat(tables).containsAll(folds).noneMatch(t -> DevelopmentTables.FRESH.stream()
                .anyMatch(f -> f.endsWith("-" + t.replace("dev-", "") + ".tsv")));
        Lexicons lexicons = Lexicons.load();
        IntentRecogniser rulesOnly = new IntentRecogniser(lexicons, null, SecondOpinion.RULES_ONLY);
        Map<DevelopmentTables.Row, IntentRules.Decision> rules = new HashMap<>();
        rows.forEach(row -> rules.put(row, rulesOnly.rulesDecision(row.message())));
        System.out.printf("Clarifications: %d development rows (%s to %s), folds %s, load %s%n", rows.size(),
                tables.get(0), tables.get(tables.size() - 1), folds, OverridesTuningHarness.load());
        long start = System.nanoTime();
        List<HeldOutTableHarness.Scored> committed = rows.stream().filter(r -> folds.contains(r.table()))
                .map(r -> new HeldOutTableHarness.Scored(r, rules.get(r).intent(), rules.get(r).evidence(),
                        OptOutModel.standard().probability(r.message()), true)).toList();
        sources("the committed model (never saw the folds), -11's thresholds", committed, CombinationVariants.NINE);
        sources("the committed model (never saw the folds), -15's point", committed, RecogniserCandidates.POINT_15);
        sources("the committed model (never saw the folds), -17's point", committed, RecogniserCandidates.POINT_17);
        // 2026.12-20: -Dharness.recipe=newest reads the folds with the newest tables weighing three times; 2026.12-21:
        // =near with near misses x2 too, =newest4 with the newest tables x4
        TrainingRecipe recipe = switch (System.getProperty("harness.recipe", "")) {
            case "newest" -> ModelRecipes.NEWEST_THRICE;
            case "near" -> ModelRecipes.NEWEST_NEAR_MISSES;
            case "newest4" -> ModelRecipes.NEWEST_FOUR;
            case "pairs" -> ModelRecipes.WORD_PAIRS; // 2026.12-22
            case "indirect" -> ModelRecipes.INDIRECT_TWICE;
            default -> RECIPE;
        };
        // 2026.12-21: -Dharness.apart=true scores every fold with one model trained on the tables outside them all
        List<HeldOutTableHarness.Scored> scored = Boolean.getBoolean("harness.apart") ? apart(rows, folds, recipe, rules)
                : OverridesTuningHarness.leftOut(rows, folds, recipe, rules);
        OptOutModel full = OptOutModelTrainer.train(rows, recipe).model();
        System.out.printf("%s: folds and a-bc trained (%.0f s)%n", recipe.name(), (System.nanoTime() - start) / 1e9);
        sources(recipe.name() + ", folds, -11's thresholds", scored, CombinationVariants.NINE);
        sources(recipe.name() + ", folds, -13's harness point", scored, RecogniserCandidates.HARNESS_POINT);
        sources(recipe.name() + ", folds, -14's point", scored, RecogniserCandidates.POINT_14);
        sources(recipe.name() + ", folds, -15's point", scored, RecogniserCandidates.POINT_15);
        sources(recipe.name() + ", folds, -17's point", scored, RecogniserCandidates.POINT_17);
        OverridesTuningHarness.Point chosen = OverridesTuningHarness.choose(lexicons, grid(), recipe.name(), scored,
                full, RecogniserCandidates.scored(rows, full, rulesOnly));
        sources(recipe.name() + ", folds, the chosen point", scored, chosen.opinion());
        System.out.printf("done (%.0f s), load %s%n", (System.nanoTime() - start) / 1e9, OverridesTuningHarness.load());
    }

    /** Each row of the folds, read by one model of {@code recipe} trained on every row outside the folds. */
    private static List<HeldOutTableHarness.Scored> apart(List<DevelopmentTables.Row> rows, List<String> folds,
            TrainingRecipe recipe, Map<DevelopmentTables.Row, IntentRules.Decision> rules) {
        OptOutModel model = OptOutModelTrainer.train(rows.stream().filter(row -> !folds.contains(row.table())).toList(),
                recipe).model();
        return rows.stream().filter(row -> folds.contains(row.table())).map(row -> new HeldOutTableHarness.Scored(row,
                rules.get(row).intent(), rules.get(row).evidence(), model.probability(row.message()), true)).toList();
    }

    /** Ordinary messages asked about, by why; and the rules' doubt by the model's probability, ordinary and opt-out. */
    private static void sources(String what, List<HeldOutTableHarness.Scored> scored, SecondOpinion opinion) {
        Map<String, Integer> asked = new TreeMap<>();
        Map<String, Integer> stops = new TreeMap<>();
        int ordinary = 0;
        int[][] doubt = new int[2][BINS.length];
        for (HeldOutTableHarness.Scored r : scored) {
            if (r.ordinary()) {
                ordinary++;
            }
            if (r.rules() == Intent.UNCERTAIN && (r.ordinary() || r.optOut())) {
                int bin = 0;
                while (r.p() >= BINS[bin]) {
                    bin++;
                }
                doubt[r.optOut() ? 1 : 0][bin]++;
            }
            Intent got = r.ordinary() ? opinion.combine(r.rules(), r.seen(), r.p()) : Intent.NONE;
            if (got == Intent.STOP || got == Intent.ERASE) {
                // 2026.12-21: the false stops by cause, aggregated
                stops.merge(r.rules() == got ? "the rules' own " + got + ", not vetoed"
                        : r.rules() == Intent.UNCERTAIN ? "the rules' doubt lifted by the model"
                        : r.seen().cue() ? "the model's, a word of withdrawal or negation stands"
                        : "the model's, no such word", 1, Integer::sum);
            }
            if (got != Intent.UNCERTAIN) {
                continue;
            }
            String why = r.rules() == Intent.UNCERTAIN ? "the rules' doubt"
                    : r.seen().cue() ? "model's ask band, a word of withdrawal or negation stands"
                    : r.seen().words() <= SecondOpinion.SHORT ? "model's ask band, no such word, short"
                    : "model's ask band, no such word";
            asked.merge(why, 1, Integer::sum);
        }
        int total = ordinary;
        System.out.printf("  %s: %s%n", what, ModelCandidatesHarness.line(RecogniserCandidates.score(scored, opinion)));
        asked.forEach((why, n) -> System.out.printf("    asked: %-60s %4d of %d ordinary (%.2f %%)%n", why, n, total,
                100.0 * n / total));
        stops.forEach((why, n) -> System.out.printf("    stopped: %-58s %4d of %d ordinary%n", why, n, total));
        System.out.printf("    the rules' UNCERTAIN by the model's probability (upper bounds %s):%n      ordinary %s%n"
                + "      opt-outs %s%n", Arrays.toString(BINS), Arrays.toString(doubt[0]), Arrays.toString(doubt[1]));
    }

    /**
     * -13's harness point's neighbourhood with the ways to ask less: a higher ask band beside a word of withdrawal
     * (since 2026.12-15 up to none at all, and a STOP there from 0.80 too: with models trained on a-bj no point of
     * -14's grid kept the module's "Ich bekomme schon wieder Nachrichten von euch" NONE),
     * with none, and with none in a reply of {@value SecondOpinion#SHORT} words or fewer (at {@code stopShort} it
     * never asks), and the rules' doubt resolved by a model sure it is no opt-out ({@code clearDoubt}). 2026.12-11's
     * settings and "never" first.
     */
    static List<SecondOpinion> grid() {
        List<SecondOpinion> grid = new ArrayList<>();
        for (double clear : new double[] {0, 0.10}) {
            for (double ask : new double[] {0.50, 0.60, 0.70, 0.80}) {
                for (double askUncued : new double[] {0.50, 0.60, 0.70}) {
                    for (double askShort : new double[] {0.50, 0.60, 0.70, 0.80}) {
                        for (double stop : new double[] {0.70, 0.60, 0.80}) {
                            for (double veto : new double[] {0.04, 0.08}) {
                                for (double uncued : new double[] {0.75, 0.80}) {
                                    for (double vetoErase : new double[] {0, 0.04, 0.08}) {
                                        for (double assent : new double[] {SecondOpinion.NEVER, 0.95}) {
                                            // 2026.12-15: also no ask band beside a word of withdrawal
                                            if ((ask < stop || ask == stop && ask > 0.60) && askUncued < uncued) {
                                                // 2026.12-17: a STOP naming the messages vetoed as any, or under 0.03
                                                for (double named : new double[] {veto, VETO_NAMED}) {
                                                    grid.add(new SecondOpinion(stop, ask, 0.80, veto, uncued,
                                                            askUncued, uncued, Math.min(askShort, uncued), vetoErase,
                                                            SecondOpinion.NEVER, assent, 0, clear, named));
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return grid.stream().distinct().toList();
    }
}
