package io.consentflow.gateway.app;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.BlockReason;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.adapters.http.CloudApiClient;
import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.adapters.mongo.MongoStopFence;
import io.consentflow.gateway.adapters.mongo.MongoUnsettledRequests;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.Gate;
import io.consentflow.gateway.domain.GatePolicy;
import io.consentflow.gateway.domain.RecipientPacer;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The frequency cap (3 marketing messages per 7 days) and the recipient pacing survive a restart: a pipeline built
 * afresh over the same message log, as after a restart, restores them from the log before judging anything.
 */
@GatewayTest
class DurableFrequencyCapTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final GatePolicy CAP_OF_THREE = new GatePolicy(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 3,
            Duration.ofDays(7), Duration.ofHours(24));

    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    MongoMessageLog log;
    @Autowired
    MessageEvents events;
    @Autowired
    CloudApiClient cloudApi;
    @Autowired
    ConsentTable consents;
    @Autowired
    ConsentLookup lookup;
    @Autowired
    ServiceWindows windows;
    @Autowired
    ContactKeys contactKeys;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SendSettings settings;
    @Autowired
    SendAuthorities authorities;
    @Autowired
    RegisteredCategories categories;
    @Autowired
    CallDecisions decisions;
    @Autowired
    MongoUnsettledRequests unsettled;
    @Autowired
    MongoStopFence fence;
    @Autowired
    io.consentflow.gateway.domain.PendingStops pendingStops;

    /** A gateway process's in-memory state: what a restart throws away. */
    private SendPipeline freshPipeline(FrequencyLedger ledger, RecipientPacer pacer) {
        SendMetrics metrics = new SendMetrics(meters);
        SendAttempt attempts = new SendAttempt(cloudApi, decisions, fence, pendingStops, new Gate(CAP_OF_THREE), lookup,
                windows, ledger, pacer, Clock.systemUTC(), metrics);
        return new SendPipeline(log, unsettled, events, attempts, lookup, contactKeys, Clock.systemUTC(), metrics, settings,
                authorities, categories);
    }

    @Test
    void theFourthMarketingMessageAfterARestartIsBlockedByTheFrequencyCap() {
        String number = randomNumber();
        String contactKey = Fixtures.KEYS.of(number);
        consents.put(contactKey, new ConsentFacts(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED,
                Set.of("offers"), false));
        // before the restart: three marketing messages go out (no pacing here, so the test need not wait 12 s)
        var before = freshPipeline(new FrequencyLedger(Duration.ofDays(7)), new RecipientPacer(Duration.ZERO));
        for (int i = 0; i < 3; i++) {
            before.processBatch(List.of(marketing(number).build())).block(WAIT);
        }
        assertThat(STUB.callsTo(digits(number))).isEqualTo(3);

        // the restart: empty ledger and pacer, restored from the log as SendListener does before it starts
        FrequencyLedger ledger = new FrequencyLedger(Duration.ofDays(7));
        RecipientPacer pacer = new RecipientPacer(Duration.ofSeconds(60));
        assertThat(ledger.count(contactKey, Clock.systemUTC().instant())).isZero();
        SendHistory.restore(log, ledger, pacer, Clock.systemUTC().instant()).block(WAIT);
        assertThat(ledger.count(contactKey, Clock.systemUTC().instant())).isEqualTo(3);
        // the last message went out moments ago: the next slot of this recipient is still most of a minute away
        assertThat(pacer.reserve(contactKey, Clock.systemUTC().instant())).isGreaterThan(Duration.ofSeconds(30));

        SendRequest fourth = marketing(number).build();
        freshPipeline(ledger, new RecipientPacer(Duration.ZERO)).processBatch(List.of(fourth)).block(WAIT);
        MessageBlocked blocked = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageBlocked.class,
                b -> fourth.getRequestId().equals(b.getRequestId()), WAIT);
        assertThat(blocked.getReason()).isEqualTo(BlockReason.FREQUENCY_CAP);
        assertThat(STUB.callsTo(digits(number))).isEqualTo(3);
    }

    @Test
    void aClaimResumedAfterARestartCountsOnceAndNotAgainstItself() {
        String number = randomNumber();
        String contactKey = Fixtures.KEYS.of(number);
        ConsentFacts consent = new ConsentFacts(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED,
                Set.of("offers"), false);
        consents.put(contactKey, consent);
        var before = freshPipeline(new FrequencyLedger(Duration.ofDays(7)), new RecipientPacer(Duration.ZERO));
        for (int i = 0; i < 2; i++) {
            before.processBatch(List.of(marketing(number).build())).block(WAIT);
        }
        // the third was claimed and the process died before its call: CLAIMED, no call record
        SendRequest third = marketing(number).build();
        var outgoing = categories.outgoing(third, authorities.of(third));
        log.claimAll(List.of(SendPipeline.claim(third, outgoing, contactKey, consent, Clock.systemUTC().instant(),
                SendPipeline.Source.NONE))).block(WAIT);

        // the restart counts the unfinished claim with the two sent ones: three, the cap
        FrequencyLedger ledger = new FrequencyLedger(Duration.ofDays(7));
        SendHistory.restore(log, ledger, new RecipientPacer(Duration.ZERO), Clock.systemUTC().instant()).block(WAIT);
        assertThat(ledger.count(contactKey, Clock.systemUTC().instant())).isEqualTo(3);

        // its redelivery resumes it: it is one of the three, not a fourth, so it goes out and is counted once
        freshPipeline(ledger, new RecipientPacer(Duration.ZERO)).processBatch(List.of(third)).block(WAIT);
        kafka.await(Topics.MESSAGE_EVENTS.name(), io.consentflow.events.MessageSent.class,
                sent -> third.getRequestId().equals(sent.getRequestId()), WAIT);
        assertThat(STUB.callsTo(digits(number))).isEqualTo(3);
        assertThat(ledger.count(contactKey, Clock.systemUTC().instant())).isEqualTo(3);
    }

    @Test
    void blockedRequestsAndOtherContactsDoNotCountAgainstTheCap() {
        String number = randomNumber();
        String contactKey = Fixtures.KEYS.of(number);
        // no consent: both requests are blocked, nothing went out
        var pipeline = freshPipeline(new FrequencyLedger(Duration.ofDays(7)), new RecipientPacer(Duration.ZERO));
        pipeline.processBatch(List.of(marketing(number).build(), marketing(number).build())).block(WAIT);
        FrequencyLedger ledger = new FrequencyLedger(Duration.ofDays(7));
        RecipientPacer pacer = new RecipientPacer(Duration.ofSeconds(60));
        SendHistory.restore(log, ledger, pacer, Clock.systemUTC().instant()).block(WAIT);
        assertThat(ledger.count(contactKey, Clock.systemUTC().instant())).isZero();
        assertThat(pacer.reserve(contactKey, Clock.systemUTC().instant())).isZero();
    }
}
