package io.consentflow.rules.intent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the rules' guards cost on the development tables (never the fresh ones, {@link DevelopmentTables#FRESH}),
 * run with {@code -Ptrain -Dtest=GuardedOptOutsHarness -Dharness.guarded=counts} or {@code =rows}: opt-outs whose
 * word of withdrawal a guard
 * voided (a negation, an order as its object, a trap, a correction, another chat), so that the rules' NONE stands
 * whatever the model says, beside the ordinary messages the guards rightly keep from a STOP. With {@code rows}, the
 * guarded opt-outs themselves (development rows, never a fresh or sealed one). 2026.12-15's guard fixes
 * ({@code GuardsTest}) took the count on a-bj from 76 (33 of them in ap-bc) to 37; 2026.12-19's, with -18's, took it
 * on a-cl from 71 to 54 (1,754 to 1,749 ordinary messages kept from a STOP).
 */
class GuardedOptOutsHarness {

    @Test
    void countsTheOptOutsTheGuardsVoid() throws IOException {
        String mode = System.getProperty("harness.guarded", "");
        Assumptions.assumeFalse(mode.isBlank(), "no -Dharness.guarded=counts|rows");
        IntentRecogniser rulesOnly = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);
        Map<String, int[]> perTable = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        int[] total = new int[2];
        for (DevelopmentTables.Row row : RecogniserCandidates.developmentRows(List.of())) {
            IntentRules.Decision d = rulesOnly.rulesDecision(row.message());
            if (d.intent() != Intent.NONE || !d.evidence().guarded()) {
                continue;
            }
            int kind = OptOutModelTrainer.optOut(row) ? 0 : row.expected() == Intent.UNCERTAIN ? -1 : 1;
            if (kind < 0) {
                continue;
            }
            perTable.computeIfAbsent(row.table(), k -> new int[2])[kind]++;
            total[kind]++;
            if (kind == 0) {
                rows.add(String.format("  %-6s %s %-5s %s", row.table(), row.language(), row.expected(), row.message()));
            }
        }
        System.out.printf("Guarded: %d opt-outs voided by a guard, %d ordinary messages kept from a STOP by one%n",
                total[0], total[1]);
        perTable.forEach((table, n) -> System.out.printf("  %-7s %3d opt-outs  %3d ordinary%n", table, n[0], n[1]));
        if (mode.equals("rows")) {
            rows.forEach(System.out::println);
        }
    }
}
