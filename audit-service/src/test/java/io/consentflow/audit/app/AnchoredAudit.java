package io.consentflow.audit.app;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.audit.adapters.http.CheckpointWitnesses;
import io.consentflow.audit.adapters.http.TimestampAuthorityClient;
import io.consentflow.audit.adapters.mongo.MongoCheckpointStore;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.adapters.mongo.MongoTimestampStore;
import io.consentflow.audit.config.AnchorProperties;
import io.consentflow.audit.config.AuditProperties;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.audit.domain.VerificationKeys;
import io.consentflow.proof.Timestamps;
import io.consentflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.bson.Document;
import io.consentflow.platform.mongo.MongoCollections;

/**
 * The production checkpoint, anchoring and verification services wired by hand onto a database of their own, a real
 * local TSA over HTTP and a witness folder, with a clock the test moves (heartbeats and staleness are about time).
 */
final class AnchoredAudit implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofMinutes(5);
    static final Duration INTERVAL = Duration.ofMinutes(1);

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MovableClock clock = new MovableClock();
    final MongoClient client;
    final MongoCollections factory;
    final EntryStore entries;
    final CheckpointStore checkpoints;
    final TimestampStore timestamps;
    final AuditLog log;
    final CheckpointService checkpointService;
    final CheckpointAnchoring anchoring;
    final VerificationService chainsOnly;
    final VerificationService verification;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final String topic = "anchor-" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * @param tsaUrl       blank: no time-stamps
     * @param tsaPem       the TSA certificate to pin, blank for none
     * @param witness      null: no witness
     */
    AnchoredAudit(String tsaUrl, String tsaPem, Path witness) {
        this(tsaUrl, tsaPem, witness, "");
    }

    /** @param witnessUrl an HTTPS (here: HTTP) witness, blank for none */
    AnchoredAudit(String tsaUrl, String tsaPem, Path witness, String witnessUrl) {
        client = MongoClients.create(TestInfrastructure.get().mongoUri());
        factory = new MongoCollections(client, "audit-anchor-" + UUID.randomUUID().toString()
                .substring(0, 8));
        entries = new MongoEntryStore(factory);
        checkpoints = new MongoCheckpointStore(factory);
        timestamps = new MongoTimestampStore(factory);
        var properties = new AuditProperties(SigningKeys.DEVELOPMENT_KEY, "test-salt",
                new AuditProperties.Signing(List.of()), new CheckpointSchedule(1_000_000, INTERVAL),
                new AuditProperties.Listener(1));
        var anchor = new AnchorProperties(HEARTBEAT, new AnchorProperties.Timestamp(tsaUrl, tsaPem,
                Duration.ofSeconds(10)), new AnchorProperties.Witness(witness == null ? "" : witness.toString(), witnessUrl,
                Duration.ofSeconds(10)));
        SigningKeys keys = SigningKeys.fromPkcs8Base64(SigningKeys.DEVELOPMENT_KEY);
        var witnesses = new CheckpointWitnesses(anchor);
        log = new AuditLog(entries, clock, meters, properties.checkpoint());
        log.load().block(java.time.Duration.ofSeconds(60));
        anchoring = new CheckpointAnchoring(checkpoints, timestamps, new TimestampAuthorityClient(anchor), witnesses,
                meters);
        checkpointService = new CheckpointService(entries, checkpoints, keys, clock, properties.checkpoint(), log,
                meters, anchor.policy(), anchoring);
        VerificationKeys trusted = VerificationKeys.of(keys.publicKey(), List.of());
        chainsOnly = new VerificationService(entries, checkpoints, trusted, meters);
        verification = new VerificationService(entries, checkpoints, trusted, meters, java.util.Optional.of(
                new AnchorVerification(timestamps, witnesses, anchor.policy(), properties.checkpoint(), clock)));
    }

    static String pem(java.security.cert.X509Certificate certificate) {
        return Timestamps.pem(certificate);
    }

    void append(long from, int count) {
        log.append(LongStream.range(from, from + count).mapToObj(offset -> new SourceRecord(topic, 0, offset,
                UUID.randomUUID().toString(), "OptInExpired", UUID.randomUUID().toString(), clock.instant(),
                Map.of("n", offset))).toList()).block(java.time.Duration.ofSeconds(60));
    }

    MongoCollection<Document> collection(String name) {
        return factory.named(name);
    }

    double anchorSteps(String step, String outcome) {
        var counter = meters.find("audit.anchor.steps").tag("step", step).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    double runs(String outcome) {
        return IsolatedAudit.checkpointRuns(meters, outcome);
    }

    @Override
    public void close() {
        client.close();
    }
}
