package io.consentflow.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The STOP recogniser against a table of real-world opt-out phrasings in eight languages (case, punctuation,
 * whitespace, diacritics, misspellings, short phrases) and ordinary customer messages that must not count as STOP.
 * Prints precision and recall; fails below the agreed floor.
 */
class StopRecognitionTableTest {

    private final KeywordRecogniser stop = Recognisers.stop();

    record Row(String language, String text) {
    }

    @Test
    void recognisesOptOutsAndLeavesOrdinaryMessagesAlone() throws IOException {
        List<Row> optOuts = read("/stop/opt-outs.tsv");
        List<Row> ordinary = read("/stop/ordinary.tsv");
        assertThat(optOuts).hasSizeGreaterThanOrEqualTo(150);
        assertThat(ordinary).hasSizeGreaterThanOrEqualTo(150);
        assertThat(optOuts.stream().map(Row::language).distinct()).hasSizeGreaterThanOrEqualTo(8);

        List<Row> missed = new ArrayList<>();
        Map<String, int[]> perLanguage = new TreeMap<>();
        for (Row row : optOuts) {
            boolean hit = stop.recognise(row.text()).isPresent();
            perLanguage.computeIfAbsent(row.language(), l -> new int[2])[hit ? 0 : 1]++;
            if (!hit) {
                missed.add(row);
            }
        }
        List<Row> falseAlarms = ordinary.stream().filter(row -> stop.recognise(row.text()).isPresent()).toList();
        int truePositives = optOuts.size() - missed.size();
        double recall = (double) truePositives / optOuts.size();
        double precision = (double) truePositives / (truePositives + falseAlarms.size());

        System.out.printf("STOP recogniser: %d opt-outs, %d ordinary messages%n", optOuts.size(), ordinary.size());
        perLanguage.forEach((language, counts) -> System.out.printf("  %s: %d/%d recognised%n", language, counts[0],
                counts[0] + counts[1]));
        System.out.printf("  precision %.3f  recall %.3f%n", precision, recall);
        missed.forEach(row -> System.out.println("  missed: " + row));
        falseAlarms.forEach(row -> System.out.println("  false alarm: " + row));

        assertThat(falseAlarms).as("ordinary messages read as STOP").isEmpty();
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.97);
    }

    private static List<Row> read(String resource) throws IOException {
        try (InputStream in = StopRecognitionTableTest.class.getResourceAsStream(resource)) {
            List<Row> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    rows.add(new Row(line.substring(0, tab), line.substring(tab + 1)));
                }
            }
            return rows;
        }
    }
}
