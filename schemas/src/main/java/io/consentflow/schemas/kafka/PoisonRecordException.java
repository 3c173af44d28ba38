package io.consentflow.schemas.kafka;

/**
 * A record that decoded but can never be processed (invalid field, impossible state). Listeners throw it with a
 * field-level reason that contains no personal data; the error handler sends the record to the DLT at once.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String reason) {
        super(reason);
    }
}
