package io.consentflow.consent.app;

/** How a call to another service ended, as the Art. 15 export reports it. */
public enum PeerStatus {
    /** answered 2xx; its body is embedded */
    OK,
    /** down, slow (timeout), 5xx or an unreadable answer */
    UNAVAILABLE,
    /** 401/403: the relayed caller is not allowed there (each peer applies its own role rules) */
    DENIED
}
