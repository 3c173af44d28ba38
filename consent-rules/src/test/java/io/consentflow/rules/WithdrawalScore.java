package io.consentflow.rules;

import io.consentflow.rules.intent.Intent;

/**
 * The one scoring rule of every evaluation of the recogniser: an opt-out read as STOP or ERASE is a hit, anything else
 * a miss; an ordinary message read as STOP or ERASE is a false stop, read as UNCERTAIN a clarification.
 */
public class WithdrawalScore {

    public int optOuts;
    public int hits;
    public int ordinary;
    public int falseStops;
    public int clarifications;

    /** Counts one message; a message that is neither an opt-out nor ordinary (START, YES, UNCERTAIN) counts for neither. */
    public void add(boolean optOut, boolean ordinaryMessage, Intent got) {
        boolean heard = got == Intent.STOP || got == Intent.ERASE;
        if (optOut) {
            optOuts++;
            hits += heard ? 1 : 0;
        } else if (ordinaryMessage) {
            ordinary++;
            falseStops += heard ? 1 : 0;
            clarifications += got == Intent.UNCERTAIN ? 1 : 0;
        }
    }

    public double recall() {
        return optOuts == 0 ? 1 : (double) hits / optOuts;
    }

    public double falseStopRate() {
        return ordinary == 0 ? 0 : (double) falseStops / ordinary;
    }

    public double clarificationRate() {
        return ordinary == 0 ? 0 : (double) clarifications / ordinary;
    }
}
