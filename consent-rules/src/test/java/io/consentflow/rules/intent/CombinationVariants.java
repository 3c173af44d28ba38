package io.consentflow.rules.intent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The combinations of the rules and the model that 2026.12-9 chose among (issue 21), all with 2026.12-8's model
 * thresholds where a word of withdrawal or negation stands, and all keeping the consent-word rule (a message that
 * speaks of consent, confirming or receiving and holds no such word is never a STOP). They differ only where no such
 * word stands: 2026.12-8's two-word rule (a reply of two words or fewer is never a STOP, UNCERTAIN only above 0.90),
 * no two-word rule, no two-word rule with 2026.12-7's thresholds there (STOP 0.75, UNCERTAIN 0.50), and the two-word
 * rule only below a level of the model's probability. Judged by {@code FreshTablesHarness} (tables aa and ab with
 * the model as 2026.12-8 committed it, out of sample) and {@link HeldOutTableHarness} (leave one table out).
 *
 * <p>The rule that picks one, written down and committed before tables aa and ab were scored and before the sealed
 * set was read: among the variants that keep {@code OrdinaryRepliesTest} green, the one with the highest pooled
 * recall on aa+ab (model as committed, out of sample) whose false-stop rate there (NONE, YES and START rows read as
 * STOP or ERASE, as the harness counts) and whose pooled false-stop rate on the leave-one-table-out harness over all
 * tables are each no higher than 2026.12-8's plus 0.5 points, and whose clarification rate stays within 3 % on both.
 * Ties go to the higher harness recall, then to fewer false stops on aa+ab, then to the variant listed first here.
 * If the chosen variant fails {@code OrdinaryRepliesTest} with the model retrained on a-ab, the next one by the same
 * rule is taken.
 *
 * <p>Applied (14:58 UTC, before retraining and before the sealed read). On aa+ab with 2026.12-8's model (recall,
 * false stops of 364 NONE and YES rows, clarifications): -8 as is 400 of 420 (0.952), 1 (0.27 %), 0.55 %; two-word
 * rule below 0.98, 0.95 or 0.90: 401, 1, 0.55 %; below 0.85: 402, 1, 0.55 %; no two-word rule: 402, 1, 0.55 %; no
 * two-word rule with -7's uncued thresholds: 402, 1, 0.82 %. On the harness over a-ab (9,065 opt-outs, 6,160 NONE,
 * YES and START rows; the rules in-sample for a-z): -8 8,964 (0.9889), 84 (1.36 %), 0.93 %; below 0.98: 8,967, 84;
 * below 0.95: 8,969, 84; below 0.90: 8,973, 85; below 0.85: 8,975, 88 (1.43 %); no two-word rule: 8,975, 92
 * (1.49 %); no two-word rule with -7's uncued: 8,976 (0.9902), 95 (1.54 %), 1.48 %. Every variant keeps
 * OrdinaryRepliesTest green and stays within -8 + 0.5 points (aa+ab 0.77 %, harness 1.86 %). Highest aa+ab recall:
 * 402, three ways; the higher harness recall breaks the tie: <b>no two-word rule, -7's uncued thresholds</b> (STOP
 * 0.75, UNCERTAIN 0.50 where no word of withdrawal stands, whatever the length; the consent-word rule kept), which
 * {@link SecondOpinion#STANDARD} ships as 2026.12-9. Its price on the harness's short-reply tables y-z: 17 false
 * stops of 560 against -8's 8, clarifications 8.4 % against 4.3 %.
 *
 * <p>Addendum (15:01 UTC, after retraining on a-ab, before the sealed read): with the retrained model no variant
 * keeps OrdinaryRepliesTest green, -8's included, so the rule's fallback (the next variant) cannot help: the veto
 * they all share (a STOP of the rules the model gives under 0.05 is NONE) vetoes the positive control "I no longer
 * agree to receive your offers" (0.046; 0.06 with 2026.12-8's model). The fallback therefore changes that one shared
 * component and nothing else: the chosen combination with the highest veto of 0.04, 0.03, 0.02, 0.01 and 0 that keeps
 * OrdinaryRepliesTest green, so as to keep as much of what the harness chose the veto for (fewer false stops).
 * Applied: 0.04 keeps it green (the whole module's suite but the sealed test passes), and 2026.12-9 ships
 * (0.70, 0.50, 0.80, 0.04, 0.75, 0.50, 0.75, 0.50). Harness over a-ab with it: 8,978 of 9,065 (0.9904), 96 false
 * stops of 6,160 (1.56 %), clarifications 1.48 % (veto 0.03: 8,983, 101; 0: 8,996, 116).
 */
final class CombinationVariants {

    /** 2026.12-8's combination exactly, whatever {@link SecondOpinion#STANDARD} is now. */
    static final SecondOpinion EIGHT = new SecondOpinion(0.70, 0.50, 0.80, 0.05, 0.80, 0.75, 2, 0.90);

    /**
     * 2026.12-9's combination exactly, the variant "no two-word rule, -7's uncued, veto 0.04" below; the candidates
     * of {@link ModelRecipes} are judged with it.
     */
    static final SecondOpinion NINE = new SecondOpinion(0.70, 0.50, 0.80, 0.04, 0.75, 0.50, 0.75, 0.50);

    /** 2026.12-12's thresholds, chosen by {@code ModelRecipes}'s rule on ap-av; that version did not ship. */
    static final SecondOpinion TWELVE = new SecondOpinion(0.60, 0.50, 0.80, 0.06, 0.80, 0.50, 0.80, 0.50, 0.04);

    /** By name, in the order the rule's last tie-break uses. */
    static final Map<String, SecondOpinion> ALL = all();

    private CombinationVariants() {
    }

    private static Map<String, SecondOpinion> all() {
        Map<String, SecondOpinion> variants = new LinkedHashMap<>();
        variants.put("-8 as is", EIGHT);
        for (double level : new double[] {0.98, 0.95, 0.90, 0.85}) {
            variants.put(String.format(java.util.Locale.ROOT, "two-word rule below %.2f", level),
                    new SecondOpinion(0.70, 0.50, 0.80, 0.05, 0.80, 0.75, level, Math.min(0.90, level)));
        }
        variants.put("no two-word rule", new SecondOpinion(0.70, 0.50, 0.80, 0.05, 0.80, 0.75, 0.80, 0.75));
        variants.put("no two-word rule, -7's uncued", new SecondOpinion(0.70, 0.50, 0.80, 0.05, 0.75, 0.50, 0.75,
                0.50));
        // the addendum's fallback (below): the one component every variant shares, the veto
        for (double veto : new double[] {0.04, 0.03, 0.02, 0.01, 0}) {
            variants.put(String.format(java.util.Locale.ROOT, "no two-word rule, -7's uncued, veto %.2f", veto),
                    new SecondOpinion(0.70, 0.50, 0.80, veto, 0.75, 0.50, 0.75, 0.50));
        }
        return Collections.unmodifiableMap(variants);
    }
}
