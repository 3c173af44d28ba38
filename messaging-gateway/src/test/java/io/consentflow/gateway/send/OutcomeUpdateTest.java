package io.consentflow.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The outcome update written directly renders exactly the document the Updates builders rendered before. */
class OutcomeUpdateTest {

    private static BsonDocument render(org.bson.conversions.Bson update) {
        return update.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }

    private static BsonDocument before(MessageLog.Outcome o) {
        return render(Updates.combine(Updates.set("state", o.state()), Updates.set("outcome", o.outcome()),
                o.wamid() == null ? Updates.unset("wamid") : Updates.set("wamid", o.wamid()),
                Updates.push("timeline", new Document("at", Date.from(o.at())).append("kind", o.state())
                        .append("detail", o.outcome().getString("detail")))));
    }

    @Test
    void sentAndNotSentOutcomesRenderAsBefore() {
        Instant at = Instant.parse("2026-11-29T12:00:00Z");
        var sent = new MessageLog.Outcome("req-1", Outcomes.SENT,
                Outcomes.of("ev-1", CallResult.sent("wamid.ABC"), at), "wamid.ABC", at);
        var failed = new MessageLog.Outcome("req-2", Outcomes.FAILED, Outcomes.of("ev-2",
                new CallResult(null, 400, 131026, "undeliverable", false, false, null), at), null, at);
        var blocked = new MessageLog.Outcome("req-3", Outcomes.BLOCKED,
                Outcomes.blocked("ev-3", "NO_CONSENT", "no consent", at), null, at);
        for (var outcome : new MessageLog.Outcome[] {sent, failed, blocked}) {
            BsonDocument now = render(MessageLog.outcomeUpdate(outcome));
            assertThat(now).isEqualTo(before(outcome));
            assertThat(now.toJson()).isEqualTo(before(outcome).toJson()); // same operators in the same order
        }
    }
}
