package io.consentflow.rules.intent;

/**
 * Judges one lexicon finding in its context, for {@link IntentRules}: what it asks for once the guards
 * ({@link FindingGuards}, {@link OrderObjects}, traps) have had their say, a bare command only in a bare clause, a
 * withdrawal in a question, a condition or with a hedge UNCERTAIN. It remembers whether a guard voided a word of
 * withdrawal, which keeps the model from being heard ({@link IntentRules.Evidence#guarded()}). Split from
 * {@link IntentRules} in 2026.12-18.
 */
final class FindingJudge {

    /** What may stand beside a bare command: "please stop", "STOP all messages", "can you stop?", "ne! přestaňte". */
    private static final long BARE_STOP = Role.FILLER.bit() | Role.CONTACT.bit() | Role.STOP.bit()
            | Role.STOP_BARE.bit() | Role.YES.bit() | Role.ERASE.bit() | Role.ERASE_BARE.bit() | Role.HALT.bit()
            | Role.REQUEST.bit();
    private static final long BARE_START = Role.FILLER.bit() | Role.CONTACT.bit() | Role.START.bit()
            | Role.START_BARE.bit() | Role.YES.bit();
    private static final long BARE_YES = Role.FILLER.bit() | Role.YES.bit();

    private static final java.util.Set<Role> WITHDRAWALS = java.util.EnumSet.of(Role.STOP, Role.STOP_BARE, Role.ERASE,
            Role.ERASE_BARE);

    private final Annotation annotation;
    private final Message message;
    private final long[] any;
    private final SentenceContext context;
    private final FindingGuards guards;
    private final OrderObjects objects;
    private final BareClauses bare;
    private boolean guarded;

    FindingJudge(Annotation annotation, long[] any, FindingGuards guards) {
        this.annotation = annotation;
        this.message = annotation.message;
        this.any = any;
        this.context = new SentenceContext(annotation, any);
        this.guards = guards;
        this.objects = new OrderObjects(annotation, any);
        this.bare = new BareClauses(annotation, any);
    }

    /** How many tokens a language knows: of equally strong findings, the language of most of the message decides. */
    int coverage(int language) {
        if (language < 0) {
            return -1;
        }
        int known = 0;
        for (int t = 0; t < message.size; t++) {
            known += annotation.classes(language, t) != 0 ? 1 : 0;
        }
        return known;
    }

    Intent judge(Hit hit) {
        if (covers(hit, Role.TRAP.bit()) || guards.negated(hit)) {
            return guarded(hit);
        }
        return switch (hit.role()) {
            case STOP -> objects.orderIsObject(hit)
                    || objects.exclamation(hit) && objects.bareAboutAnOrder(hit)
                    || objects.refusalOfAThing(hit) && objects.aboutAnOrder(hit, true)
                    ? guarded(hit) : withdrawal(hit, Intent.STOP);
            case STOP_BARE -> guards.corrected(hit) || guards.conditionFollows(hit)
                    || objects.refusalOfAThing(hit) && objects.aboutAnOrder(hit, true) ? guarded(hit)
                    : bare.bareClause(hit, BARE_STOP) ? objects.bareAboutAnOrder(hit) ? guarded(hit) : withdrawal(hit, Intent.STOP)
                    : mention(hit, !Role.MENTION.in(annotation.classes(hit.language(), hit.start())));
            case MENTION -> mention(hit, false);
            case ERASE -> objects.erasesAnOrder(hit) ? guarded(hit) : withdrawal(hit, Intent.ERASE);
            case ERASE_BARE -> !bare.bareClause(hit, BARE_STOP) ? Intent.NONE
                    : objects.erasesAnOrder(hit) ? guarded(hit) : withdrawal(hit, Intent.ERASE);
            case START -> objects.orderIsObject(hit) ? Intent.NONE : request(hit, Intent.START); // "send the invoice again"
            case START_BARE -> bare.bareClause(hit, BARE_START) ? request(hit, Intent.START) : Intent.NONE;
            case YES -> bare.bareMessage(hit, BARE_YES) ? request(hit, Intent.YES) : Intent.NONE;
            case UNCERTAIN -> Intent.UNCERTAIN;
            default -> Intent.NONE;
        };
    }

    /** NONE for a finding a guard voids; for a word of withdrawal, remembered as {@link #guarded()}. */
    private Intent guarded(Hit hit) {
        guarded |= WITHDRAWALS.contains(hit.role());
        return Intent.NONE;
    }

    /** Whether a guard has voided a word of withdrawal in this message. */
    boolean guarded() {
        return guarded;
    }

    private Intent withdrawal(Hit hit, Intent intent) {
        if (context.question(hit) && !context.politeRequest(hit) && !context.alreadyDone(hit)
                && !(hit.role() == Role.STOP && hit.elements().length > 1 && context.yesNoQuestion(hit))) {
            // "No more offers on shoes?", "Keine Angebote mehr auf Lager?": a question about stock asks nothing of us
            return objects.orderInClause(hit) ? Intent.NONE : Intent.UNCERTAIN;
        }
        if (context.conditional(hit) || context.hedged(hit.start())) {
            return Intent.UNCERTAIN;
        }
        return intent;
    }

    /**
     * An opt-out word outside a command ("can I unsubscribe later?", "if you keep sending I'll leave") is UNCERTAIN
     * in a question or a condition, and nothing elsewhere. A generic command word in a question needs capitals, as
     * a quoted keyword ("what happens if I reply STOP?"): "the zip stops halfway, can I swap it?" is about a zip.
     */
    private Intent mention(Hit hit, boolean genericWord) {
        boolean conditional = context.conditional(hit);
        boolean quoted = message.capitals[hit.start()];
        if (!context.question(hit) && !conditional || !quoted && objects.orderIsObject(hit)) {
            return Intent.NONE;
        }
        return genericWord && !conditional && !quoted ? Intent.NONE : Intent.UNCERTAIN;
    }

    /** START and YES only count as plain statements or requests, never asked about or made conditional. */
    private Intent request(Hit hit, Intent intent) {
        if (context.question(hit) && !context.politeRequest(hit) && !context.alreadyDone(hit) || context.conditional(hit)) {
            return Intent.NONE;
        }
        return intent;
    }

    private boolean covers(Hit hit, long bits) {
        for (int t : hit.elements()) {
            if ((any[t] & bits) != 0) {
                return true;
            }
        }
        return false;
    }
}
