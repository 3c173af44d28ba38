package io.consentflow.gateway.domain;

import java.time.Instant;

/**
 * A claimed send request as the message log keeps it: never the number or the text.
 *
 * @param contactKey the number's HMAC pseudonym (frequency cap and pacing are rebuilt from it after a restart)
 * @param category   the category the gate judged by: for a template the one Meta registered it in
 * @param partition  the send-requests partition it was read from (-1: not read from Kafka), so the instance that
 *                   owns the partition settles it
 * @param offset     the record's offset in that partition (-1: not read from Kafka, or claimed by an earlier
 *                   version), so the owner can read the request again and resume it without a redelivery
 */
public record RequestClaim(String requestId, String subjectId, String contactKey, Category category, String purpose,
        String template, String campaignId, Instant claimedAt, int partition, long offset) {
}
