package io.consentflow.schemas.kafka;

import io.consentflow.schemas.EventDecodingException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Whether a listener failed because the database or the broker is unavailable (a connection refused or lost, a
 * timeout, a server that is not primary yet) rather than because of the record. Such a record is valid and must be
 * processed once the infrastructure is back: it is retried, never dead-lettered. Classified by the exception's class
 * (and its causes'), by name for MongoDB and Spring's data-access types, so this module needs neither driver.
 */
public final class InfrastructureFaults {

    /** MongoDB's and Spring's unavailability exceptions (and, through the class hierarchy, their subclasses). */
    private static final Set<String> TRANSIENT = Set.of(
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "com.mongodb.MongoConnectionPoolClearedException",
            "com.mongodb.MongoInterruptedException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessException");

    private InfrastructureFaults() {
    }

    /** A record that can never be processed (undecodable, invalid) is no infrastructure fault, whatever caused it. */
    public static boolean isInfrastructure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EventDecodingException || t instanceof PoisonRecordException
                    || t instanceof DeserializationException) {
                return false;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof ClosedChannelException) {
                return true;
            }
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
