package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The learned second opinion: the committed weights are exactly what the trainer makes of the development tables
 * (so a table added without retraining, or a hand-edited resource, fails here), the features fold the text as the
 * lexicons do, and {@link SecondOpinion} lets the model change only what the rules left open.
 */
class OptOutModelTest {

    @Test
    void theCommittedModelIsWhatTheTrainerMakesOfTheDevelopmentTables() throws IOException {
        List<DevelopmentTables.Row> rows = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (String table : DevelopmentTables.TABLES) {
            List<DevelopmentTables.Row> read = DevelopmentTables.read(table);
            rows.addAll(read);
            tables.add(table.substring(1) + " (" + read.size() + " rows)");
        }
        String committed;
        try (InputStream in = OptOutModel.class.getResourceAsStream("model/opt-out.model")) {
            assertThat(in).as("model resource").isNotNull();
            committed = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        tables.forEach(table -> assertThat(committed).as("provenance header").contains("#   " + table));

        OptOutModel retrained = OptOutModelTrainer.train(rows).model();
        OptOutModel shipped = OptOutModel.standard();
        for (DevelopmentTables.Row row : rows.subList(0, Math.min(rows.size(), 2000))) {
            assertThat(shipped.probability(row.message())).as(row.message())
                    .isCloseTo(retrained.probability(row.message()), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void featuresAreTheFoldedTextsAndRunsOfALetterCountTwice() {
        assertThat(OptOutModel.fold("STOPPP, Bitte!")).isEqualTo(" stopp bitte ".toCharArray());
        assertThat(OptOutModel.features("Arrêtez")).isEqualTo(OptOutModel.features("ARRETEZ"));
        assertThat(OptOutModel.features("")).isEmpty();
        assertThat(java.util.Arrays.stream(OptOutModel.features("ab")).boxed().toList()).isNotEmpty()
                .allSatisfy(f -> assertThat(f).isBetween(0, OptOutModel.Hashing.STANDARD.size() - 1));
    }

    @Test
    void pairsOfWordsAreFeaturesOnlyWhereTheHashingAsksForThem() {
        OptOutModel.Hashing pairs = new OptOutModel.Hashing(20, 6, true);
        OptOutModel.Hashing plain = new OptOutModel.Hashing(20, 6);
        // two more words, one pair more; "no more offers" and "no more stock" differ in a pair, not only in a word
        assertThat(OptOutModel.features("no more offers", pairs).length - OptOutModel.features("no more offers", plain)
                .length).isEqualTo(2);
        assertThat(OptOutModel.features("stop", pairs)).isEqualTo(OptOutModel.features("stop", plain));
    }

    @Test
    void aModelWithPairsOfWordsAndAHiddenLayerReadsBackFromItsResourceAsTrained() {
        List<int[]> features = new ArrayList<>();
        TrainingRecipe recipe = new TrainingRecipe("test", new OptOutModel.Hashing(12, 4, true),
                TrainingRecipe.Learner.ENSEMBLE, 3, 0.5, 1e-6, 1, 4);
        List<String> texts = List.of("stop sending me offers", "no more offers please", "no more stock?",
                "when does my parcel arrive", "unsubscribe me", "thanks, see you");
        boolean[] labels = {true, true, false, false, true, false};
        texts.forEach(text -> features.add(OptOutModel.features(text, recipe.hashing())));
        float[] weights = new float[texts.size()];
        java.util.Arrays.fill(weights, 1);
        OptOutModelTrainer.Trained trained = OptOutModelTrainer.train(features, labels, weights, recipe);
        assertThat(trained.hidden()).isNotNull();
        OptOutModel model = trained.model();
        OptOutModel read = OptOutModel.parse(trained.resource(List.of("a test model")));
        assertThat(read.hashing()).isEqualTo(recipe.hashing());
        for (String text : texts) {
            assertThat(read.probability(text)).as(text).isCloseTo(model.probability(text),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        // the hidden layer counts: without it the same linear weights score differently
        OptOutModel linearOnly = new OptOutModelTrainer.Trained(trained.weights(), trained.bias(), trained.hashing(),
                null).model();
        assertThat(texts.stream().anyMatch(text -> Math.abs(linearOnly.probability(text) - model.probability(text))
                > 1e-3)).isTrue();
    }

    @Test
    void theModelSeparatesOptOutsFromOrdinaryMessages() {
        OptOutModel model = OptOutModel.standard();
        assertThat(model.probability("please stop sending me these messages")).isGreaterThan(0.9);
        assertThat(model.probability("when will my parcel arrive?")).isLessThan(0.1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // rules found nothing but a word of withdrawal or negation stands: the model decides; since 2026.12-15
            // it asks nothing there (a STOP from 0.70, else NONE)
            "NONE|false|true|false|5|0.99|STOP", "NONE|false|true|false|5|0.72|STOP",
            "NONE|false|true|false|5|0.65|NONE", "NONE|false|true|false|5|0.20|NONE",
            // a guard voided a word of withdrawal (a negation, an order as its object): the rules' NONE stands
            "NONE|true|true|false|5|0.99|NONE",
            // no word of withdrawal or negation anywhere: a STOP needs more, short or not; an assent gets none
            "NONE|false|false|false|5|0.78|STOP", "NONE|false|false|false|5|0.72|UNCERTAIN",
            "NONE|false|false|false|5|0.45|NONE",
            "NONE|false|false|false|1|0.99|STOP", "NONE|false|false|false|2|0.60|UNCERTAIN",
            "NONE|false|false|false|2|0.45|NONE",
            // since 2026.12-16 no one-tap question either: "Ich willige ein, dass ..." (OrdinaryRepliesTest)
            "NONE|false|false|true|8|0.90|NONE", "NONE|false|false|true|1|0.90|NONE",
            "NONE|false|false|true|8|0.96|STOP",
            "NONE|false|true|true|8|0.99|STOP",
            // the rules doubted: only a very confident model makes it a STOP
            "UNCERTAIN|false|true|false|5|0.85|STOP", "UNCERTAIN|false|true|false|5|0.70|UNCERTAIN",
            // a STOP stands unless the model finds it very unlikely
            "STOP|false|true|false|5|0.30|STOP", "STOP|false|true|false|5|0.07|NONE",
            // an erasure, a request to come back or a confirmation is never changed
            "ERASE|false|true|false|5|0.07|NONE", "ERASE|false|true|false|5|0.10|ERASE", "START|false|false|true|5|0.99|START", "YES|false|true|true|1|0.99|YES",
    })
    void theModelChangesOnlyWhatTheRulesLeftOpen(Intent rules, boolean guarded, boolean cue, boolean assent, int words,
            double p, Intent expected) {
        IntentRules.Evidence seen = new IntentRules.Evidence(guarded, cue, assent, words);
        assertThat(SecondOpinion.STANDARD.combine(rules, seen, p)).isEqualTo(expected);
        assertThat(SecondOpinion.RULES_ONLY.combine(rules, seen, p)).isEqualTo(rules);
    }

    @Test
    void aVetoOnErasureRemovesOnlyTheErasuresTheModelFindsVeryUnlikely() {
        // 2026.12-12's candidate thresholds (not shipped): "I deleted my old account by mistake" read as ERASE
        SecondOpinion withVeto = CombinationVariants.TWELVE;
        IntentRules.Evidence seen = new IntentRules.Evidence(false, true, false, 6);
        assertThat(withVeto.combine(Intent.ERASE, seen, 0.01)).isEqualTo(Intent.NONE);
        assertThat(withVeto.combine(Intent.ERASE, seen, 0.10)).isEqualTo(Intent.ERASE);
        assertThat(withVeto.asks(Intent.ERASE, seen)).isTrue();
        assertThat(CombinationVariants.NINE.asks(Intent.ERASE, seen)).isFalse();
        assertThat(CombinationVariants.NINE.combine(Intent.ERASE, seen, 0.0)).isEqualTo(Intent.ERASE);
    }

    @Test
    void theRulesDoubtIsResolvedToNoneOnlyWhereTheModelIsSureItIsNoOptOut() {
        // 2026.12-14's candidate setting (off in the shipped thresholds): "how do I change my delivery address?"
        SecondOpinion clearing = new SecondOpinion(0.70, 0.50, 0.80, 0.04, 0.75, 0.50, 0.75, 0.50, 0,
                SecondOpinion.NEVER, SecondOpinion.NEVER, 0, 0.10);
        IntentRules.Evidence seen = new IntentRules.Evidence(false, true, false, 6);
        assertThat(clearing.combine(Intent.UNCERTAIN, seen, 0.05)).isEqualTo(Intent.NONE);
        assertThat(clearing.combine(Intent.UNCERTAIN, seen, 0.20)).isEqualTo(Intent.UNCERTAIN);
        assertThat(clearing.combine(Intent.UNCERTAIN, seen, 0.85)).isEqualTo(Intent.STOP);
        assertThat(SecondOpinion.STANDARD.combine(Intent.UNCERTAIN, seen, 0.0)).isEqualTo(Intent.UNCERTAIN);
    }

    @Test
    void theOverridesOf2026_12_13HearOnlyWhatTheModelIsSureOf() {
        // a guard's NONE, the consent-word rule and the plain veto, each with its own threshold
        SecondOpinion overrides = new SecondOpinion(0.70, 0.50, 0.80, 0.04, 0.75, 0.50, 0.75, 0.50, 0, 0.95, 0.90,
                0.20);
        IntentRules.Evidence guarded = new IntentRules.Evidence(true, true, false, 7);
        assertThat(overrides.asks(Intent.NONE, guarded)).isTrue();
        assertThat(overrides.combine(Intent.NONE, guarded, 0.96)).isEqualTo(Intent.STOP);
        assertThat(overrides.combine(Intent.NONE, guarded, 0.94)).isEqualTo(Intent.NONE); // no one-tap reply either
        IntentRules.Evidence assent = new IntentRules.Evidence(false, false, true, 7);
        assertThat(overrides.combine(Intent.NONE, assent, 0.91)).isEqualTo(Intent.STOP);
        assertThat(overrides.combine(Intent.NONE, assent, 0.89)).isEqualTo(Intent.NONE); // never asked (-16)
        IntentRules.Evidence contrary = new IntentRules.Evidence(false, true, false, 4, true);
        IntentRules.Evidence plain = new IntentRules.Evidence(false, true, false, 4, false);
        assertThat(overrides.combine(Intent.STOP, contrary, 0.15)).isEqualTo(Intent.NONE);
        assertThat(overrides.combine(Intent.STOP, contrary, 0.25)).isEqualTo(Intent.STOP);
        assertThat(overrides.combine(Intent.STOP, plain, 0.15)).isEqualTo(Intent.STOP);
        // without them (every version before 2026.12-13): a guard's NONE and an assent stand whatever the model says
        SecondOpinion without = new SecondOpinion(0.70, 0.50, 0.80, 0.04, 0.75, 0.50, 0.75, 0.50, 0);
        assertThat(without.asks(Intent.NONE, guarded)).isFalse();
        assertThat(without.combine(Intent.NONE, guarded, 0.99)).isEqualTo(Intent.NONE);
        assertThat(without.combine(Intent.NONE, assent, 0.99)).isEqualTo(Intent.NONE); // asked before -16
        assertThat(without.combine(Intent.STOP, contrary, 0.15)).isEqualTo(Intent.STOP);
    }

    @Test
    void aWordOfNegationOrOfComingBackIsSeenAsContrary() {
        IntentRecogniser rules = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);
        assertThat(rules.rulesDecision("Please don't stop sending me offers").evidence().contrary()).isTrue();
        assertThat(rules.rulesDecision("Please stop sending me offers").evidence().contrary()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // opt-outs in words no lexicon lists, heard by the model ("no thanks, forever")
            "Nein danke, und zwar für immer|STOP",
            // two words with no word of withdrawal in any lexicon (Hungarian "get off"): 2026.12-8 only asked (the
            // one-tap reply); since 2026.12-9 a short reply the model is sure of is a STOP, as a longer one is
            "Álljatok le|STOP",
            // and negated or ordinary ones the guards keep ordinary
            "Bitte nicht abmelden|NONE",
            "I do not want to unsubscribe|NONE",
            "Stopp, ich habe die Bilder verwechselt|NONE",
    })
    void theRecogniserHearsTheModelWhereTheRulesFoundNothing(String text, Intent expected) {
        assertThat(IntentRecogniser.standard().classify(text).intent()).isEqualTo(expected);
    }
}
