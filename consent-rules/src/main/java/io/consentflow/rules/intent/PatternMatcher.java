package io.consentflow.rules.intent;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the multi-word entries of every language in an annotated message, in two rounds: first the context classes
 * (fillers such as "thank you", cues such as "can you", traps such as "bus stop"), whose spans then carry that class,
 * then the findings (STOP, ERASE, START, YES, UNCERTAIN entries), which may refer to those classes. Only patterns
 * indexed under a token's stem or classes are tried, never every entry.
 */
final class PatternMatcher {

    private PatternMatcher() {
    }

    static List<Hit> hits(Annotation annotation) {
        List<Hit> hits = new ArrayList<>();
        int languages = annotation.lexicons.languages.size();
        for (int language = 0; language < languages; language++) {
            if (annotation.knows(language)) {
                run(annotation, language, false, hits);
            }
        }
        for (int language = 0; language < languages; language++) {
            if (annotation.knows(language)) {
                run(annotation, language, true, hits);
                singleWordHits(annotation, language, hits);
                haltHits(annotation, language, hits);
            }
        }
        return hits;
    }

    private static void run(Annotation annotation, int language, boolean findings, List<Hit> hits) {
        LanguageLexicon lexicon = annotation.lexicons.languages.get(language);
        for (int token = 0; token < annotation.message.size; token++) {
            for (Pattern pattern : annotation.literalStarts(language, token)) {
                tryAt(annotation, language, token, pattern, findings, hits);
            }
            long bits = annotation.classes(language, token);
            while (bits != 0) {
                int id = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                List<Pattern> patterns = lexicon.byFirstClass[id];
                if (patterns != null) {
                    for (Pattern pattern : patterns) {
                        tryAt(annotation, language, token, pattern, findings, hits);
                    }
                }
            }
        }
    }

    private static void tryAt(Annotation annotation, int language, int token, Pattern pattern, boolean findings,
            List<Hit> hits) {
        if (pattern.isHit() != findings) {
            return;
        }
        int[] elements = match(annotation, language, token, pattern.items());
        if (elements == null) {
            return;
        }
        if (findings) {
            hits.add(new Hit(pattern.role(), language, elements));
        } else {
            for (int t = elements[0]; t <= elements[elements.length - 1]; t++) {
                annotation.add(language, t, pattern.section());
            }
        }
    }

    /** The tokens matching the items in order, each within the gap of the one before and in the same clause. */
    static int[] match(Annotation annotation, int language, int start, Pattern.Item[] items) {
        if (!items[0].matches(annotation, language, start)) {
            return null;
        }
        int[] elements = new int[items.length];
        elements[0] = start;
        return extend(annotation, language, items, elements, 1) ? elements : null;
    }

    private static boolean extend(Annotation annotation, int language, Pattern.Item[] items, int[] elements, int k) {
        if (k == items.length) {
            return true;
        }
        Message message = annotation.message;
        int previous = elements[k - 1];
        int last = Math.min(message.size - 1, previous + 1 + items[k].gap());
        for (int t = previous + 1; t <= last && message.sameClause(t, previous); t++) {
            if (items[k].matches(annotation, language, t)) {
                elements[k] = t;
                if (extend(annotation, language, items, elements, k + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How far a word for the messages may stand from a word of cessation to be its object, either side. */
    static final int HALT_REACH = 5;

    /**
     * What an opt-out is in every language: a word of cessation, refusal, removal or withdrawal ({@link Role#HALT})
     * with a word for the messages in the same clause, in either order ("stop the messages", "Nachrichten bitte
     * stoppen", "реклама хватит"), or followed by a verb of sending or receiving ("stop writing me", "I don't want to receive"). The message's word for the
     * messages may come from another language when the finding's language does not know the word at all
     * ("ferma spam"). The finding is a STOP, judged like any other (negation, order objects, questions). A word of
     * cessation with no such word is a bare command ("Přestaňte!", "can you stop?", "Nem kérem"), judged as one.
     */
    private static void haltHits(Annotation annotation, int language, List<Hit> hits) {
        Message message = annotation.message;
        long send = annotation.lexicons.send | annotation.lexicons.receive;
        for (int halt = 0; halt < message.size; halt++) {
            if (!Role.HALT.in(annotation.classes(language, halt))) {
                continue;
            }
            int refusal = ownNegation(annotation, language, halt);
            int from = Math.max(0, halt - HALT_REACH);
            int to = Math.min(message.size - 1, halt + HALT_REACH);
            boolean paired = false;
            for (int t = from; t <= to && !paired; t++) {
                if (t == halt || !message.sameClause(t, halt) && !infinitiveClause(message, halt, t)) {
                    continue;
                }
                long own = annotation.classes(language, t);
                boolean sameClause = message.sameClause(t, halt);
                boolean messages = Role.CONTACT.in(own) || own == 0 && Role.CONTACT.in(annotation.anyClasses(t))
                        || sameClause && t > halt && (own & send) != 0;
                if (messages && !Role.HALT.in(own)) {
                    hits.add(new Hit(Role.STOP, language, t < halt ? join(t, refusal, halt) : join(-1, refusal,
                            halt, t)));
                    paired = true;
                }
            }
            if (!paired) {
                hits.add(new Hit(Role.STOP_BARE, language, join(-1, refusal, halt)));
            }
        }
    }

    /**
     * "I don't want to hear from you anymore", "Ei taha", "No quiero que guarden mi número": where the word of
     * cessation ends an unbroken run of its own words that holds a negation ("=dont +=want", "=ei +=taha"), the
     * first of the run; else the word itself. The negation is the refusal's own word, so it is one of the finding's
     * ({@link Hit#elements()}), never a negation of it ({@code FindingGuards.negated}), and a refusal of a thing is
     * seen as one ({@code OrderObjects.refusalOfAThing}).
     */
    private static int ownNegation(Annotation annotation, int language, int halt) {
        int first = halt;
        boolean negation = false;
        while (first > 0 && Role.HALT.in(annotation.classes(language, first - 1))
                && annotation.message.sameClause(first - 1, halt)) {
            first--;
            negation |= Role.NEGATE.in(annotation.classes(language, first));
        }
        return negation ? first : halt;
    }

    /** The tokens before, the run from {@code first} to {@code last}, and the tokens after, in order. */
    private static int[] join(int before, int first, int last, int... after) {
        int[] elements = new int[(before < 0 ? 0 : 1) + last - first + 1 + after.length];
        int k = 0;
        if (before >= 0) {
            elements[k++] = before;
        }
        for (int t = first; t <= last; t++) {
            elements[k++] = t;
        }
        for (int t : after) {
            elements[k++] = t;
        }
        return elements;
    }

    /**
     * "Ich möchte, dass Sie aufhören, mir Angebote zu schicken": a word of cessation that ends its clause, and the
     * clause right after it in the same sentence, which says what is to stop.
     */
    private static boolean infinitiveClause(Message message, int halt, int t) {
        return t > halt && message.sentence[t] == message.sentence[halt] && halt + 1 < message.size
                && !message.sameClause(halt, halt + 1) && message.sameClause(halt + 1, t);
    }

    private static void singleWordHits(Annotation annotation, int language, List<Hit> hits) {
        for (int token = 0; token < annotation.message.size; token++) {
            long found = annotation.classes(language, token) & Role.HITS;
            while (found != 0) {
                int id = Long.numberOfTrailingZeros(found);
                found &= found - 1;
                hits.add(new Hit(Role.values()[id], language, new int[] {token}));
            }
        }
    }
}
