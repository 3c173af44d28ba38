package io.consentflow.gateway.domain;

import java.util.Objects;

/** The gate's answer: send, or refuse with exactly one reason. */
public record Decision(Refusal refusal, String detail) {

    private static final Decision SEND = new Decision(null, null);

    public static Decision send() {
        return SEND;
    }

    public static Decision refuse(Refusal refusal, String detail) {
        return new Decision(Objects.requireNonNull(refusal), detail);
    }

    public boolean allowed() {
        return refusal == null;
    }
}
