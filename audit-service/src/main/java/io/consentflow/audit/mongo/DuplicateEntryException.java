package io.consentflow.audit.mongo;

/** Another appender (a redelivery, a zombie consumer after a rebalance) already wrote this position or record. */
public class DuplicateEntryException extends RuntimeException {

    public DuplicateEntryException(Throwable cause) {
        super("an entry with this id or chain position already exists", cause);
    }
}
