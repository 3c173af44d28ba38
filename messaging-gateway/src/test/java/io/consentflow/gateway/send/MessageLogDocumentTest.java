package io.consentflow.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.support.Fixtures;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The message log's documents: what the claim and the outcome write, and the request readers see merged. */
class MessageLogDocumentTest {

    private static final Instant CLAIMED = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant DONE = CLAIMED.plusMillis(180);

    private static Document claim() {
        return LogDocuments.claim(Fixtures.marketing("+4915112345678").build(), "subject-1", "key-1", CLAIMED)
                .append("claimToken", "token-1");
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
        Document outcome = Outcomes.of("ev-1", CallResult.sent("wamid.ABC"), DONE);
        Document stored = LogDocuments.outcome(claim.get("_id"), outcome, "wamid.ABC");

        assertThat(stored.keySet()).containsExactly("_id", "outcome", "wamid");
        Document merged = LogDocuments.merged(claim, stored);
        claim.forEach((field, value) -> assertThat(merged.get(field)).as(field).isEqualTo(value));
        assertThat(merged.get("outcome")).isEqualTo(outcome);
        assertThat(merged.getString("wamid")).isEqualTo("wamid.ABC");
        assertThat(claim).doesNotContainKeys("outcome", "wamid"); // the claim as read is left alone
        assertThat(LogDocuments.state(merged)).isEqualTo(Outcomes.SENT);
        assertThat(LogDocuments.timeline(merged)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "SENT");
    }

    @Test
    void anOutcomeWithoutWamidWritesNoWamidSoTheSparseUniqueIndexSkipsIt() {
        Document blocked = Outcomes.blocked("ev-2", "NO_CONSENT", "no consent", DONE);
        Document stored = LogDocuments.outcome("req-1", blocked, null);

        assertThat(stored).doesNotContainKey("wamid");
        Document merged = LogDocuments.merged(claim(), stored);
        assertThat(LogDocuments.state(merged)).isEqualTo(Outcomes.BLOCKED);
        assertThat(LogDocuments.timeline(merged).get(1)).isEqualTo(new Document("at", Date.from(DONE))
                .append("kind", "BLOCKED").append("detail", "NO_CONSENT: no consent"));
    }

    @Test
    void statusesFollowTheOutcomeInTheOrderTheyWereReported() {
        Document stored = LogDocuments.outcome("req-1", Outcomes.of("ev-3", CallResult.sent("wamid.DEF"), DONE),
                "wamid.DEF").append("statuses", List.of(
                        new Document("at", Date.from(DONE.plusSeconds(2))).append("kind", "STATUS_READ"),
                        new Document("at", Date.from(DONE.plusSeconds(1))).append("kind", "STATUS_DELIVERED")));

        assertThat(LogDocuments.timeline(LogDocuments.merged(claim(), stored)))
                .extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "SENT", "STATUS_READ", "STATUS_DELIVERED");
    }

    @Test
    void aClaimOfTheVersionsThatReplacedItReadsItsOwnOutcomeWamidAndStatuses() {
        Document decided = claim().append("outcome", Outcomes.of("ev-5", CallResult.sent("wamid.GHI"), DONE))
                .append("wamid", "wamid.GHI")
                .append("statuses", List.of(new Document("at", Date.from(DONE)).append("kind", "STATUS_SENT")));

        Document read = LogDocuments.merged(decided, null);
        assertThat(LogDocuments.state(read)).isEqualTo(Outcomes.SENT);
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
                Outcomes.unknownAfterClaim("ev-4", DONE), null));
        assertThat(ambiguous).doesNotContainKeys("state", "timeline");
        assertThat(LogDocuments.state(ambiguous)).isEqualTo(Outcomes.AMBIGUOUS);
        assertThat(LogDocuments.timeline(ambiguous)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "AMBIGUOUS");
    }
}
