package io.consentflow.gateway.adapters.mongo;


/**
 * The message log's collections and the claim fields erasure and expiry read, as the send path writes them
 * ({@code send.MongoMessageLog}, {@code send.LogDocuments}): a claim per requestId in {@code message_log}, its outcome
 * under the same {@code _id} in {@code message_outcomes}, the record of its call in {@code message_calls} and, while
 * its outcome is open, its entry in {@code message_unsettled}.
 */
final class LogCollections {

    static final String CLAIMS = MongoMessageLog.COLLECTION;
    static final String OUTCOMES = MongoMessageLog.OUTCOMES;
    static final String CALLS = MongoMessageLog.CALLS;
    static final String UNSETTLED = MongoMessageLog.UNSETTLED;
    static final String ID = "_id";
    static final String SUBJECT_ID = "subjectId";
    static final String CONTACT_KEY = "contactKey";
    static final String PURPOSE = "purpose";
    static final String CLAIMED_AT = "claimedAt";

    private LogCollections() {
    }
}
