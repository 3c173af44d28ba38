package io.consentflow.rules.intent;

/**
 * What an inbound chat message asks for.
 *
 * <ul>
 *   <li>{@link #STOP}: withdraws marketing consent (GDPR Art. 7(3), UWG §7) — any clear objection, in any words.</li>
 *   <li>{@link #ERASE}: an Art. 17 request made in the chat ("delete my number", "remove me from your list"); it
 *       withdraws consent as well.</li>
 *   <li>{@link #START}: asks to (re)subscribe.</li>
 *   <li>{@link #YES}: a short confirmation of a pending opt-in.</li>
 *   <li>{@link #UNCERTAIN}: mentions opting out without clearly doing so ("how do I unsubscribe?", "if you keep
 *       sending I'll unsubscribe"): a person should look at it.</li>
 *   <li>{@link #NONE}: everything else.</li>
 * </ul>
 */
public enum Intent { STOP, ERASE, START, YES, UNCERTAIN, NONE }
