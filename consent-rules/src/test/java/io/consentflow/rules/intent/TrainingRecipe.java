package io.consentflow.rules.intent;

/**
 * How {@link OptOutModelTrainer} learns a model: its features ({@link OptOutModel.Hashing}), the learner, and the
 * AdaGrad schedule (epochs, base rate, L2 shrinkage).
 *
 * @param name    what the harnesses print
 * @param hashing the features of the model it makes
 * @param learner plain logistic regression, the same with Naive Bayes-weighted features, or the mean of the two
 */
record TrainingRecipe(String name, OptOutModel.Hashing hashing, Learner learner, int epochs, double rate, double l2) {

    enum Learner {
        /** Logistic regression on the features as they are. */
        LOGISTIC,
        /** NBSVM-style: each feature scaled by its Naive Bayes log-count ratio between opt-outs and the rest. */
        NB_WEIGHTED,
        /** The mean of the two above, one weight vector since both read the same features. */
        ENSEMBLE
    }

    TrainingRecipe with(Learner other) {
        return new TrainingRecipe(name, hashing, other, epochs, rate, l2);
    }

    /** The recipe in one line, for the model's provenance header. */
    String describe() {
        return name + ": " + learner + ", 2^" + hashing.bits() + " weights, character 2-" + hashing.maxGram()
                + "-grams and words, AdaGrad SGD, seed " + OptOutModelTrainer.SEED + ", " + epochs + " epochs, rate "
                + rate + ", L2 " + l2;
    }
}
