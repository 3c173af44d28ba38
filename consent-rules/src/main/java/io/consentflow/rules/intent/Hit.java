package io.consentflow.rules.intent;

/**
 * A lexicon entry of a finding section ({@link Role#hit}) found in a message.
 *
 * @param role     the section it stands in
 * @param language index of the lexicon it comes from
 * @param elements the tokens its items matched, in order; the tokens between them are gaps
 */
record Hit(Role role, int language, int[] elements) {

    int start() {
        return elements[0];
    }

    int end() {
        return elements[elements.length - 1];
    }

    boolean isElement(int token) {
        for (int element : elements) {
            if (element == token) {
                return true;
            }
        }
        return false;
    }
}
