package io.consentflow.rules.intent;

import java.util.List;

/**
 * 2026.12-20's candidates and the points the harness chose for them (issue 21), apart from the earlier rounds'
 * ({@link RecogniserCandidates}, {@link Round18Candidates}, {@link Round19Candidates}) to keep each class small. The
 * rule that picks among them and the shipping rule are in {@link ModelRecipes}' javadoc and consent-rules/ROUNDS.md.
 */
final class Round20Candidates {

    private Round20Candidates() {
    }

    /**
     * The point {@code ClarificationsHarness -Dharness.clarify=cm,cn,co,cp,cq,cr,cs} chose for -12's recipe with
     * 2026.12-20's rules (08:47-08:50 UTC, 2026-12-07, load 8-20, one training at a time; folds each scored by a model
     * trained on the rest of a-cs; lowest E there with at most 3 % clarifications, {@code OrdinaryRepliesTest}, the
     * module's examples and {@code DevelopmentTableTest}'s floors on a-cs green; within 0.001 the grid's first): a
     * STOP from 0.60 beside a word of withdrawal with an ask band from 0.50, no veto on the rules' ERASE, -17's veto
     * of 0.03 on a STOP naming the messages and 0.08 on the others, a consent-word STOP at 0.95; E 0.0473 on the
     * folds (recall 0.9690, 16 false stops of 1,960, clarifications 0.56 %), -17's point 0.0491 (0.9662, 15,
     * 0.46 %). The same point was chosen for {@link ModelRecipes#NEWEST_THRICE} (08:50-08:52 UTC, load 6-15): E 0.0478
     * (0.9695, 17, 0.51 %), -17's point 0.0486 (0.9667, 15, 0.41 %).
     */
    static final SecondOpinion HARNESS_20 = new SecondOpinion(0.60, 0.50, 0.80, 0.08, 0.75, 0.50, 0.75, 0.50, 0,
            SecondOpinion.NEVER, 0.95, 0, 0, 0.03);

    /**
     * 2026.12-20's candidates, in the order the rule's last tie-break uses; all but the first with 2026.12-20's
     * rules (the Arabic order noun's forms and the Estonian trap's reach, {@code GuardsTest}); the last ones' models
     * trained on a-cs (61,043 rows). The first is 2026.12-19 as committed: its figures on ct-cy are the lead's,
     * scored on main on arrival. Harness E: E on {@code ClarificationsHarness}'s folds cm-cs (the committed model,
     * trained on a-cl, never saw them: the lead's 0.0535 with main's rules, the same with -20's; the others each
     * scored by a model trained on the rest of a-cs).
     */
    static final List<RecogniserCandidates> ROUND_20 = List.of(
            new RecogniserCandidates("2026.12-19 as committed", null, RecogniserCandidates.POINT_17, 0.0535),
            new RecogniserCandidates("-19's model and point, -20's rules", null, RecogniserCandidates.POINT_17, 0.0535),
            new RecogniserCandidates("-12's recipe on a-cs, -20's rules, -17's point", ModelRecipes.RECENT_TWICE,
                    RecogniserCandidates.POINT_17, 0.0491),
            new RecogniserCandidates("-12's recipe on a-cs, -20's rules, the harness's point",
                    ModelRecipes.RECENT_TWICE, HARNESS_20, 0.0473),
            new RecogniserCandidates("tables ap+ x3 on a-cs, -20's rules, -17's point", ModelRecipes.NEWEST_THRICE,
                    RecogniserCandidates.POINT_17, 0.0486),
            new RecogniserCandidates("tables ap+ x3 on a-cs, -20's rules, the harness's point",
                    ModelRecipes.NEWEST_THRICE, HARNESS_20, 0.0478));
}
