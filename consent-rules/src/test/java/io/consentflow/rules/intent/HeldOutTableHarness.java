package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.WithdrawalScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The honest judge of the model and of how it is combined with the rules, run only with {@code -Ptrain}: leave one
 * table out. For each lettered development table, a model is trained on every other table and scores the one left
 * out; the rules' reading of each row is combined with that out-of-sample probability by each candidate
 * {@link SecondOpinion}, and recall, false stops and clarifications are printed pooled over all folds (and per
 * language and per table for the thresholds that ship). The thresholds of {@link SecondOpinion#STANDARD} are chosen
 * here. Caveat printed with the figures: the rules themselves were tuned on these tables, so their share of each
 * fold is in-sample; what the harness measures honestly is what the model adds on top. With
 * {@code -Dharness.rules=<file>} (lines: table letter, tab, message, tab, intent) the rules' readings of the rows
 * it names are taken from an older recogniser instead, such as one that never saw those tables. Since 2026.12-8 a
 * YES or START row read as STOP or ERASE counts as a false stop (a customer who consents is never to be read as
 * withdrawing), and the figures are printed per table (fold) and per set of tables that arrived together.
 */
class HeldOutTableHarness {

    private static final double[] STOPS = {0.60, 0.70, 0.75, 0.80, 0.90, 2};
    private static final double[] ASKS = {0.50, 2};
    private static final double[] DOUBTS = {0.80, 0.90};
    private static final double[] VETOES = {0, 0.05, 0.10, 0.15, 0.20};
    private static final double[] UNCUED = {0.80, 0.90, 2};
    private static final double[] ASKS_UNCUED = {0.50, 0.75};
    /** 2026.12-7's thresholds; with {@link #ungated} evidence, its combination exactly (no gate). */
    private static final SecondOpinion SEVEN = new SecondOpinion(0.75, 0.50, 0.90, 0.05, 0.75, 0.50, 0.75, 0.50);

    @Test
    void judgesTheSecondOpinionOnTablesItNeverSaw() throws IOException {
        Map<String, List<DevelopmentTables.Row>> tables = new LinkedHashMap<>();
        for (String resource : DevelopmentTables.TABLES) {
            List<DevelopmentTables.Row> rows = DevelopmentTables.read(resource);
            if (!rows.isEmpty()) {
                tables.put(rows.get(0).table(), rows);
            }
        }
        Map<String, String> olderRules = olderRules();
        // the rules alone: the harness must not depend on the model resource it is about to judge. An older reading
        // says no more than its intent: whether a guard spoke, and which words stand, is today's lexicons' word
        IntentRecogniser recogniser = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);
        List<Scored> scored = new ArrayList<>();
        for (String fold : tables.keySet()) {
            if (!fold.startsWith("dev-")) {
                continue; // the lexicon author's own tables are always trained on, never left out
            }
            List<DevelopmentTables.Row> training = new ArrayList<>();
            tables.forEach((table, rows) -> {
                if (!table.equals(fold)) {
                    training.addAll(rows);
                }
            });
            OptOutModel model = OptOutModelTrainer.train(training).model();
            for (DevelopmentTables.Row row : tables.get(fold)) {
                String older = olderRules.get(row.table().substring(4) + "\t" + row.message());
                IntentRules.Decision decision = recogniser.rulesDecision(row.message());
                Intent rules = older != null ? Intent.valueOf(older) : decision.intent();
                IntentRules.Evidence seen = decision.evidence();
                seen = new IntentRules.Evidence(seen.guarded() && rules == Intent.NONE, seen.cue(), seen.assent(),
                        seen.words(), seen.contrary(), seen.named() && rules == decision.intent());
                scored.add(new Scored(row, rules, seen, model.probability(row.message()), older != null));
            }
        }
        assertThat(scored).as("rows left out").hasSizeGreaterThan(1000);
        dump(scored);
        judge(scored, tables.size() - 2, "all tables, the rules in-sample where tuned on the table");
        List<Scored> unseen = scored.stream().filter(Scored::rulesNeverSawIt).toList();
        if (!unseen.isEmpty()) {
            judge(unseen, (int) unseen.stream().map(r -> r.row().table()).distinct().count(),
                    "only the rows read by a recogniser that never saw their table: both halves out of sample");
        }
    }

    private static void judge(List<Scored> scored, int folds, String which) {

        System.out.printf("Leave one table out: %d rows in %d folds, %s%n", scored.size(), folds, which);
        System.out.println("  model alone: threshold  recall  false-stops");
        for (double t : new double[] {0.5, 0.7, 0.8, 0.9, 0.95, 0.98}) {
            WithdrawalScore s = new WithdrawalScore();
            scored.forEach(r -> s.add(r.optOut(), r.ordinary(), r.p >= t ? Intent.STOP : Intent.NONE));
            System.out.printf("    %.2f  %.3f  %.3f%n", t, s.recall(), s.falseStopRate());
        }
        System.out.println("  stop   ask   doubt  veto   uncued ask-uncued  recall  false-stops  clarifications");
        for (double stop : STOPS) {
            for (double ask : ASKS) {
                for (double doubt : DOUBTS) {
                    for (double uncued : UNCUED) {
                        for (double askUncued : ASKS_UNCUED) {
                            if ((ask < stop || ask == 2 && stop == 2) && uncued >= stop && askUncued < uncued) {
                                for (double veto : VETOES) {
                                    WithdrawalScore s = score(scored, new SecondOpinion(stop, Math.min(ask, stop),
                                            doubt, veto, uncued, askUncued, 2, Math.max(askUncued, 0.90)), false);
                                    System.out.printf("  %.2f  %.2f  %.2f  %.2f  %.2f  %.2f   %.4f  %.4f  %.4f%n", stop,
                                            Math.min(ask, stop), doubt, veto, uncued, askUncued, s.recall(),
                                            s.falseStopRate(), s.clarificationRate());
                                }
                            }
                        }
                    }
                }
            }
        }
        printBreakdown(scored, SecondOpinion.RULES_ONLY, false, "rules alone");
        printBreakdown(scored, SEVEN, true, "rules with the model as 2026.12-7 combined them (no gate)");
        printBreakdown(scored, SecondOpinion.STANDARD, false, "rules with the model, as shipped");
        CombinationVariants.ALL.forEach((name, opinion) -> printBreakdown(scored, opinion, false, "variant " + name));
    }

    /**
     * Per table (fold), per set of tables that arrived together, and per language: recall, false stops (with their
     * count, YES and START rows read as STOP or ERASE included) and clarifications.
     */
    static void printBreakdown(List<Scored> scored, SecondOpinion opinion, boolean ungated, String what) {
        System.out.println("  " + what + ", per table, per set of tables and per language (recall  false stops  clarifications):");
        Map<String, WithdrawalScore> perTable = new TreeMap<>();
        Map<String, WithdrawalScore> perSet = new TreeMap<>();
        Map<String, WithdrawalScore> perLanguage = new TreeMap<>();
        WithdrawalScore all = new WithdrawalScore();
        for (Scored r : scored) {
            Intent got = opinion.combine(r.rules, ungated ? ungated(r.seen) : r.seen, r.p);
            String table = r.row.table();
            for (WithdrawalScore s : List.of(perTable.computeIfAbsent(table, k -> new WithdrawalScore()),
                    perSet.computeIfAbsent(setOf(table), k -> new WithdrawalScore()),
                    perLanguage.computeIfAbsent(r.row.language(), k -> new WithdrawalScore()), all)) {
                s.add(r.optOut(), r.ordinary(), got);
            }
        }
        perTable.putAll(perSet);
        perTable.put("all", all);
        perTable.forEach((k, s) -> System.out.printf("    %-9s %.4f (%5d of %5d)  %.4f (%3d of %4d)  %.4f%n", k,
                s.recall(), s.hits, s.optOuts, s.falseStopRate(), s.falseStops, s.ordinary, s.clarificationRate()));
        perLanguage.entrySet().stream().min(Map.Entry.comparingByValue(
                java.util.Comparator.comparingDouble(WithdrawalScore::recall))).ifPresent(lowest -> System.out.printf(
                        "    lowest language %s %.3f%n", lowest.getKey(), lowest.getValue().recall()));
        StringBuilder line = new StringBuilder("    ");
        perLanguage.forEach((k, s) -> line.append(String.format("%s %.3f/%.3f  ", k, s.recall(), s.falseStopRate())));
        System.out.println(line);
    }

    /** The tables that arrived together and were first scored by the same recogniser. */
    private static String setOf(String table) {
        if (table.length() > "dev-a".length()) {
            // the sets from ap on arrived one round at a time (CandidateRounds names each round's): one bucket here
            return table.compareTo("dev-ac") < 0 ? "set aa-ab" : table.compareTo("dev-ai") < 0 ? "set ac-ah"
                    : table.compareTo("dev-ap") < 0 ? "set ai-ao" : "sets ap-";
        }
        char letter = table.charAt(table.length() - 1);
        return letter < 'e' ? "set a-d" : letter < 'i' ? "set e-h" : letter < 'm' ? "set i-l" : letter < 'q' ? "set m-p"
                : letter < 'u' ? "set q-t" : letter < 'y' ? "set u-x" : "set y-z";
    }

    /** Evidence that opens no gate: with {@link #SEVEN}, 2026.12-7's combination. */
    private static IntentRules.Evidence ungated(IntentRules.Evidence seen) {
        return new IntentRules.Evidence(seen.guarded(), true, false, Integer.MAX_VALUE);
    }

    private static WithdrawalScore score(List<Scored> scored, SecondOpinion opinion, boolean ungated) {
        WithdrawalScore s = new WithdrawalScore();
        for (Scored r : scored) {
            s.add(r.optOut(), r.ordinary(), opinion.combine(r.rules, ungated ? ungated(r.seen) : r.seen, r.p));
        }
        return s;
    }

    /** With {@code -Dharness.dump=<file>}: each row left out, its label, the rules' reading and the probability. */
    private static void dump(List<Scored> scored) throws IOException {
        String file = System.getProperty("harness.dump");
        if (file == null || file.isBlank()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (Scored r : scored) {
            out.append(String.join("\t", r.row().table(), r.row().language(), r.row().expected().name(),
                    r.rules().name(), Boolean.toString(r.seen().guarded()), Boolean.toString(r.seen().cue()),
                    Boolean.toString(r.seen().assent()), Integer.toString(r.seen().words()),
                    String.format(java.util.Locale.ROOT, "%.5f", r.p()),
                    Boolean.toString(r.rulesNeverSawIt()), r.row().message())).append('\n');
        }
        Files.writeString(Path.of(file), out.toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> olderRules() throws IOException {
        String file = System.getProperty("harness.rules");
        Map<String, String> readings = new HashMap<>();
        if (file == null || file.isBlank()) {
            return readings;
        }
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
            int last = line.lastIndexOf('\t');
            if (last > 0) {
                readings.put(line.substring(0, last), line.substring(last + 1));
            }
        }
        return readings;
    }

    /** A row left out, the rules' reading of it, the probability of a model that never saw it. */
    record Scored(DevelopmentTables.Row row, Intent rules, IntentRules.Evidence seen, double p,
            boolean rulesNeverSawIt) {

        boolean optOut() {
            return OptOutModelTrainer.optOut(row);
        }

        /**
         * Whether withdrawing on this row would unsubscribe someone who did not ask: an ordinary message, and since
         * 2026.12-8 a confirmation or a request to come back too (a customer who consents is never read as
         * withdrawing). The sealed set's scoring (the issue's) counts ordinary messages only.
         */
        boolean ordinary() {
            return row.expected() == Intent.NONE || row.expected() == Intent.YES || row.expected() == Intent.START;
        }
    }
}
