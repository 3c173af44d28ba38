package io.consentflow.rules.intent;

/**
 * How {@link OptOutModelTrainer} learns a model: its features ({@link OptOutModel.Hashing}), the learner, and the
 * AdaGrad schedule (epochs, base rate, L2 shrinkage).
 *
 * @param name    what the harnesses print
 * @param hashing the features of the model it makes
 * @param learner plain logistic regression, the same with Naive Bayes-weighted features, or the mean of the two
 * @param nearMissWeight how much more a near miss weighs in learning than another row: an ordinary message (NONE,
 *                YES, START, UNCERTAIN) in which the rules found a word of withdrawal or negation or read a withdrawal
 *                ({@link OptOutModelTrainer#nearMiss}); 1 for none
 * @param hidden  a {@link HiddenLayer} beside the linear model ({@link Hidden#NONE} for none, {@link HiddenLayerTrainer})
 * @param recentWeight how much more a row of the recent tables weighs ({@link OptOutModelTrainer#recent}: ac and
 *                later, written to briefs about indirect complaints, slang and complaints that are no withdrawal); 1
 *                for none
 * @param seeds   how many linear models, each visiting the rows in the order of its own seed (21, 22, ...), are
 *                averaged into one (bagging over shuffles); 1 for one
 * @param newestWeight how much a row of the newest tables weighs ({@link OptOutModelTrainer#newest}: ap and later,
 *                written to briefs asking for at least a third of indirect complaints with no word of withdrawal),
 *                instead of {@code recentWeight} (2026.12-20)
 * @param indirectWeight how much more an indirect opt-out weighs ({@link OptOutModelTrainer#indirect}: an opt-out in
 *                which the rules found no word of withdrawal or negation, the kind only the model hears); 1 for none
 *                (2026.12-22)
 */
record TrainingRecipe(String name, OptOutModel.Hashing hashing, Learner learner, int epochs, double rate, double l2,
        double nearMissWeight, Hidden hidden, double recentWeight, int seeds, double newestWeight,
        double indirectWeight) {

    /** Indirect opt-outs weighing as any other row, as every recipe before 2026.12-22. */
    TrainingRecipe(String name, OptOutModel.Hashing hashing, Learner learner, int epochs, double rate, double l2,
            double nearMissWeight, Hidden hidden, double recentWeight, int seeds, double newestWeight) {
        this(name, hashing, learner, epochs, rate, l2, nearMissWeight, hidden, recentWeight, seeds, newestWeight, 1);
    }

    /**
     * A hidden layer's shape and schedule.
     *
     * @param units  rectified units (0 for no layer)
     * @param epochs its own epochs (early stopping: fewer than the linear model's may generalise better)
     * @param l2     its own L2 shrinkage
     * @param meanOfProbabilities whether the model's probability is the mean of the linear and the layer's
     *               probabilities (2026.12-12's candidate) rather than the probability of their mean logit (-11's)
     */
    record Hidden(int units, int epochs, double l2, boolean meanOfProbabilities) {
        static final Hidden NONE = new Hidden(0, 0, 0, false);
    }

    /** The newest tables weighing as the recent ones, as every recipe before 2026.12-20. */
    TrainingRecipe(String name, OptOutModel.Hashing hashing, Learner learner, int epochs, double rate, double l2,
            double nearMissWeight, Hidden hidden, double recentWeight, int seeds) {
        this(name, hashing, learner, epochs, rate, l2, nearMissWeight, hidden, recentWeight, seeds, recentWeight);
    }

    /** Every row weighing alike and no hidden layer, as every recipe before 2026.12-11. */
    TrainingRecipe(String name, OptOutModel.Hashing hashing, Learner learner, int epochs, double rate, double l2) {
        this(name, hashing, learner, epochs, rate, l2, 1, 0);
    }

    /** 2026.12-11's candidates: near misses weighed, a hidden layer on the linear schedule, logits averaged. */
    TrainingRecipe(String name, OptOutModel.Hashing hashing, Learner learner, int epochs, double rate, double l2,
            double nearMissWeight, int hiddenUnits) {
        this(name, hashing, learner, epochs, rate, l2, nearMissWeight,
                hiddenUnits == 0 ? Hidden.NONE : new Hidden(hiddenUnits, epochs, l2, false), 1, 1);
    }

    enum Learner {
        /** Logistic regression on the features as they are. */
        LOGISTIC,
        /** NBSVM-style: each feature scaled by its Naive Bayes log-count ratio between opt-outs and the rest. */
        NB_WEIGHTED,
        /** The mean of the two above, one weight vector since both read the same features. */
        ENSEMBLE
    }

    int hiddenUnits() {
        return hidden.units();
    }

    TrainingRecipe with(Learner other) {
        return new TrainingRecipe(name, hashing, other, epochs, rate, l2, nearMissWeight, hidden, recentWeight, seeds,
                newestWeight, indirectWeight);
    }

    /** The same recipe with another name and hidden layer (the tuning harness's variants). */
    TrainingRecipe with(String otherName, Hidden other) {
        return new TrainingRecipe(otherName, hashing, learner, epochs, rate, l2, nearMissWeight, other, recentWeight,
                seeds, newestWeight, indirectWeight);
    }

    /** The recipe in one line, for the model's provenance header. */
    String describe() {
        return name + ": " + learner + ", 2^" + hashing.bits() + " weights, character 2-" + hashing.maxGram()
                + "-grams and words" + (hashing.wordPairs() ? " and pairs of words" : "") + ", AdaGrad SGD, seed "
                + OptOutModelTrainer.SEED + (seeds > 1 ? " to " + (OptOutModelTrainer.SEED + seeds - 1) + " averaged"
                        : "") + ", " + epochs + " epochs, rate " + rate + ", L2 " + l2
                + (nearMissWeight != 1 ? ", near misses x" + nearMissWeight : "")
                + (recentWeight != 1 ? ", tables ac and later x" + recentWeight : "")
                + (newestWeight != recentWeight ? ", tables ap and later x" + newestWeight : "")
                + (indirectWeight != 1 ? ", indirect opt-outs x" + indirectWeight : "")
                + (hidden.units() > 0 ? ", hidden layer " + hidden.units() + " units over 2^" + HiddenLayerTrainer.BITS
                        + ", " + hidden.epochs() + " epochs, L2 " + hidden.l2()
                        + (hidden.meanOfProbabilities() ? ", mean of probabilities" : "") : "");
    }
}
