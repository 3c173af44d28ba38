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
 * @param hiddenUnits a {@link HiddenLayer} of this many units beside the linear model (0 for none), its logit
 *                averaged with the linear one ({@link HiddenLayerTrainer})
 */
record TrainingRecipe(String name, OptOutModel.Hashing hashing, Learner learner, int epochs, double rate, double l2,
        double nearMissWeight, int hiddenUnits) {

    /** Every row weighing alike and no hidden layer, as every recipe before 2026.12-11. */
    TrainingRecipe(String name, OptOutModel.Hashing hashing, Learner learner, int epochs, double rate, double l2) {
        this(name, hashing, learner, epochs, rate, l2, 1, 0);
    }

    enum Learner {
        /** Logistic regression on the features as they are. */
        LOGISTIC,
        /** NBSVM-style: each feature scaled by its Naive Bayes log-count ratio between opt-outs and the rest. */
        NB_WEIGHTED,
        /** The mean of the two above, one weight vector since both read the same features. */
        ENSEMBLE
    }

    TrainingRecipe with(Learner other) {
        return new TrainingRecipe(name, hashing, other, epochs, rate, l2, nearMissWeight, hiddenUnits);
    }

    /** The recipe in one line, for the model's provenance header. */
    String describe() {
        return name + ": " + learner + ", 2^" + hashing.bits() + " weights, character 2-" + hashing.maxGram()
                + "-grams and words" + (hashing.wordPairs() ? " and pairs of words" : "") + ", AdaGrad SGD, seed "
                + OptOutModelTrainer.SEED + ", " + epochs + " epochs, rate " + rate + ", L2 " + l2
                + (nearMissWeight != 1 ? ", near misses x" + nearMissWeight : "")
                + (hiddenUnits > 0 ? ", hidden layer " + hiddenUnits + " units over 2^" + HiddenLayerTrainer.BITS : "");
    }
}
