package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.WithdrawalScore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scores the recogniser on the development tables its model learned from ({@link DevelopmentTables#TABLES}) and prints,
 * per language, withdrawal recall, false stops and clarifications asked of ordinary messages, and exact accuracy on
 * ERASE, START and YES rows. Fails below the agreed floors: missing an opt-out costs most, taking an ordinary message
 * for one second. Every figure printed here is in-sample for the rules and the model both; what each set of tables
 * scored on arrival is in {@link DevelopmentTables}' javadoc.
 */
class DevelopmentTableTest {
    /** Per-language counters: the shared withdrawal score, and exact hits per expected intent. */
    static final class Score extends WithdrawalScore {
        final Map<Intent, int[]> exact = new TreeMap<>();

        void add(DevelopmentTables.Row row, Intent got) {
            add(row.expected() == Intent.STOP || row.expected() == Intent.ERASE, row.expected() == Intent.NONE, got);
            int[] counts = exact.computeIfAbsent(row.expected(), k -> new int[2]);
            counts[0] += got == row.expected() ? 1 : 0;
            counts[1]++;
        }

        String exact(Intent intent) {
            int[] counts = exact.get(intent);
            return counts == null ? "   -   " : String.format("%3d/%-3d", counts[0], counts[1]);
        }
    }

    @Test
    void noTrainerOrTuningHarnessReadsTheFreshTables() throws IOException {
        assertThat(DevelopmentTables.withHeldBack()).as("tables a model may learn from")
                .doesNotContainAnyElementsOf(DevelopmentTables.FRESH);
        Map<String, Integer> perLanguage = new TreeMap<>();
        for (String table : DevelopmentTables.FRESH) {
            List<DevelopmentTables.Row> read = DevelopmentTables.read(table);
            assertThat(read).as(table).isNotEmpty();
            read.forEach(row -> perLanguage.merge(row.language(), 1, Integer::sum));
        }
        // since 2026.12-20 the fresh tables hold 150 rows a language (ct-cy, cz-de: 28 languages once)
        assertThat(perLanguage).as("the fresh tables' rows by language").hasSize(28).allSatisfy((language, rows) ->
                assertThat(rows).as(language).isEqualTo(150));
    }

    @Test
    void hearsWithdrawalsAndLeavesOrdinaryMessagesAlone() throws IOException {
        List<DevelopmentTables.Row> rows = new ArrayList<>();
        for (String table : DevelopmentTables.TABLES) {
            rows.addAll(DevelopmentTables.read(table));
        }
        assertThat(rows).as("development rows").hasSizeGreaterThan(300);

        IntentRecogniser recogniser = IntentRecogniser.standard();
        Map<String, Score> perLanguage = new TreeMap<>();
        Map<String, Score> perTable = new TreeMap<>();
        Score pooled = new Score();
        List<String> misses = new ArrayList<>();
        for (DevelopmentTables.Row row : rows) {
            Intent got = recogniser.classify(row.message()).intent();
            perLanguage.computeIfAbsent(row.language(), k -> new Score()).add(row, got);
            perTable.computeIfAbsent(row.table(), k -> new Score()).add(row, got);
            pooled.add(row, got);
            if (got != row.expected()) {
                misses.add(String.format("  %-6s %s %-9s -> %-9s %s", row.table(), row.language(), row.expected(), got,
                        row.message()));
            }
        }

        System.out.printf("Intent recogniser %s on %d development rows%n", IntentRecogniser.VERSION, rows.size());
        System.out.println("  lang  recall(STOP+ERASE)  false-stop(NONE)  uncertain(NONE)   ERASE    START    YES");
        perLanguage.forEach((language, s) -> print(language, s));
        print("all", pooled);
        System.out.println("  per table:");
        perTable.forEach((table, s) -> print(table, s));
        misses.forEach(System.out::println);

        assertThat(pooled.recall()).as("pooled STOP+ERASE recall").isGreaterThanOrEqualTo(0.995);
        perLanguage.forEach((language, s) -> assertThat(s.recall()).as("STOP+ERASE recall in " + language)
                .isGreaterThanOrEqualTo(0.97));
        assertThat(pooled.falseStopRate()).as("false stops on NONE rows").isLessThanOrEqualTo(0.006);
        assertThat(pooled.clarificationRate()).as("UNCERTAIN on NONE rows").isLessThanOrEqualTo(0.03);
    }

    private static void print(String language, Score s) {
        System.out.printf("  %-4s  %3d/%-3d %.3f       %2d/%-3d %.3f    %2d/%-3d %.3f   %s  %s  %s%n", language,
                s.hits, s.optOuts, s.recall(), s.falseStops, s.ordinary, s.falseStopRate(),
                s.clarifications, s.ordinary, s.clarificationRate(), s.exact(Intent.ERASE), s.exact(Intent.START),
                s.exact(Intent.YES));
    }

}
