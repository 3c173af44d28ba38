package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes the model resource, run only with {@code -Ptrain}:
 * {@code ./mvnw -o -q -pl consent-rules -am verify -Ptrain -Dcpd.skip}. Trains {@link OptOutModelTrainer} on every
 * development table (never the sealed set) and writes
 * {@code src/main/resources/io/consentflow/rules/intent/model/opt-out.model} with a provenance header naming the
 * tables, their row counts and the command. Training is deterministic, so running it again on the same tables
 * writes the same file.
 */
class OptOutModelTraining {

    static final Path RESOURCE = Path.of("src/main/resources/io/consentflow/rules/intent/model/opt-out.model");

    @Test
    void trainsOnEveryDevelopmentTableAndWritesTheModel() throws IOException {
        List<DevelopmentTables.Row> rows = new ArrayList<>();
        List<String> provenance = new ArrayList<>(List.of(
                "OptOutModel weights: logistic regression over hashed character n-grams and words of the folded text,",
                "as 16-bit integers, deflated, base64 (the line before them: bias, scale, bits, longest n-gram).",
                "Positive class: STOP and ERASE rows. Trained by OptOutModelTraining (OptOutModelTrainer, recipe",
                ModelRecipes.STANDARD.describe() + ") with",
                "  ./mvnw -o -q -pl consent-rules -am verify -Ptrain -Dcpd.skip",
                "on the development tables of consent-rules/src/test/resources (never the sealed set):"));
        for (String table : DevelopmentTables.TABLES) {
            List<DevelopmentTables.Row> read = DevelopmentTables.read(table);
            rows.addAll(read);
            provenance.add("  " + table.substring(1) + " (" + read.size() + " rows)");
        }
        provenance.add("Judged by leave-one-table-out (HeldOutTableHarness), never by in-sample figures.");
        assertThat(rows).hasSizeGreaterThan(10_000);

        OptOutModelTrainer.Trained trained = OptOutModelTrainer.train(rows);
        Files.createDirectories(RESOURCE.getParent());
        Files.writeString(RESOURCE, trained.resource(provenance), StandardCharsets.US_ASCII);
        System.out.println("wrote " + RESOURCE.toAbsolutePath() + " from " + rows.size() + " rows");
    }
}
