package io.consentflow.audit.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.consentflow.audit.adapters.http.CheckpointWitnesses;
import io.consentflow.audit.adapters.http.TimestampAuthorityClient;
import io.consentflow.audit.adapters.mongo.MongoCheckpointStore;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.adapters.mongo.MongoTimestampStore;
import io.consentflow.audit.config.AnchorProperties;
import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.VerificationResult.Kind;
import io.consentflow.audit.domain.VerificationResult;
import io.consentflow.proof.Sha256;
import io.consentflow.proof.Timestamps;
import io.consentflow.proof.WitnessFolder;
import io.consentflow.proof.WitnessedCheckpoint;
import io.consentflow.proof.tsa.LocalTimestampAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Heartbeats, RFC 3161 time-stamps from a real TSA over HTTP, a witness folder, and what they detect that the chains
 * alone cannot: the newest checkpoints removed together with the entries after the previous one.
 */
class AnchoringTests {

    static LocalTimestampAuthority tsa;

    @TempDir
    Path witness;

    @BeforeAll
    static void startTsa() {
        tsa = LocalTimestampAuthority.start("127.0.0.1", 0, null);
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    private AnchoredAudit audit() {
        return new AnchoredAudit(tsa.url(), AnchoredAudit.pem(tsa.certificate()), witness);
    }

    @Test
    void aHeartbeatCheckpointIsWrittenWhenNothingChangedOnceTheHeartbeatIsDue() {
        try (var audit = audit()) {
            audit.append(0, 3);
            Checkpoint first = audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            audit.clock.advance(AnchoredAudit.HEARTBEAT.minusSeconds(1));
            assertThat(audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60))).as("before the heartbeat is due").isEmpty();
            assertThat(audit.runs("unchanged")).isEqualTo(1);

            audit.clock.advance(Duration.ofSeconds(1));
            Checkpoint beat = audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            assertThat(beat.number()).isEqualTo(2);
            assertThat(beat.heads()).isEqualTo(first.heads());
            assertThat(beat.previousDigest()).isEqualTo(first.digest());
            assertThat(audit.runs("heartbeat")).isEqualTo(1);
            assertThat(audit.verification.verifyAll().block().valid()).isTrue();
        }
    }

    @Test
    void everyCheckpointIsTimeStampedByTheTsaAndDeliveredToTheWitness() {
        try (var audit = audit()) {
            audit.append(0, 4);
            Checkpoint checkpoint = audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();

            String token = audit.timestamps.token(checkpoint.number()).block();
            assertThat(Timestamps.verify(token, Sha256.parseHex(checkpoint.digest()), tsa.certificate()))
                    .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(1));
            List<WitnessedCheckpoint> heads = new WitnessFolder(witness).heads();
            assertThat(heads).singleElement().satisfies(head -> {
                assertThat(head.number()).isEqualTo(1);
                assertThat(head.recomputedDigest()).isEqualTo(checkpoint.digest());
                assertThat(head.timestampToken()).isEqualTo(token);
                assertThat(head.heads()).containsOnlyKeys(audit.topic + "-0");
            });
            assertThat(audit.verification.verifyAll().block().valid()).isTrue();
        }
    }

    @Test
    void removingTheNewestCheckpointWithItsEntriesIsCaughtByTheWitness() {
        try (var audit = audit()) {
            audit.append(0, 3);
            audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            audit.append(3, 3);
            Checkpoint second = audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            assertThat(audit.verification.verifyAll().block().valid()).isTrue();

            removeNewest(audit, second, 3);

            assertThat(audit.chainsOnly.verifyAll().block().valid())
                    .as("the chains and signatures alone cannot see it").isTrue();
            VerificationResult result = audit.verification.verifyAll().block();
            assertThat(result.valid()).isFalse();
            assertThat(result.failure().kind()).isEqualTo(Kind.WITNESS_MISMATCH);
            assertThat(result.failure().checkpoint()).isEqualTo(2);
            assertThat(result.failure().reason()).contains("checkpoints were removed");
        }
    }

    @Test
    void withoutAWitnessTheHeartbeatStillCatchesTheRemovalOnceTheNewestCheckpointIsTooOld() {
        try (var audit = new AnchoredAudit(tsa.url(), "", null)) {
            audit.append(0, 3);
            audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            audit.append(3, 3);
            Checkpoint second = audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();

            // positive control: an honest, quiet log stays fresh through its heartbeats
            audit.clock.advance(AnchoredAudit.HEARTBEAT);
            audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            audit.clock.advance(AnchoredAudit.HEARTBEAT);
            audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            assertThat(audit.verification.verifyAll().block().valid()).isTrue();

            // remove checkpoints 2-4 and the entries after checkpoint 1: checkpoint 1, ten minutes old, is the newest
            for (long number = 4; number > second.number(); number--) {
                Mono.from(audit.collection(MongoCheckpointStore.COLLECTION).deleteOne(Filters.eq("_id", number)))
                        .block();
            }
            removeNewest(audit, second, 3);

            VerificationResult result = audit.verification.verifyAll().block();
            assertThat(result.valid()).isFalse();
            assertThat(result.failure().kind()).isEqualTo(Kind.STALE_CHECKPOINT);
            assertThat(result.failure().checkpoint()).isEqualTo(1);
            assertThat(audit.chainsOnly.verifyAll().block().valid()).isTrue();
        }
    }

    @Test
    void aTokenOfAnotherCheckpointOrAnotherTsaFailsAsBadTimestamp() throws Exception {
        try (var audit = audit(); var otherTsa = LocalTimestampAuthority.start("127.0.0.1", 0, null)) {
            audit.append(0, 2);
            audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            audit.append(2, 2);
            audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            var stamps = audit.collection(MongoTimestampStore.COLLECTION);
            Document first = Mono.from(stamps.find(Filters.eq("_id", 1L)).first()).block();
            Document second = Mono.from(stamps.find(Filters.eq("_id", 2L)).first()).block();

            Mono.from(stamps.updateOne(Filters.eq("_id", 2L), Updates.set("token", first.getString("token")))).block();
            VerificationResult swapped = audit.verification.verifyAll().block();
            assertThat(swapped.failure().kind()).isEqualTo(Kind.BAD_TIMESTAMP);
            assertThat(swapped.failure().reason()).contains("checkpoint 2", "different digest");

            // a genuine token over the right digest, but from a TSA that is not the pinned one
            Checkpoint two = audit.checkpoints.ascending().collectList().block().get(1);
            var request = Timestamps.request(Sha256.parseHex(two.digest()));
            var http = java.net.http.HttpClient.newHttpClient();
            byte[] answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(otherTsa.url()))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
            Mono.from(stamps.updateOne(Filters.eq("_id", 2L),
                    Updates.set("token", Timestamps.tokenOf(request, answer)))).block();
            VerificationResult foreign = audit.verification.verifyAll().block();
            assertThat(foreign.failure().kind()).isEqualTo(Kind.BAD_TIMESTAMP);
            assertThat(foreign.failure().reason()).contains("pinned");

            Mono.from(stamps.replaceOne(Filters.eq("_id", 2L), second)).block();
            assertThat(audit.verification.verifyAll().block().valid()).isTrue();
        }
    }

    @Test
    void aTsaThatIsDownDelaysTheTokenNotTheCheckpoint() {
        try (var down = new AnchoredAudit("http://127.0.0.1:9/tsa", "", witness)) {
            down.append(0, 2);
            Checkpoint checkpoint = down.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            assertThat(down.timestamps.token(checkpoint.number()).blockOptional()).isEmpty();
            assertThat(new WitnessFolder(witness).heads()).as("anchoring stops at the failed token").isEmpty();
            assertThat(down.verification.verifyAll().block().valid()).as("not yet overdue").isTrue();
            down.clock.advance(AnchoredAudit.HEARTBEAT.plus(AnchoredAudit.INTERVAL).plusSeconds(31));
            // the heartbeat checkpoint is written although the TSA is still down
            assertThat(down.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60))).isPresent();
            VerificationResult result = down.verification.verifyAll().block();
            assertThat(result.failure().kind()).isIn(Kind.WITNESS_MISMATCH, Kind.BAD_TIMESTAMP);

            // a restarted instance with the TSA back anchors both checkpoints, the oldest first
            var working = new AnchorProperties(AnchoredAudit.HEARTBEAT, new AnchorProperties.Timestamp(tsa.url(), "",
                    Duration.ofSeconds(10)), new AnchorProperties.Witness(witness.toString(), "", Duration.ofSeconds(10)));
            var restarted = new CheckpointAnchoring(down.checkpoints, down.timestamps,
                    new TimestampAuthorityClient(working), new CheckpointWitnesses(working), down.meters);
            assertThat(restarted.anchorPending().block(java.time.Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(new WitnessFolder(witness).heads()).extracting(WitnessedCheckpoint::number).containsExactly(1L, 2L);
            assertThat(down.verification.verifyAll().block().valid()).isTrue();
        }
    }

    /** Deletes the newest checkpoint and the last {@code entries} entries of the chain, as an attacker would. */
    private static void removeNewest(AnchoredAudit audit, Checkpoint newest, int entries) {
        Mono.from(audit.collection(MongoCheckpointStore.COLLECTION).deleteOne(Filters.eq("_id", newest.number())))
                .block();
        long count = newest.heads().get(audit.topic + "-0").count();
        Mono.from(audit.collection(MongoEntryStore.COLLECTION).deleteMany(Filters.and(
                Filters.eq("chainId", audit.topic + "-0"), Filters.gte("sequence", count - entries)))).block();
    }


}
