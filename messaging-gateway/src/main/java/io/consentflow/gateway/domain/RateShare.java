package io.consentflow.gateway.domain;

/**
 * This instance's share of Meta's per-number send rate (docs/architecture.md#send): every instance of one business
 * number takes the rate in proportion to the send-requests partitions it owns, rounded down, so that the shares
 * never add up to more than the number's rate. Kafka assigns each partition to one consumer at a time, so the owned
 * partitions of all instances never add up to more than the topic has.
 */
public final class RateShare {

    private RateShare() {
    }

    /**
     * @param numberRate  the business number's rate (messages per second)
     * @param owned       partitions of send-requests this instance owns now
     * @param partitions  partitions the topic has
     * @return messages per second this instance may send; at least 1, so that what it still holds can finish
     */
    public static int of(int numberRate, int owned, int partitions) {
        if (numberRate < 1 || partitions < 1 || owned < 0 || owned > partitions) {
            throw new IllegalArgumentException("rate " + numberRate + ", owned " + owned + " of " + partitions);
        }
        return Math.max(1, (int) ((long) numberRate * owned / partitions));
    }
}
