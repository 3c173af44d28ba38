package io.consentflow.schemas;

import org.apache.kafka.common.errors.SerializationException;

/** A Kafka value that is not a decodable ConsentFlow event. Never retried: it goes to the dead-letter topic. */
public class EventDecodingException extends SerializationException {

    public EventDecodingException(String message) {
        super(message);
    }

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
