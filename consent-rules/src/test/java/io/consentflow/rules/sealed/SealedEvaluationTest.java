package io.consentflow.rules.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.WithdrawalScore;
import io.consentflow.rules.intent.Intent;
import io.consentflow.rules.intent.IntentRecogniser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The recogniser against the sealed evaluation corpus (sealed/withdrawal-sealed.tsv): written by an author who never
 * saw the recogniser or its lexicons, kept apart from the development tables, never edited to pass (its digest is
 * checked against PROVENANCE.md). Prints only aggregate figures, never a message, so that nobody tunes on it.
 * An opt-out read as STOP or ERASE is a hit; an ordinary message read as STOP or ERASE is a false stop; UNCERTAIN on
 * an ordinary message counts towards the clarification rate.
 *
 * <p>The targets are pooled recall 0.99, every language 0.90, false stops at most 1 %, clarifications at most 3 %.
 * Recogniser 2026.12-25 (2026.12-24 as judged: -23's model, pairs of words trained on tables a-dk, 5169451e; -24's
 * rules; -17's point; chosen by the rule of {@code ModelRecipes} on the fresh tables dx-ec, committed before) meets
 * three of them and not pooled recall: 0.988 (885 of 896), lowest languages el and mt 0.938 (30 of 32 each; bg, en,
 * fi, ga, sk, sl, tr 0.969, the others 1.000), false stops 0.12 % (1 of 842), clarifications 0.36 % (3 of 842); read
 * once, at 21:45 UTC on 2026-12-07 (the same figures as -24's read, 21:04 UTC, and -23's). It shipped by the lead's
 * rule of d4ce2825 (lower E than -19 on dx-ec, 0.0387 against 0.0485, no worse there on any target by more than one
 * message; sealed every tolerance of the issue met and pooled recall at least 883 of 896, -19's 886 less one binomial
 * standard error). Its bounds, by that rule: pooled recall what -25 reaches (885, never below 883), the others what
 * it reaches where at least as strict as the target (false stops 1 of 842, clarifications 3 of 842, every language
 * 0.9375).
 * Recogniser 2026.12-19 (-18's and four more guard fixes, words of withdrawal the lexicons lacked, -12's recipe
 * trained on tables a-cl, -17's point; chosen by the rule of {@code ModelRecipes} on the fresh tables cm-cs,
 * committed before) meets three of them and not pooled recall: 0.989 (886 of 896), lowest languages el, mt and sl
 * 0.938 (30 of 32 each; da, fi, ga, tr 0.969, the others 1.000), false stops 0.36 % (3 of 842), clarifications
 * 0.24 % (2 of 842); read once, at 08:13 UTC on 2026-12-07. It shipped by the lead's rule (lower E than -17 on cm-cs
 * and no worse than -17 on any target here); its bounds are what it reaches (pooled recall held there).
 * Recogniser 2026.12-17 (-16's consent fix, a STOP of the rules naming the messages vetoed only under 0.03, -12's
 * recipe trained on tables a-bx; chosen by the rule of {@code ModelRecipes} on the fresh tables by-ce, committed
 * before) meets three of them and not pooled recall: 0.988 (885 of 896), lowest languages el, mt and sl 0.938 (30 of
 * 32 each; bg, da, fi, ga, tr 0.969, the others 1.000), false stops 0.36 % (3 of 842), clarifications 0.36 % (3 of
 * 842); read once, at 05:25 UTC on 2026-12-07. It shipped by the lead's rule (lower E than -15 on by-ce and no worse
 * than -15 on any target here); its bounds are -15's but clarifications, now what -17 reaches.
 * Recogniser 2026.12-15 (-15's guard fixes, -12's recipe trained on tables a-bj, the point {@code
 * ClarificationsHarness} chose over the folds bd-bj; chosen by the rule of {@code ModelRecipes} on the fresh tables
 * bk-bq, committed before) meets three of them and not pooled recall: 0.988 (885 of 896), lowest languages mt and
 * sl 0.938 (30 of 32 each; bg, da, el, fi, fr, ga, tr 0.969, the others 1.000), false stops 0.36 % (3 of 842),
 * clarifications 0.71 % (6 of 842); read once, at 02:22 UTC on 2026-12-07. It shipped by the shipping rule the lead
 * set before any -15 figure (pooled recall not below -11's 883, false stops not above its 6, clarifications at most
 * 3 %, every language at least 0.90, lower E than -11 on bk-bq), which made the per-language bound the 0.90
 * for this round: -11's own 0.96875 refuses a model for a single message of 32. Its bounds: what it reaches where
 * that is at least as strict as the target, pooled recall held at what it reaches (below). Not shipped:
 * 2026.12-12 0.984 (882), 0.969, 0.36 % (3), 1.07 % (9); 2026.12-14 0.990 (887), 0.938 (mt), 0.36 % (3), 0.71 % (6).
 * Recogniser 2026.12-11 (2026.12-10's recipe and thresholds, its model retrained on tables a-ao after the rule of
 * {@code ModelRecipes}, committed before the fresh tables ai-ao judged the candidates, kept that recipe) meets three
 * of them, every language, false stops and clarifications, and not pooled recall: 0.985 (883 of 896), lowest
 * languages 0.969 (bg, cs, da, el, fi, fr, ga, hr, mt, sk, sl, sv, uk: 31 of 32 each), false stops 0.71 % (6 of
 * 842), clarifications 1.19 % (10 of 842); read once, at 17:36 UTC on 2026-12-06. 2026.12-10: 0.984 (882), 0.938,
 * 1.19 % (10), 1.3 % (11); 2026.12-9: 0.982 (880), 0.938, 1.07 % (9), 1.5 % (13); 2026.12-8: 0.980, 0.906, 0.95 %
 * (8), 0.7 % (6); 2026.12-7: 0.992, 0.938, 1.1 %, 1.9 %; 2026.12-6: 0.943, 0.844, 0.5 %, 0.2 %. The rule for the
 * bounds, fixed before 2026.12-9 was read: a bound is what the recogniser reaches where that is at least as strict
 * as its target, and the target elsewhere, except that a recall target not reached (pooled recall here) is held at
 * what is reached, so that nothing regresses while the work goes on. A false-stop rate above its target is not held:
 * its bound is the target (2026.12-9 and 2026.12-10 failed here); 2026.12-11's 0.71 % is under it, so the bound is
 * what it reaches. The test prints which targets are met, and the issue stays open until all are. Tighten the bounds
 * as the recogniser improves, on other data than this; never loosen them past the targets.
 */
class SealedEvaluationTest {

    static final double TARGET_POOLED_RECALL = 0.99;
    static final double TARGET_LANGUAGE_RECALL = 0.90;
    static final double TARGET_FALSE_STOP_RATE = 0.01;
    static final double TARGET_CLARIFICATION_RATE = 0.03;

    /**
     * 2026.12-25 reaches 0.98772 (885 of 896; 2026.12-19 886), below the target 0.99: held where it is until the
     * target is met, never below 883 of 896 (0.98549) by d4ce2825's rule.
     */
    static final double FLOOR_POOLED_RECALL = 0.9877;
    /** 2026.12-25's lowest languages, el and mt, 30 of 32 each (0.9375; -19 el, mt, sl), above the target 0.90. */
    static final double FLOOR_LANGUAGE_RECALL = 0.9375;
    /** 2026.12-25: 1 of 842 (0.12 %; -19 3, 0.36 %), under the target 1 %: the bound is what is reached. */
    static final double CEILING_FALSE_STOP_RATE = 0.0012;
    /** 2026.12-25: 3 of 842 (0.36 %; 2026.12-19 2, 0.24 %; 2026.12-17 3; 2026.12-15 6, 0.71 %). */
    static final double CEILING_CLARIFICATION_RATE = 0.0036;

    private static final String CORPUS = "/sealed/withdrawal-sealed.tsv";
    private static final String PROVENANCE = "/sealed/PROVENANCE.md";

    @Test
    void theSealedCorpusIsTheOneItsProvenanceRecords() throws IOException {
        String provenance = new String(resource(PROVENANCE), StandardCharsets.UTF_8);
        Matcher recorded = Pattern.compile("\\b([0-9a-f]{64})\\b").matcher(provenance);
        assertThat(recorded.find()).as("PROVENANCE.md records the corpus's SHA-256").isTrue();
        assertThat(sha256(resource(CORPUS))).isEqualTo(recorded.group(1));
    }

    @Test
    void recallFalseStopsAndClarificationsMeetTheirBounds() throws IOException {
        IntentRecogniser recogniser = IntentRecogniser.standard();
        Map<String, WithdrawalScore> byLanguage = new TreeMap<>();
        WithdrawalScore pooled = new WithdrawalScore();
        for (String[] row : rows()) {
            Intent intent = recogniser.classify(row[3]).intent();
            for (WithdrawalScore score : List.of(byLanguage.computeIfAbsent(row[0], l -> new WithdrawalScore()),
                    pooled)) {
                score.add("OPT_OUT".equals(row[1]), "ORDINARY".equals(row[1]), intent);
            }
        }
        print(byLanguage, pooled);

        assertThat(byLanguage).as("all 28 languages are in the corpus").hasSize(28);
        assertThat(pooled.optOuts + pooled.ordinary).as("at least 1,500 messages").isGreaterThanOrEqualTo(1500);
        assertThat(pooled.recall()).as("pooled recall").isGreaterThanOrEqualTo(FLOOR_POOLED_RECALL);
        byLanguage.forEach((language, tally) -> assertThat(tally.recall()).as("recall of %s", language)
                .isGreaterThanOrEqualTo(FLOOR_LANGUAGE_RECALL));
        assertThat(pooled.falseStopRate()).as("false-stop rate").isLessThanOrEqualTo(CEILING_FALSE_STOP_RATE);
        assertThat(pooled.clarificationRate()).as("clarification rate").isLessThanOrEqualTo(CEILING_CLARIFICATION_RATE);
    }

    private static void print(Map<String, WithdrawalScore> byLanguage, WithdrawalScore pooled) {
        StringBuilder out = new StringBuilder("sealed evaluation (recogniser " + IntentRecogniser.VERSION + ")\n");
        out.append(String.format("%-8s %8s %8s %8s %10s %10s%n", "language", "opt-outs", "recall", "ordinary",
                "false-stop", "clarify"));
        byLanguage.forEach((language, tally) -> out.append(line(language, tally)));
        out.append(line("pooled", pooled));
        double lowest = byLanguage.values().stream().mapToDouble(WithdrawalScore::recall).min().orElse(0);
        out.append("targets: pooled recall >= ").append(TARGET_POOLED_RECALL)
                .append(met(pooled.recall() >= TARGET_POOLED_RECALL))
                .append(", every language >= ").append(TARGET_LANGUAGE_RECALL)
                .append(met(lowest >= TARGET_LANGUAGE_RECALL))
                .append(", false stops <= ").append(TARGET_FALSE_STOP_RATE)
                .append(met(pooled.falseStopRate() <= TARGET_FALSE_STOP_RATE))
                .append(", clarifications <= ").append(TARGET_CLARIFICATION_RATE)
                .append(met(pooled.clarificationRate() <= TARGET_CLARIFICATION_RATE)).append('\n');
        System.out.print(out);
    }

    private static String met(boolean met) {
        return met ? " (met)" : " (NOT MET)";
    }

    private static String line(String name, WithdrawalScore t) {
        return String.format("%-8s %8d %8.3f %8d %10.3f %10.3f%n", name, t.optOuts, t.recall(), t.ordinary,
                t.falseStopRate(), t.clarificationRate());
    }

    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        String[] lines = new String(resource(CORPUS), StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0].strip()).isEqualTo("language\tlabel\tkind\tmessage");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                String[] row = lines[i].split("\t", 4);
                assertThat(row).as("line %d has four columns", i + 1).hasSize(4);
                rows.add(row);
            }
        }
        return rows;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SealedEvaluationTest.class.getResourceAsStream(name)) {
            assertThat(in).as("%s is on the test classpath", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
