package io.consentflow.gateway.adapters.kafka;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreference;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.PendingStops;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.platform.kafka.InboundReadings;
import io.consentflow.rules.inbound.InboundReading;
import io.consentflow.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the consent view ({@code consent-state}, compacted, from the beginning) and the customer-service windows
 * ({@code whatsapp-inbound}, the last 24 hours) in memory. Readiness is DOWN until both caught up with the end
 * offsets seen at start; the send pipeline starts only then, so no message is judged on a half-loaded view. A STOP
 * on {@code whatsapp-inbound} blocks at once ({@link PendingStops}), before consent-service's snapshot reflects it;
 * the time from the gateway reading the STOP to the gate knowing it is {@value #STOP_TO_GATE} (not during the replay
 * on start, which would count hours-old STOPs).
 */
@Component("consentView")
public class ConsentView implements SmartLifecycle, HealthIndicator {

    /** How far back whatsapp-inbound is read on start: the customer-service window, and any STOP still pending. */
    public static final Duration INBOUND_REPLAY = PendingStops.INBOUND_REPLAY;
    static final String STOP_TO_GATE = "consentflow.gateway.stop.to_gate";

    private final ConsentTable table;
    private final ServiceWindows windows;
    private final PendingStops pendingStops;
    private final Clock clock;
    /** Bootstrap servers and security settings from spring.kafka.*, as every other client of the service. */
    private final Map<String, Object> connection;
    private final MeterRegistry meters;
    private final Timer stopToGate;
    private final CountDownLatch caughtUp = new CountDownLatch(2);
    private final List<Runnable> whenReady = new CopyOnWriteArrayList<>();
    private final List<TopicFollower> followers = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    ConsentView(ConsentTable table, ServiceWindows windows, PendingStops pendingStops, Clock clock,
            KafkaProperties kafka, MeterRegistry meters) {
        this.table = table;
        this.pendingStops = pendingStops;
        this.meters = meters;
        this.windows = windows;
        this.clock = clock;
        this.connection = TopicFollower.connectionSettings(kafka.buildConsumerProperties());
        this.stopToGate = Timer.builder(STOP_TO_GATE)
                .description("from the gateway reading a STOP (webhook) to the gate blocking on it")
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30), Duration.ofSeconds(60))
                .register(meters);
    }

    /** Runs the action once both topics are caught up (at once if they already are). */
    public void whenReady(Runnable action) {
        if (ready()) {
            action.run();
        } else {
            whenReady.add(action);
        }
    }

    public boolean ready() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return caughtUp.await(timeout, unit);
    }

    @Override
    public Health health() {
        return ready() ? Health.up().withDetail("subjects", table.size()).build()
                : Health.outOfService().withDetail("reason", "consent view bootstrapping").build();
    }

    @Override
    public void start() {
        running = true;
        Instant windowStart = clock.instant().minus(INBOUND_REPLAY);
        follow(new TopicFollower(Topics.CONSENT_STATE.name(), connection, kafka -> {
            kafka.seekToBeginning(kafka.assignment());
            return null;
        }, this::onConsentState, this::caughtUp, meters));
        follow(new TopicFollower(Topics.WHATSAPP_INBOUND.name(), connection, kafka -> {
            Map<TopicPartition, Long> query = new HashMap<>();
            kafka.assignment().forEach(p -> query.put(p, windowStart.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = kafka.offsetsForTimes(query);
            Map<TopicPartition, Long> end = kafka.endOffsets(kafka.assignment());
            found.forEach((p, offset) -> kafka.seek(p, offset == null ? end.get(p) : offset.offset()));
            return null;
        }, this::onInbound, this::caughtUp, meters));
    }

    private void follow(TopicFollower follower) {
        followers.add(follower);
        Thread thread = new Thread(follower, "follow-" + followers.size());
        thread.setDaemon(true);
        thread.start();
    }

    private void caughtUp() {
        caughtUp.countDown();
        if (ready()) {
            whenReady.forEach(Runnable::run);
            whenReady.clear();
        }
    }

    void onConsentState(String contactKey, SpecificRecord value) {
        ConsentViewBootstrap.apply(table, contactKey, value);
        if (value == null) {
            pendingStops.erased(contactKey);
        } else if (value instanceof ConsentSnapshot snapshot) {
            pendingStops.reflected(contactKey, snapshot.getOccurredAt().toEpochMilli());
        }
    }

    void onInbound(String contactKey, SpecificRecord value) {
        if (value instanceof InboundMessage message) {
            windows.inbound(contactKey, message.getReceivedAt());
            InboundReading reading = InboundReadings.of(message);
            if (reading.kind().withdraws()) {
                pendingStops.stopped(contactKey, reading.kind().withdrawsAll(), message.getOccurredAt(),
                        clock.instant());
                stopReachedGate(message.getOccurredAt());
            }
        } else if (value instanceof MarketingPreferenceChanged change) {
            // consent-service republishes the snapshot; this closes the gap until it does
            if (change.getValue() == MarketingPreference.STOP) {
                pendingStops.stopped(contactKey, false, change.getOccurredAt(), clock.instant());
                stopReachedGate(change.getOccurredAt());
            } else if (change.getValue() == MarketingPreference.RESUME) {
                pendingStops.resumed(contactKey, change.getOccurredAt());
                table.setMarketingStoppedAtMeta(contactKey, false);
            }
        }
    }

    private void stopReachedGate(Instant readAt) {
        if (ready() && readAt != null) {
            Duration took = Duration.between(readAt, clock.instant());
            stopToGate.record(took.isNegative() ? Duration.ZERO : took);
        }
    }

    @Override
    public void stop() {
        followers.forEach(TopicFollower::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the listener containers (which start in the default phase) so the gate never runs on an empty view
        return Integer.MIN_VALUE + 100;
    }
}
