package io.consentflow.audit.app;

/**
 * Another appender (a redelivery, a zombie consumer after a rebalance) already wrote this position or record.
 * {@link #failedIndex()} is the position, in the list given to {@link EntryStore#insert}, of the first document the
 * store refused: an ordered insert stored exactly the documents before it and none after it. -1 when the driver did
 * not say (then nothing is known about which documents were stored).
 */
public class DuplicateEntryException extends RuntimeException {

    private final int failedIndex;

    public DuplicateEntryException(Throwable cause) {
        this(cause, -1);
    }

    public DuplicateEntryException(Throwable cause, int failedIndex) {
        super("an entry with this id or chain position already exists", cause);
        this.failedIndex = failedIndex;
    }

    public int failedIndex() {
        return failedIndex;
    }
}
