package io.consentflow.consent.app;

/**
 * retention-service's answer to an Art. 17 request.
 *
 * @param status         OK when retention-service accepted it and returned an erasureId
 * @param erasureId      the id every receipt (SubjectErased, MessageLogErased) will carry; null unless OK
 * @param erasureStatus  retention-service's status of that erasure (e.g. REQUESTED); null unless OK
 * @param location       where the erasure and its receipts can be followed; null unless OK
 */
public record ErasureOutcome(PeerStatus status, String erasureId, String erasureStatus, String location) {
}
