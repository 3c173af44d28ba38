package io.consentflow.gateway.app;

import io.consentflow.gateway.domain.RequestClaim;
import io.consentflow.gateway.domain.SendOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The message log as the send path needs it (port; stored by {@code adapters.mongo.MongoMessageLog}): per requestId
 * the claim that makes a request go out at most once, the call recorded before its HTTP request leaves, its
 * {@link SendOutcome} and the delivery statuses Meta reported. It holds the subjectId and the contactKey pseudonym,
 * never the number or the text.
 */
public interface MessageLog {

    /**
     * A requestId as its claim found it: {@code ours} when this attempt inserted the claim; otherwise the claim as
     * stored, when its call was recorded (null: never called, so safe to send) and its outcome (null: none yet).
     */
    record ClaimState(RequestClaim claim, boolean ours, Instant callingAt, SendOutcome outcome) {

        public static ClaimState ours(RequestClaim claim) {
            return new ClaimState(claim, true, null, null);
        }
    }

    /** @param calling about to call Meta (false: a refusal is stored); @param token tells this attempt's record */
    record CallRecord(String requestId, boolean calling, long token) {
    }

    /** A decided outcome to store. */
    record Decided(String requestId, SendOutcome outcome) {
    }

    /** An open claim: where its request lies in send-requests and when it was claimed. */
    record OpenClaim(String requestId, int partition, long offset, Instant claimedAt) {
    }

    /** A request let through (not BLOCKED): what the frequency ledger and the recipient pacer are rebuilt from. */
    record RecentSend(String requestId, String contactKey, String category, Instant claimedAt) {
    }

    Mono<Void> createIndexes();

    /**
     * Claims distinct requestIds with one unordered insertMany; the requests read from Kafka are entered among the
     * open claims first, so none is claimed without its entry.
     */
    Mono<Map<String, ClaimState>> claimAll(List<RequestClaim> requests);

    /** The request as the log holds it, or empty. */
    Mono<ClaimState> state(String requestId);

    /** These requests as the log holds them (one {@code $in} lookup per collection); unknown ones are absent. */
    Mono<Map<String, ClaimState>> states(List<String> requestIds);

    /**
     * Records the calls of these requests (one unordered insertMany): whoever records a request's call first decides
     * it, by calling Meta or by storing a refusal. Answers the requestIds this attempt now decides; the others were
     * decided by an attempt of their own (a redelivery on another instance).
     */
    Mono<Set<String>> decide(List<CallRecord> calls, Instant at);

    /**
     * Stores outcomes with one unordered insertMany and answers the requestIds whose outcome is now the stored one:
     * the first outcome of a request wins (a status webhook may have settled it already), and only a stored outcome
     * is announced.
     */
    Mono<Set<String>> outcomes(List<Decided> outcomes);

    /**
     * The requests that were let through (not BLOCKED) since {@code pacingSince} in any category, and since
     * {@code marketingSince} for MARKETING.
     */
    Flux<RecentSend> recentSends(Instant marketingSince, Instant pacingSince);

    /** The claims read from Kafka that have no outcome yet: a short list. */
    Flux<OpenClaim> openClaims();

    /**
     * Of these requestIds, the ones claimed and never called; the entries of the others (decided, called, or their
     * claim gone with an erasure) are removed from the open claims.
     */
    Mono<Set<String>> neverCalled(List<String> requestIds);

    /** The request as logged (claim, outcome, wamid, statuses), or empty. */
    Mono<LoggedMessage> logged(String requestId);

    /** Every log record of a subject, oldest claim first (Art. 15 export). */
    Flux<LoggedMessage> loggedOfSubject(String subjectId);

    /** Every log record of a campaign with its outcome (the campaign report). */
    Flux<LoggedMessage> loggedOfCampaign(String campaignId);
}
