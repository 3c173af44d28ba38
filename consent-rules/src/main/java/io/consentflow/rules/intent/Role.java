package io.consentflow.rules.intent;

/**
 * The lexicon sections the rules give a meaning to. Every section of a lexicon file is a class of words a token can
 * belong to, and patterns refer to any of them as {@code @name}; these are the ones the code reads. Sections with
 * other names ({@code [@want]}, {@code [@data]}) are classes that only patterns use.
 */
enum Role {
    /** Withdraws wherever it stands: "abmelden", "unsubscribe", "I withdraw my consent". */
    STOP("stop", true),
    /** Withdraws only as a bare command, with nothing but fillers around it: "STOP", "Ende bitte", "cancel". */
    STOP_BARE("stop-bare", true),
    /** An Art. 17 request: "delete my number", "remove me from your list". */
    ERASE("erase", true),
    /** An erasure only as a bare command: "DELETE", "Löschen bitte" ("I deleted the app" is none). */
    ERASE_BARE("erase-bare", true),
    START("start", true),
    START_BARE("start-bare", true),
    /** Confirms only when the whole message is this and fillers: "Ja", "yes please". */
    YES("yes", true),
    /**
     * Names an opt-out without asking for one; in a question or a condition it makes the message UNCERTAIN ("what
     * happens if I reply STOP?"). A single word counts only when written in capitals, as a quoted keyword: a plain
     * "stops" in a question is a device or a parcel ("the zip stops halfway, can I swap it?").
     */
    MENTION("mention", true),
    /** Mentions opting out without doing it, on its own: "too many messages". */
    UNCERTAIN("uncertain", true),
    /** Makes a withdrawal in the same sentence tentative: "maybe", "vielleicht". */
    HEDGE("hedge", false),
    /** Interrogatives that make a sentence a question when they lead it: "how", "wie". */
    QUESTION("question", false),
    /** Turns a question into a request: "can you", "könnten Sie", "please". */
    REQUEST("request", false),
    /** Leads a conditional clause: "if", "wenn", "otherwise". */
    CONDITION("condition", false),
    /** Cancels an opt-out word right after it: "don't", "nicht", "never". */
    NEGATE("negate", false),
    /** May stand around a bare command: "please", "bitte", "thanks". */
    FILLER("filler", false),
    /** Objects of ordinary cancellations: "order", "Bestellung", "delivery". */
    ORDER("order", false),
    /** Spans that are never an opt-out: "bus stop", "stop by". */
    TRAP("trap", false),
    /** Verbs of stopping that an {@link #ORDER} object turns into an ordinary request: "stop", "cancel". */
    CEASE("cease", false),
    /** What marketing arrives as: "messages", "ads", "newsletter"; they may stand around a bare command. */
    CONTACT("contact", false),
    /**
     * Marks a sentence as correcting oneself ("Stop, I wrote the wrong size", "Stopp, jag skrev fel"): a bare command
     * in such a sentence means "wait", not a withdrawal.
     */
    CORRECTION("correction", false),
    /**
     * Says the message was meant for another chat ("sorry, wrong chat", "me equivoqué de chat"): nothing in it is
     * addressed to the shop, so nothing in it counts.
     */
    MISDIRECTED("misdirected", false),
    /**
     * Words of cessation, refusal, removal or withdrawal in their command, infinitive and first-person forms ("stop",
     * "přestaňte", "zrušit", "widerrufe", "أوقفوا"): an opt-out when they stand in one clause with a word for the
     * messages ({@link #CONTACT}) in either order, or before a verb of sending ("stop writing"). Like {@link #CEASE},
     * an order as their object makes them ordinary ("stop my order").
     */
    HALT("halt", false),
    /** "already", "schon", "už": a withdrawal told as done already ("I already unsubscribed, why ...?"). */
    ALREADY("already", false);

    final String section;
    /** Whether an entry of this section is a finding in itself rather than context for one. */
    final boolean hit;

    Role(String section, boolean hit) {
        this.section = section;
        this.hit = hit;
    }

    long bit() {
        return 1L << ordinal();
    }

    boolean in(long mask) {
        return (mask & bit()) != 0;
    }

    static final long HITS = STOP.bit() | STOP_BARE.bit() | ERASE.bit() | ERASE_BARE.bit() | START.bit() | START_BARE.bit() | YES.bit() | MENTION.bit()
            | UNCERTAIN.bit();

    /** The roles of a word of withdrawal, doubt about one, or negation: where the learned second opinion is heard most. */
    static final long WITHDRAWAL_CUES = STOP.bit() | STOP_BARE.bit() | ERASE.bit() | ERASE_BARE.bit() | MENTION.bit()
            | UNCERTAIN.bit() | CEASE.bit() | HALT.bit() | NEGATE.bit() | ALREADY.bit();
}
