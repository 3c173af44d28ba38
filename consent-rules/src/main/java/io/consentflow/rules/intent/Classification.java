package io.consentflow.rules.intent;

/**
 * The intent read from a message.
 *
 * @param intent            what the message asks for
 * @param language          ISO 639-1 code of the lexicon entry that decided; null for {@link Intent#NONE}, and for
 *                          the suite's own buttons, which carry no language
 * @param recogniserVersion {@link IntentRecogniser#VERSION} of the lexicons and rules that decided, so that a stored
 *                          decision can be traced to the rules that made it
 */
public record Classification(Intent intent, String language, String recogniserVersion) {
}
