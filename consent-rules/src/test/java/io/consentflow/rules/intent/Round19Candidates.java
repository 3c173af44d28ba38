package io.consentflow.rules.intent;

import java.util.List;

/**
 * 2026.12-19's candidates and the point the harness chose for them (issue 21), apart from
 * {@link RecogniserCandidates} and {@link Round18Candidates} to keep each class small. The rule that picks among them
 * and the shipping rule are in {@link ModelRecipes}' javadoc and consent-rules/ROUNDS.md.
 */
final class Round19Candidates {

    private Round19Candidates() {
    }

    /**
     * The point {@code ClarificationsHarness -Dharness.clarify=cf,cg,ch,ci,cj,ck,cl} chose for -12's recipe with
     * 2026.12-19's rules (08:05-08:07 UTC, 2026-12-07, load 3-7, one training at a time; folds each scored by a model
     * trained on the rest of a-cl; lowest E there with at most 3 % clarifications, {@code OrdinaryRepliesTest}, the
     * module's examples and {@code DevelopmentTableTest}'s floors on a-cl green; within 0.001 the grid's first):
     * {@link RecogniserCandidates#POINT_17} with a veto of 0.04 on the rules' ERASE and the named STOP vetoed as any
     * (0.08); E 0.0539 on the folds (recall 0.9624, 16 false stops of 1,960, clarifications 0.41 %), -17's point
     * 0.0534 (0.9619, 15, 0.41 %). The points at 0.0534 asking from 0.50 read the module's "Ich bekomme schon wieder
     * Nachrichten von euch" UNCERTAIN with the model trained on a-cl.
     */
    static final SecondOpinion HARNESS_19 = new SecondOpinion(0.70, 0.70, 0.80, 0.08, 0.75, 0.50, 0.75, 0.50, 0.04,
            SecondOpinion.NEVER, 0.95, 0, 0, 0.08);

    /**
     * 2026.12-19's candidates, in the order the rule's last tie-break uses; the last two's model trained on a-cl
     * (56,843 rows), all but the first with 2026.12-19's rules (0de8622's guard fixes, four more guard causes and the
     * words of withdrawal of {@code GuardsTest} and {@code WithdrawalWordsTest}). The first is 2026.12-17 as
     * committed: its figures on cm-cs are the lead's, scored on main on arrival. Harness E: E on
     * {@code ClarificationsHarness}'s folds cf-cl (the committed model, trained on a-bx, never saw them: with main's
     * rules the lead's 0.0729 on arrival, with -19's rules 0.0686; the last two each scored by a model trained on the
     * rest of a-cl).
     */
    static final List<RecogniserCandidates> ROUND_19 = List.of(
            new RecogniserCandidates("2026.12-17 as committed", null, RecogniserCandidates.POINT_17, 0.0729),
            new RecogniserCandidates("-17's model and point, -19's rules", null, RecogniserCandidates.POINT_17, 0.0686),
            new RecogniserCandidates("-12's recipe on a-cl, -19's rules, -17's point", ModelRecipes.RECENT_TWICE,
                    RecogniserCandidates.POINT_17, 0.0534),
            new RecogniserCandidates("-12's recipe on a-cl, -19's rules, the harness's point",
                    ModelRecipes.RECENT_TWICE, HARNESS_19, 0.0539));
}
