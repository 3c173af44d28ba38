package io.consentflow.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.support.Fixtures;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The message log document: what the outcome replacement writes, and the state and timeline read from it. */
class MessageLogDocumentTest {

    private static final Instant CLAIMED = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant DONE = CLAIMED.plusMillis(180);

    private static Document claim() {
        return MessageLog.claimDocument(Fixtures.marketing("+4915112345678").build(), "subject-1", "key-1", CLAIMED)
                .append("claimToken", "token-1");
    }

    @Test
    void aClaimIsClaimedWithOneTimelineEntryAndNoStoredStateOrTimeline() {
        Document claim = claim();
        assertThat(claim).doesNotContainKeys("state", "timeline", "outcome", "wamid");
        assertThat(MessageLog.state(claim)).isEqualTo("CLAIMED");
        assertThat(MessageLog.timeline(claim)).containsExactly(new Document("at", Date.from(CLAIMED))
                .append("kind", "CLAIMED"));
    }

    @Test
    void theReplacementKeepsEveryClaimFieldAndAddsTheOutcomeAndTheWamid() {
        Document claim = claim();
        Document outcome = Outcomes.of("ev-1", CallResult.sent("wamid.ABC"), DONE);
        Document replaced = MessageLog.withOutcome(new MessageLog.Outcome(claim, outcome, "wamid.ABC"));

        claim.forEach((field, value) -> assertThat(replaced.get(field)).as(field).isEqualTo(value));
        assertThat(replaced.get("outcome")).isEqualTo(outcome);
        assertThat(replaced.getString("wamid")).isEqualTo("wamid.ABC");
        assertThat(claim).doesNotContainKeys("outcome", "wamid"); // the claim as inserted is left alone
        assertThat(MessageLog.state(replaced)).isEqualTo(Outcomes.SENT);
        assertThat(MessageLog.timeline(replaced)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "SENT");
    }

    @Test
    void anOutcomeWithoutWamidWritesNoWamidSoTheSparseUniqueIndexSkipsIt() {
        Document blocked = Outcomes.blocked("ev-2", "NO_CONSENT", "no consent", DONE);
        Document replaced = MessageLog.withOutcome(new MessageLog.Outcome(claim(), blocked, null));

        assertThat(replaced).doesNotContainKey("wamid");
        assertThat(MessageLog.state(replaced)).isEqualTo(Outcomes.BLOCKED);
        assertThat(MessageLog.timeline(replaced).get(1)).isEqualTo(new Document("at", Date.from(DONE))
                .append("kind", "BLOCKED").append("detail", "NO_CONSENT: no consent"));
    }

    @Test
    void statusesFollowTheOutcomeInTheOrderTheyWereReported() {
        Document sent = MessageLog.withOutcome(new MessageLog.Outcome(claim(),
                Outcomes.of("ev-3", CallResult.sent("wamid.DEF"), DONE), "wamid.DEF"));
        sent.append("statuses", List.of(new Document("at", Date.from(DONE.plusSeconds(2))).append("kind", "STATUS_READ"),
                new Document("at", Date.from(DONE.plusSeconds(1))).append("kind", "STATUS_DELIVERED")));

        assertThat(MessageLog.timeline(sent)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "SENT", "STATUS_READ", "STATUS_DELIVERED");
    }

    @Test
    void aDocumentOfTheOlderShapeReadsItsStoredTimelineAndLosesItWhenItsOutcomeIsWritten() {
        Document legacy = new Document("_id", "req-1").append("subjectId", "subject-1").append("category", "MARKETING")
                .append("state", "CLAIMED").append("claimedAt", Date.from(CLAIMED))
                .append("timeline", List.of(new Document("at", Date.from(CLAIMED)).append("kind", "CLAIMED")));
        assertThat(MessageLog.timeline(legacy)).hasSize(1);

        Document ambiguous = MessageLog.withOutcome(new MessageLog.Outcome(legacy,
                Outcomes.unknownAfterClaim("ev-4", DONE), null));
        assertThat(ambiguous).doesNotContainKeys("state", "timeline");
        assertThat(MessageLog.state(ambiguous)).isEqualTo(Outcomes.AMBIGUOUS);
        assertThat(MessageLog.timeline(ambiguous)).extracting(entry -> entry.getString("kind"))
                .containsExactly("CLAIMED", "AMBIGUOUS");
    }
}
