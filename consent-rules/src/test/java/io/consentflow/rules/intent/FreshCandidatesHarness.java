package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.WithdrawalScore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Applies 2026.12-13's rule ({@link ModelRecipes}), run only with {@code -Ptrain -Dharness.fresh13=aw,ax,ay,az,ba,bb,bc},
 * 2026.12-14's with {@code -Ptrain -Dharness.fresh14=bd,be,bf,bg,bh,bi,bj}, or 2026.12-15's with {@code -Ptrain
 * -Dharness.fresh15=bk,bl,bm,bn,bo,bp,bq -Dharness.committed11=<E>,<clarification rate>} (2026.12-11 as committed,
 * main's rules included, as the lead scored it on arrival; {@link RecogniserCandidates#ROUND_15}), or 2026.12-16's
 * with {@code -Ptrain -Dharness.fresh16=br,bs,bt,bu,bv,bw,bx -Dharness.committed15=<E>,<clarification rate>}
 * (2026.12-15 as committed, likewise; {@link RecogniserCandidates#ROUND_16}), or 2026.12-17's with {@code -Ptrain
 * -Dharness.fresh17=by,bz,ca,cb,cc,cd,ce -Dharness.committed15=<E>,<clarification rate>}
 * ({@link RecogniserCandidates#ROUND_17}), or a round of {@link CandidateRounds#ROUNDS} (2026.12-18 on) with
 * {@code -Ptrain -Dharness.fresh<round>=<letters> -D<its committed property>=<E>,<clarification rate>}, such as
 * 2026.12-21's {@code -Dharness.fresh21=cz,da,db,dc,dd,de -Dharness.committed19=<E>,<clarification rate>}:
 * each of {@link RecogniserCandidates#ALL} (or {@link RecogniserCandidates#ROUND_14}; its model trained on every
 * development table a model may learn from, never the named fresh ones, or 2026.12-11's committed model) reads the
 * fresh tables; it prints aggregates only (per table, per language, pooled: recall, false stops, clarifications, E),
 * never a row, and the winner by the rule: the lowest E among the eligible (clarifications at most 3 % on the fresh
 * tables, for 2026.12-14 at most the higher of 3 % and 2026.12-11's own rate there; {@code OrdinaryRepliesTest}, the
 * module's examples and {@code DevelopmentTableTest}'s floors on the tables its model was trained on green), ties
 * within 0.001 to the lower E on the harness ({@link RecogniserCandidates#harnessError()}), then to the candidate
 * listed first.
 */
class FreshCandidatesHarness {

    private static final double MAX_CLARIFICATIONS = 0.03;

    @Test
    void picksTheWinnerOnTheFreshTablesByTheCommittedRule() throws IOException {
        String named13 = System.getProperty("harness.fresh13", "");
        CandidateRounds round = CandidateRounds.named();
        String named17 = System.getProperty("harness.fresh17", round == null ? "" : round.fresh());
        String named16 = System.getProperty("harness.fresh16", named17);
        String named15 = System.getProperty("harness.fresh15", named16);
        String named = System.getProperty("harness.fresh14", named13.isBlank() ? named15 : named13);
        Assumptions.assumeFalse(named.isBlank(), "no -Dharness.fresh16=<fresh table letters>");
        boolean round14 = named13.isBlank();
        boolean round15 = !named15.isBlank();
        boolean round16 = !named16.isBlank();
        List<RecogniserCandidates> candidates = round != null ? round.candidates()
                : !named17.isBlank() ? RecogniserCandidates.ROUND_17
                : round16 ? RecogniserCandidates.ROUND_16
                : round15 ? RecogniserCandidates.ROUND_15 : round14 ? RecogniserCandidates.ROUND_14
                : RecogniserCandidates.ALL;
        List<String> fresh = Arrays.stream(named.split(",")).map(String::strip).toList();
        if (round14) {
            assertThat(fresh.stream().map(f -> "/development/withdrawal-development-" + f + ".tsv").toList())
                    .as("the fresh tables").isEqualTo(DevelopmentTables.FRESH);
        }
        // 2026.12-15: 2026.12-11 as committed (main's rules too) is scored by the lead on main on arrival: "E,clar"
        // 2026.12-16: 2026.12-15 as committed, likewise ("-Dharness.committed15=E,clar")
        String[] committed = System.getProperty(round != null ? round.committedProperty()
                : round16 ? "harness.committed15" : "harness.committed11", "").split(",");
        String header;
        try (InputStream in = OptOutModel.class.getResourceAsStream("model/opt-out.model")) {
            header = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        List<DevelopmentTables.Row> freshRows = new ArrayList<>();
        for (String letters : fresh) {
            String table = "/development/withdrawal-development-" + letters + ".tsv";
            assertThat(header).as("the committed model never saw " + table).doesNotContain(table.substring(1) + " (");
            List<DevelopmentTables.Row> rows = DevelopmentTables.read(table);
            assertThat(rows).as(table).isNotEmpty();
            freshRows.addAll(rows);
        }
        List<DevelopmentTables.Row> training = RecogniserCandidates.developmentRows(fresh);
        assertThat(training).as("no fresh row is trained on").noneMatch(row -> fresh.contains(row.table().replace(
                "dev-", "")));
        List<DevelopmentTables.Row> committedTables = new ArrayList<>();
        for (String table : DevelopmentTables.TABLES) {
            committedTables.addAll(DevelopmentTables.read(table));
        }
        Lexicons lexicons = Lexicons.load();
        IntentRecogniser rulesOnly = new IntentRecogniser(lexicons, null, SecondOpinion.RULES_ONLY);
        System.out.printf("Fresh candidates: trained on %d rows, judged on %d rows of %s, load %s%n",
                training.size(), freshRows.size(), named, OverridesTuningHarness.load());
        Map<TrainingRecipe, OptOutModel> models = new ConcurrentHashMap<>();
        candidates.stream().filter(c -> CandidateRounds.unseenBy(c).isEmpty()).map(RecogniserCandidates::recipe)
                .filter(r -> r != null).distinct().toList()
                .parallelStream().forEach(recipe -> models.put(recipe, OptOutModelTrainer.train(training, recipe)
                        .model()));
        // 2026.12-22: 2026.12-21's committed model, retrained on the tables it was trained on (a-cy); 2026.12-23:
        // 2026.12-22's (a-de) likewise
        RecogniserCandidates committedModel = candidates.stream()
                .filter(c -> !CandidateRounds.unseenBy(c).isEmpty()).findFirst().orElse(null);
        List<DevelopmentTables.Row> training21 = committedModel == null ? List.of() : training.stream()
                .filter(row -> !CandidateRounds.unseenBy(committedModel).contains(row.table())).toList();
        OptOutModel model21 = committedModel == null ? null
                : OptOutModelTrainer.train(training21, committedModel.recipe()).model();
        Map<RecogniserCandidates, Double> eligible = new LinkedHashMap<>();
        double maxClarifications = MAX_CLARIFICATIONS;
        for (RecogniserCandidates candidate : candidates) {
            boolean as21 = candidate == committedModel;
            OptOutModel model = as21 ? model21 : candidate.recipe() == null ? OptOutModel.standard()
                    : models.get(candidate.recipe());
            List<HeldOutTableHarness.Scored> scored = RecogniserCandidates.scored(freshRows, model, rulesOnly);
            WithdrawalScore s = RecogniserCandidates.score(scored, candidate.opinion());
            boolean asCommitted = candidate == candidates.get(0);
            if (round15 && asCommitted) {
                assertThat(committed).as("-Dharness.committed1x=<E>,<clarification rate> as the lead scored it")
                        .hasSize(2);
                maxClarifications = Math.max(MAX_CLARIFICATIONS, Double.parseDouble(committed[1]));
                System.out.printf("  %s, scored by the lead on main: E %s, clarifications %s; clarifications"
                        + " allowed: %.4f; with this branch's rules, for the record:%n", candidate.name(),
                        committed[0], committed[1], maxClarifications);
            } else if (round14 && candidate.recipe() == null && !round15) {
                // 2026.12-14's bound: at most the higher of 3 % and what 2026.12-11 asks on the same fresh rows
                maxClarifications = Math.max(MAX_CLARIFICATIONS, s.clarificationRate());
                System.out.printf("  clarifications allowed: %.4f%n", maxClarifications);
            }
            String blockers = RecogniserCandidates.blockers(new IntentRecogniser(lexicons, model, candidate.opinion()),
                    RecogniserCandidates.scored(candidate.recipe() == null ? committedTables : as21 ? training21
                            : training, model, rulesOnly), candidate.opinion());
            boolean ok = blockers.equals("green") && s.clarificationRate() <= maxClarifications;
            System.out.printf("  %-50s %s  harness E %.4f  %s%n", candidate.name(), ModelCandidatesHarness.line(s),
                    candidate.harnessError(), ok ? "eligible" : "NOT eligible: " + blockers);
            HeldOutTableHarness.printBreakdown(scored, candidate.opinion(), false, candidate.name());
            if (round15 && asCommitted) {
                eligible.put(candidate, Double.parseDouble(committed[0])); // eligible: main's suite is green
            } else if (ok) {
                eligible.put(candidate, ModelCandidatesHarness.error(s));
            }
        }
        if (eligible.isEmpty()) {
            System.out.println("No candidate is eligible by the rule: no winner, the sealed set is not read");
            return;
        }
        double best = eligible.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        RecogniserCandidates winner = eligible.entrySet().stream()
                .filter(e -> e.getValue() <= best + OverridesTuningHarness.TIE).map(Map.Entry::getKey)
                .min(java.util.Comparator.comparingDouble(RecogniserCandidates::harnessError)).orElseThrow();
        System.out.printf("Winner by the rule: %s (E %.4f on %s)%n", winner.name(), eligible.get(winner), named);
    }
}
