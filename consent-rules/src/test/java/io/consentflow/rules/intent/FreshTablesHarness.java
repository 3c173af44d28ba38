package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The one fresh measurement of a combination, run only with {@code -Ptrain -Dharness.fresh=aa,ab}: the rules and the
 * model as committed read the named development tables, which neither has seen, and each of
 * {@link CombinationVariants} combines the two; recall, false stops (NONE, YES and START rows read as STOP or ERASE)
 * and clarifications are printed per table, per language and pooled, with whether {@code OrdinaryRepliesTest} would
 * pass with that combination; with {@code -Dharness.misses=true} also each development row 2026.12-11's thresholds
 * miss or take for a withdrawal (development tables only, never the sealed set). It refuses to run when the committed model was
 * trained on a named table (its provenance header names it), since then nothing here is out of sample.
 */
class FreshTablesHarness {

    @Test
    void judgesTheVariantsOnTablesTheCommittedModelNeverSaw() throws IOException {
        String fresh = System.getProperty("harness.fresh", "");
        Assumptions.assumeFalse(fresh.isBlank(), "no -Dharness.fresh=<table letters>");
        String header;
        try (InputStream in = OptOutModel.class.getResourceAsStream("model/opt-out.model")) {
            header = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        IntentRecogniser recogniser = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);
        OptOutModel model = OptOutModel.standard();
        List<HeldOutTableHarness.Scored> scored = new ArrayList<>();
        for (String letters : fresh.split(",")) {
            String table = "/development/withdrawal-development-" + letters.strip() + ".tsv";
            assertThat(header).as("the committed model never saw " + table).doesNotContain(table.substring(1) + " (");
            List<DevelopmentTables.Row> rows = DevelopmentTables.read(table);
            assertThat(rows).as(table).isNotEmpty();
            for (DevelopmentTables.Row row : rows) {
                IntentRules.Decision decision = recogniser.rulesDecision(row.message());
                scored.add(new HeldOutTableHarness.Scored(row, decision.intent(), decision.evidence(),
                        model.probability(row.message()), true));
            }
        }
        System.out.printf("Fresh tables %s, %d rows, recogniser %s's rules and model as committed%n", fresh,
                scored.size(), IntentRecogniser.VERSION);
        HeldOutTableHarness.printBreakdown(scored, SecondOpinion.RULES_ONLY, false, "rules alone");
        // the recogniser as it ships: its rules, its model and SecondOpinion.STANDARD
        HeldOutTableHarness.printBreakdown(scored, SecondOpinion.STANDARD, false,
                "as committed (" + IntentRecogniser.VERSION + ", SecondOpinion.STANDARD)");
        Lexicons lexicons = Lexicons.load();
        CombinationVariants.ALL.forEach((name, opinion) -> {
            HeldOutTableHarness.printBreakdown(scored, opinion, false, "variant " + name);
            IntentRecogniser variant = new IntentRecogniser(lexicons, model, opinion);
            System.out.printf("    OrdinaryRepliesTest: %s%n", ordinaryRepliesWithdrawn(variant));
        });
        for (HeldOutTableHarness.Scored r : Boolean.getBoolean("harness.misses") ? scored
                : List.<HeldOutTableHarness.Scored>of()) {
            Intent got = CombinationVariants.NINE.combine(r.rules(), r.seen(), r.p());
            boolean heard = got == Intent.STOP || got == Intent.ERASE;
            if (r.optOut() != heard && (r.optOut() || r.ordinary())) {
                System.out.printf("  %s %s %s %s read %s (rules %s, p %.2f): %s%n", r.optOut() ? "MISS" : "FALSE STOP",
                        r.row().table(), r.row().language(), r.row().expected(), got, r.rules(), r.p(),
                        r.row().message());
            }
        }
    }

    /** What OrdinaryRepliesTest would fail on with this combination: replies and consents withdrawn, withdrawals not. */
    static String ordinaryRepliesWithdrawn(IntentRecogniser recogniser) {
        List<String> failures = new ArrayList<>();
        for (String text : OrdinaryRepliesTest.SHORT_REPLIES) {
            failures.addAll(withdraws(recogniser, text) ? List.of("withdrawn: " + text) : List.of());
        }
        for (String text : OrdinaryRepliesTest.CONSENTS) {
            failures.addAll(withdraws(recogniser, text) ? List.of("withdrawn: " + text) : List.of());
        }
        for (String text : OrdinaryRepliesTest.WITHDRAWALS) {
            failures.addAll(withdraws(recogniser, text) ? List.of() : List.of("not withdrawn: " + text));
        }
        return failures.isEmpty() ? "green" : "FAILS " + failures;
    }

    private static boolean withdraws(IntentRecogniser recogniser, String text) {
        Intent intent = recogniser.classify(text).intent();
        return intent == Intent.STOP || intent == Intent.ERASE;
    }
}
