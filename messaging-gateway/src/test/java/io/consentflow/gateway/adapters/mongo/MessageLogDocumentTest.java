package io.consentflow.gateway.adapters.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.Refusal;
import io.consentflow.gateway.domain.RequestClaim;
import io.consentflow.gateway.domain.SendOutcome;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The message log's documents: what the claim and the outcome write, and the request readers see merged. */
class MessageLogDocumentTest {

    private static final Instant CLAIMED = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant DONE = CLAIMED.plusMillis(180);

    private static final RequestClaim REQUEST = new RequestClaim("req-1", "subject-1", "key-1", Category.MARKETING,
            "offers", "offer", "campaign-1", CLAIMED, 3, 42);

    private static Document claim() {
        return LogDocuments.claim(REQUEST).append("claimToken", "token-1");
    }

    private static SendOutcome sent(String eventId, String wamid) {
        return new SendOutcome.Sent(eventId, DONE, wamid);
    }

    @Test
    void aClaimIsClaimedWithOneTimelineEntryAndNoStoredStateOrTimeline() {
        Document claim = claim();
        assertThat(claim).doesNotContainKeys("state", "timeline", "outcome", "wamid");
        assertThat(LogDocuments.state(claim)).isEqualTo("CLAIMED");
        assertThat(LogDocuments.timeline(claim)).containsExactly(new Document("at", Date.from(CLAIMED))
                .append("kind", "CLAIMED"));
    }

    @Test
    void theOutcomeDocumentRepeatsNoClaimFieldAndTheMergedRequestHasBoth() {
        Document claim = claim();
        Document stored = LogDocuments.outcome("req-1", sent("ev-1", "wamid.ABC"));
        Document outcome = stored.get("outcome", Document.class);

        assertThat(stored.keySet()).containsExactly("_id", "outcome", "wamid");
        Document merged = LogDocuments.merged(claim, stored);
        claim.forEach((field, value) -> assertThat(merged.get(field)).as(field).isEqualTo(value));
        assertThat(merged.get("outcome")).isEqualTo(outcome);
        assertThat(merged.getString("wamid")).isEqualTo("wamid.ABC");
        assertThat(claim).doesNotContainKeys("outcome", "wamid"); // the claim as read is left alone
        assertThat(LogDocuments.state(merged)).isEqualTo(OutcomeDocuments.SENT);
        assertThat(LogDocuments.timeline(merged)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "SENT");
    }

    @Test
    void anOutcomeWithoutWamidWritesNoWamidSoTheSparseUniqueIndexSkipsIt() {
        Document stored = LogDocuments.outcome("req-1",
                new SendOutcome.Blocked("ev-2", DONE, Refusal.NO_CONSENT, "no consent"));

        assertThat(stored).doesNotContainKey("wamid");
        Document merged = LogDocuments.merged(claim(), stored);
        assertThat(LogDocuments.state(merged)).isEqualTo(OutcomeDocuments.BLOCKED);
        assertThat(LogDocuments.timeline(merged).get(1)).isEqualTo(new Document("at", Date.from(DONE))
                .append("kind", "BLOCKED").append("detail", "NO_CONSENT: no consent"));
    }

    @Test
    void statusesFollowTheOutcomeInTheOrderTheyWereReported() {
        Document stored = LogDocuments.outcome("req-1", sent("ev-3", "wamid.DEF")).append("statuses", List.of(
                        new Document("at", Date.from(DONE.plusSeconds(2))).append("kind", "STATUS_READ"),
                        new Document("at", Date.from(DONE.plusSeconds(1))).append("kind", "STATUS_DELIVERED")));

        assertThat(LogDocuments.timeline(LogDocuments.merged(claim(), stored)))
                .extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "SENT", "STATUS_READ", "STATUS_DELIVERED");
    }

    @Test
    void aClaimOfTheVersionsThatReplacedItReadsItsOwnOutcomeWamidAndStatuses() {
        Document decided = claim().append("outcome", OutcomeDocuments.of(sent("ev-5", "wamid.GHI")))
                .append("wamid", "wamid.GHI")
                .append("statuses", List.of(new Document("at", Date.from(DONE)).append("kind", "STATUS_SENT")));

        Document read = LogDocuments.merged(decided, null);
        assertThat(LogDocuments.state(read)).isEqualTo(OutcomeDocuments.SENT);
        assertThat(LogDocuments.outcomeOf(read)).isEqualTo(sent("ev-5", "wamid.GHI"));
        assertThat(LogDocuments.timeline(read)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "SENT", "STATUS_SENT");
    }

    @Test
    void aDocumentOfTheOlderShapeReadsItsStoredTimelineAndLosesItOnceItHasAnOutcome() {
        Document legacy = new Document("_id", "req-1").append("subjectId", "subject-1").append("category", "MARKETING")
                .append("state", "CLAIMED").append("claimedAt", Date.from(CLAIMED))
                .append("timeline", List.of(new Document("at", Date.from(CLAIMED)).append("kind", "CLAIMED")));
        assertThat(LogDocuments.timeline(legacy)).hasSize(1);

        Document ambiguous = LogDocuments.merged(legacy, LogDocuments.outcome("req-1",
                new SendOutcome.Ambiguous("ev-4", DONE, "no status within 600 s of the call")));
        assertThat(ambiguous).doesNotContainKeys("state", "timeline");
        assertThat(LogDocuments.state(ambiguous)).isEqualTo(OutcomeDocuments.AMBIGUOUS);
        assertThat(LogDocuments.timeline(ambiguous)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "AMBIGUOUS");
    }

    @Test
    void everyOutcomeTypeReadsBackAsStoredAndTheClaimAsWritten() {
        List<SendOutcome> outcomes = List.of(sent("ev-6", "wamid.JKL"),
                new SendOutcome.Blocked("ev-7", DONE, Refusal.STOPPED, null),
                new SendOutcome.Blocked("ev-8", DONE, Refusal.QUIET_HOURS, "22:10 local"),
                new SendOutcome.Failed("ev-9", DONE, 131026, "undeliverable", 400, false, null),
                new SendOutcome.Failed("ev-10", DONE, 131049, "ecosystem", 400, true, DONE.plusSeconds(86_400)),
                new SendOutcome.Ambiguous("ev-11", DONE, "no status within 600 s of the call"));
        for (SendOutcome outcome : outcomes) {
            Document merged = LogDocuments.merged(claim(), LogDocuments.outcome("req-1", outcome));
            assertThat(LogDocuments.outcomeOf(merged)).isEqualTo(outcome);
            assertThat(LogDocuments.state(merged)).isEqualTo(outcome.kind());
        }
        assertThat(LogDocuments.claimOf(claim())).isEqualTo(REQUEST);
    }

    @Test
    void aRecordedCallMakesTheClaimCallingUntilItHasAnOutcome() {
        Document calling = claim().append(LogDocuments.CALLING_AT, Date.from(CLAIMED.plusMillis(5)));
        assertThat(LogDocuments.state(claim())).isEqualTo("CLAIMED");
        assertThat(LogDocuments.state(calling)).isEqualTo("CALLING");
        assertThat(LogDocuments.timeline(calling)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "CALLING");
    }
}
