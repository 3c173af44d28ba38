package io.consentflow.rules.intent;

import java.util.List;

/**
 * 2026.12-18's candidates and the point the harness chose for them (issue 21), apart from
 * {@link RecogniserCandidates} (which holds the earlier rounds' and the scoring they share) to keep each class small.
 * The rule that picks among them and the shipping rule are in {@link ModelRecipes}' javadoc and consent-rules/ROUNDS.md.
 */
final class Round18Candidates {

    private Round18Candidates() {
    }

    /**
     * The point {@code ClarificationsHarness -Dharness.clarify=by,bz,ca,cb,cc,cd,ce} chose for -12's recipe with
     * 2026.12-18's rules (05:49-05:54 UTC, 2026-12-07, load 5-12; folds each scored by a model trained on the rest of
     * a-ce; lowest E there with at most 3 % clarifications, {@code OrdinaryRepliesTest}, the module's examples and
     * {@code DevelopmentTableTest}'s floors on a-ce green; within 0.001 the grid's first):
     * {@link RecogniserCandidates#POINT_17} with a veto of 0.04 on the rules' ERASE (0.08); E 0.0767 on the folds
     * (recall 0.9457, 22 false stops of 1,960, clarifications 0.41 %), as -17's point. Points at 0.0719 there read
     * the module's "Keine Nachrichten mehr an meine Adresse" NONE or "Ich bekomme schon wieder Nachrichten von euch"
     * STOP with the model trained on a-ce.
     */
    static final SecondOpinion HARNESS_18 = new SecondOpinion(0.70, 0.70, 0.80, 0.08, 0.75, 0.50, 0.75, 0.50, 0.04,
            SecondOpinion.NEVER, 0.95, 0, 0, ClarificationsHarness.VETO_NAMED);

    /**
     * 2026.12-18's candidates, in the order the rule's last tie-break uses; the last two's model trained on a-ce
     * (52,643 rows), all but the first with 2026.12-18's rules (the guard fixes in 0de8622, reverted when -18 did not
     * ship: "no thanks" before a withdrawal, a negation inside a condition). The first is 2026.12-17 as committed: its figures on cf-cl
     * are the lead's, scored on main on arrival. Harness E: E on {@code ClarificationsHarness}'s folds by-ce
     * (05:49-05:54 UTC, 2026-12-07; the committed model, trained on a-bx, never saw them: 0.0748 with -17's rules as
     * in -17's round, and with -18's rules; the last two each scored by a model trained on the rest of a-ce).
     */
    static final List<RecogniserCandidates> ROUND_18 = List.of(
            new RecogniserCandidates("2026.12-17 as committed", null, RecogniserCandidates.POINT_17, 0.0748),
            new RecogniserCandidates("-17's model and point, -18's rules", null, RecogniserCandidates.POINT_17, 0.0748),
            new RecogniserCandidates("-12's recipe on a-ce, -18's rules, -17's point", ModelRecipes.RECENT_TWICE,
                    RecogniserCandidates.POINT_17, 0.0767),
            new RecogniserCandidates("-12's recipe on a-ce, -18's rules, the harness's point",
                    ModelRecipes.RECENT_TWICE, HARNESS_18, 0.0767));
}
