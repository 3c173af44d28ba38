package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 2026.12-17: a STOP of the rules whose finding names the messages ("Keine Nachrichten mehr an meine Adresse") is the
 * clearest withdrawal the rules read, so the model vetoes it only when very sure ({@link SecondOpinion#vetoNamed()}).
 * A model trained on a-bq vetoed that sentence at 0.08, having learned "nicht mehr an meine Adresse" from parcels.
 */
class NamedStopVetoTest {

    private final IntentRecogniser rulesOnly = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Keine Nachrichten mehr an meine Adresse|true",
            "Keine Nachrichten mehr|true",
            "stop sending me offers|false",
            "Ich möchte mich abmelden|false",
            "STOP|false",
    })
    void theRulesSayWhetherTheirFindingNamesTheMessages(String text, boolean named) {
        IntentRules.Decision decision = rulesOnly.rulesDecision(text);
        assertThat(decision.intent()).as(text).isEqualTo(Intent.STOP);
        assertThat(decision.evidence().named()).as("named: " + text).isEqualTo(named);
    }

    @Test
    void aStopNamingTheMessagesIsVetoedOnlyUnderItsOwnThreshold() {
        SecondOpinion point = RecogniserCandidates.POINT_17;
        IntentRules.Evidence named = new IntentRules.Evidence(false, true, false, 6, false, true);
        IntentRules.Evidence unnamed = new IntentRules.Evidence(false, true, false, 6, false, false);
        IntentRules.Evidence namedBesideANegation = new IntentRules.Evidence(false, true, false, 6, true, true);
        assertThat(point.combine(Intent.STOP, named, 0.05)).isEqualTo(Intent.STOP);
        assertThat(point.combine(Intent.STOP, named, 0.02)).isEqualTo(Intent.NONE);
        assertThat(point.combine(Intent.STOP, unnamed, 0.05)).isEqualTo(Intent.NONE);
        assertThat(point.combine(Intent.STOP, namedBesideANegation, 0.05)).isEqualTo(Intent.NONE);
        // before 2026.12-17 a named STOP was vetoed as any other
        assertThat(RecogniserCandidates.POINT_15.combine(Intent.STOP, named, 0.05)).isEqualTo(Intent.NONE);
    }
}
