package io.consentflow.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.app.ContractFloor;
import io.consentflow.gateway.app.MessageEvents;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.StubCloudApi;
import io.consentflow.gateway.support.StubCloudApiInitializer;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.BenchFigures;
import io.consentflow.testsupport.ThreadCpu;
import io.consentflow.testsupport.WithTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;

/**
 * Figures, not assertions on speed: end-to-end sends/s against a bare WebClient loop to the same stub, p99 gate
 * latency, heap per subject of the consent view at 1M subjects and its bootstrap time from a compacted topic.
 */
@SpringBootTest(properties = {"consentflow.gateway.send.rate-limit-per-second=1000000",
        "consentflow.gateway.send.concurrency=256", "consentflow.gateway.gate.quiet-from=00:00",
        "consentflow.gateway.gate.quiet-until=00:00", "consentflow.gateway.consent-view.expected-subjects=100000",
        "spring.kafka.consumer.max-poll-records=2000", "logging.level.root=WARN",
        "management.metrics.distribution.percentiles.mongodb.driver.commands=0.5,0.9,0.99",
        "management.metrics.distribution.percentiles.consentflow.gateway.send.stage=0.5,0.9,0.99"})
@WithTestInfrastructure
@ContextConfiguration(initializers = StubCloudApiInitializer.class)
class GatewayBenchmark {

    private static final int SENDS = Integer.getInteger("bench.sends", 20_000);
    private static final int SUBJECTS = 1_000_000;
    /**
     * Rounds of SENDS before anything is measured ({@code -Dbench.warmUpRounds}), for the bare loop and the pipeline
     * each. On two cores the JVM has one C2 compiler thread, and the gateway's code (Spring, Netty, Reactor, Kafka,
     * the Mongo driver, Avro, Jackson) keeps it busy for about a minute of sending: each round's JIT CPU per message
     * is printed so a run shows when it settled (with 3 rounds the measured run still spent 75-130 µs per message
     * compiling, a third of the gateway's CPU).
     */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmUpRounds", 25);
    /**
     * Measured rounds of each kind ({@code -Dbench.rounds}); the figures are the sums over them, because costs that
     * come now and then (a collection in the wire server, a burst of JIT compiling) land in one round or another.
     * Half the bare rounds come before the pipeline's and half after. Alternating them, tried first, made the JIT
     * recompile the WebClient and Reactor code both share at every switch, and the bare rounds paid most of it:
     * their CPU per message came out a fifth to a third higher, which flattered the ratio.
     */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    /**
     * Rounds of the contract's I/O alone ({@link ContractFloor}), after the others, and the rounds that warm its own
     * code up first (with 3 the JIT still took 5-7 µs per message of the measured floor rounds).
     */
    private static final int FLOOR_ROUNDS = Integer.getInteger("bench.floorRounds", 3);
    private static final int FLOOR_WARM_UP_ROUNDS = Integer.getInteger("bench.floorWarmUpRounds", 12);
    private static final String FLOOR_TOPIC = "bench-contract-floor";

    @Autowired
    ConsentTable consents;
    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ConsumerFactory<String, SpecificRecord> consumers;
    @Autowired
    MongoMessageLog log;
    @Autowired
    MessageEvents events;
    @Autowired
    ContactKeys contactKeys;
    @Autowired
    ConsentLookup consentLookup;
    @Autowired
    ReactiveMongoTemplate mongo;

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private RequestRounds requests;

    @Test
    void benchmark() throws Exception {
        StubCloudApi stub = StubCloudApiInitializer.STUB;
        stub.recordBodies(false);
        var bare = new BareLoop(stub);
        requests = new RequestRounds(consents);
        var container = registry.getListenerContainer("send-requests");
        Instant starting = Instant.now().plusSeconds(60);
        while (!container.isRunning() && Instant.now().isBefore(starting)) {
            Thread.sleep(20); // the listener starts once the consent view has caught up
        }
        warmUp(bare, container);
        var bareRounds = new RoundMeter("bare");
        var endToEndRounds = new RoundMeter("end_to_end");
        // bare rounds before and after the pipeline's, so a drift of the host is averaged out, and the JIT
        // recompiles the code both share once per switch instead of once per round
        int before = (ROUNDS + 1) / 2;
        for (int round = 1; round <= 2 * ROUNDS; round++) {
            boolean pipeline = round > before && round <= before + ROUNDS;
            if (round == before + 1) {
                emptyLog();
            }
            if (pipeline) {
                publishRound(container);
                measure(endToEndRounds, "round " + round + " end to end", () -> consumeRound(container));
            } else {
                measure(bareRounds, "round " + round + " bare", () -> bare.run(SENDS));
            }
        }
        var floorRounds = floorRounds();
        figures.putAll(bareRounds.figures());
        figures.putAll(endToEndRounds.figures());
        figures.putAll(floorRounds.figures());
        figures.putAll(StageFigures.of(meters));
        figures.put("bare_webclient_sends_per_s", Math.round(bareRounds.rate()));
        figures.put("end_to_end_sends_per_s", Math.round(endToEndRounds.rate()));
        figures.put("end_to_end_vs_bare_percent", percent(endToEndRounds.rate() / bareRounds.rate()));
        figures.put("end_to_end_vs_bare_cpu_percent (bare CPU per message / end to end)",
                percent(bareRounds.allProcessesMicros() / endToEndRounds.allProcessesMicros()));
        figures.putAll(FloorBound.figures(bareRounds, endToEndRounds, floorRounds));
        var gate = meters.get("consentflow.gateway.gate.latency").timer().takeSnapshot();
        for (var percentile : gate.percentileValues()) {
            figures.put("gate_latency_p" + Math.round(percentile.percentile() * 100) + "_us",
                    Math.round(percentile.value(TimeUnit.MICROSECONDS) * 10) / 10.0);
        }
        print();
        assertThat(endToEndRounds.rate()).isPositive();
        if (System.getenv("GW_BENCH_SEND_ONLY") != null) {
            return; // profiling iterations of the send path only
        }
        figures.putAll(ConsentViewFigures.measure(SUBJECTS));
        print();
        assertThat(figures.get("consent_view_bootstrap_loaded")).isEqualTo(figures.get("consent_view_bootstrap_records"));
    }

    private void warmUp(BareLoop bare, MessageListenerContainer container) throws Exception {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            bare.run(SENDS);
        }
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            publishRound(container);
            var threads = new ThreadCpu(GatewayThreads.GROUPS);
            figures.put("end_to_end_warmup_" + round + "_sends_per_s", Math.round(SENDS / consumeRound(container)));
            figures.put("end_to_end_warmup_" + round + "_jit_cpu_us_per_message",
                    threads.perUnitMicros(SENDS).getOrDefault("JVM: JIT", 0.0));
        }
    }

    /** One measured round ({@code round} returns its seconds), started on a settled machine. */
    private void measure(RoundMeter meter, String label, Callable<Double> round) throws Exception {
        RoundMeter.settle();
        meter.start();
        double seconds = round.call();
        double cpu = meter.stop(SENDS, seconds);
        figures.put(label + ": sends/s; CPU µs/msg", Math.round(SENDS / seconds) + "; " + Math.round(cpu));
    }

    /** FLOOR_ROUNDS rounds of the contract's I/O alone, after FLOOR_WARM_UP_ROUNDS that warm its own code up. */
    private RoundMeter floorRounds() throws Exception {
        var meter = new RoundMeter("floor");
        try (var floor = new ContractFloor(consumers, FloorBound.createTopic(FLOOR_TOPIC), log, events, contactKeys,
                consentLookup)) {
            for (int round = 1; round <= FLOOR_WARM_UP_ROUNDS + FLOOR_ROUNDS; round++) {
                if (round == FLOOR_WARM_UP_ROUNDS + 1) {
                    emptyLog();
                }
                requests.publish(FLOOR_TOPIC, SENDS);
                if (round > FLOOR_WARM_UP_ROUNDS) {
                    measure(meter, "floor round " + round, () -> floor.run(SENDS));
                } else {
                    floor.run(SENDS);
                }
            }
        }
        return meter;
    }

    /**
     * Empties the message log and has the infrastructure JVMs collect, before the pipeline's rounds and the floor's:
     * the wire server keeps every document on its heap and collects more the more it holds, and the floor, measured
     * last, met a store of 700,000 requests where the pipeline met one of 500,000. A MongoDB keeps them on disk.
     */
    private void emptyLog() {
        ContractFloor.emptyMessageLog(mongo);
        RoundMeter.collectChildJvms();
    }

    private static long percent(double share) {
        return Math.round(100 * share);
    }

    /**
     * Publishes a round of SENDS send requests, each to a consenting recipient new to the run, while the listener is
     * paused. Paused, not stopped: a stopped container's consumers rejoin the group when started, a rebalance per
     * round that a running gateway does not have.
     */
    private void publishRound(MessageListenerContainer container) throws Exception {
        container.pause();
        Instant pausing = Instant.now().plusSeconds(30);
        while (!container.isContainerPaused() && Instant.now().isBefore(pausing)) {
            Thread.sleep(5);
        }
        assertThat(container.isContainerPaused()).as("send-requests listener paused").isTrue();
        requests.publish(Topics.SEND_REQUESTS.name(), SENDS);
    }

    /** Resumes the listener; returns the seconds until the round's last MessageSent was counted. */
    private double consumeRound(MessageListenerContainer container) throws Exception {
        double before = sentCount();
        long start = System.nanoTime();
        container.resume();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (sentCount() - before < SENDS && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(sentCount() - before).isGreaterThanOrEqualTo(SENDS);
        return seconds;
    }

    private io.micrometer.core.instrument.Counter sent;

    /** Polled every 20 ms: the counter is looked up once, a registry search each time cost ~60 µs per message. */
    private double sentCount() {
        if (sent == null) {
            sent = meters.find("consentflow.gateway.send.outcome").tag("result", "sent").counter();
        }
        return sent == null ? 0 : sent.count();
    }

    private void print() throws Exception {
        BenchFigures.print(figures);
    }
}
