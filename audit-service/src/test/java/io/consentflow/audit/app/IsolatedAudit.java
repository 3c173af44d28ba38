package io.consentflow.audit.app;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.consentflow.audit.adapters.mongo.MongoCheckpointStore;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.config.AuditProperties;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.domain.VerificationKeys;
import io.consentflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import io.consentflow.platform.mongo.MongoCollections;

/**
 * The production append, checkpoint and verification services wired by hand onto a database of their own on the
 * shared MongoDB wire server: for tests that need a quiet store or other keys than the shared Spring context has.
 */
final class IsolatedAudit implements AutoCloseable {

    final MongoClient client;
    final EntryStore entries;
    final CheckpointStore checkpoints;
    final AuditLog log;
    final CheckpointService checkpointService;
    final VerificationService verification;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** insert commands this client sent to the entries collection, as the driver puts them on the wire */
    final AtomicInteger entryInserts = new AtomicInteger();

    IsolatedAudit(String database, String signingKey, List<String> previousPublicKeys, int everyEntries,
            Duration interval) {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestInfrastructure.get().mongoUri()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("insert") && database.equals(event.getDatabaseName())
                                && MongoEntryStore.COLLECTION.equals(
                                        event.getCommand().getString("insert").getValue())) {
                            entryInserts.incrementAndGet();
                        }
                    }
                }).build());
        var factory = new MongoCollections(client, database);
        entries = new MongoEntryStore(factory);
        checkpoints = new MongoCheckpointStore(factory);
        var properties = new AuditProperties(signingKey, "test-salt", new AuditProperties.Signing(previousPublicKeys),
                new CheckpointSchedule(everyEntries, interval), new AuditProperties.Listener(1));
        SigningKeys keys = SigningKeys.fromPkcs8Base64(signingKey);
        log = new AuditLog(entries, Clock.systemUTC(), meters, properties.checkpoint());
        log.load().block(java.time.Duration.ofSeconds(60));
        checkpointService = new CheckpointService(entries, checkpoints, keys, Clock.systemUTC(),
                properties.checkpoint(), log, meters);
        verification = new VerificationService(entries, checkpoints,
                VerificationKeys.of(keys.publicKey(), previousPublicKeys), meters);
    }

    double counter(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    double runs(String outcome) {
        return checkpointRuns(meters, outcome);
    }

    /** Checkpoint runs with this outcome so far (AnchoredAudit counts the same way). */
    static double checkpointRuns(io.micrometer.core.instrument.MeterRegistry meters, String outcome) {
        var counter = meters.find("audit.checkpoint.runs").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        checkpointService.stop();
        client.close();
    }
}
