package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The chaos suite (docs/performance.md#chaos): a campaign over simulated phones, some never consented and some
 * sending STOP during the run, through two gateway instances, while the suite SIGKILLs and restarts gateways,
 * restarts the broker and the MongoDB wire server once each (keeping their data), and the simulator injects 429
 * storms, 5xx storms and "accept, then 5xx". Accounted per requestId from the simulator's delivery log and
 * message-events ({@link ChaosLedger}); prints the figures and fails on any violation. Size from system properties
 * ({@code chaos.requests}, {@code chaos.phones}, {@code chaos.kills}); CI runs the reduced default, the
 * {@code chaos} profile's full size is a benchmark-style run. Needs {@code CONSENTFLOW_TEST_INFRA=processes} and a
 * durable wire server (the failsafe execution sets both).
 */
class ChaosIT extends JourneySupport {

    private final int requests = Integer.getInteger("chaos.requests", 2_000);
    private final int phones = Integer.getInteger("chaos.phones", 120);
    private final int kills = Integer.getInteger("chaos.kills", 2);
    private final Duration patience = Duration.ofMinutes(Long.getLong("chaos.patience.minutes", 8));

    private final List<Phone> consented = new ArrayList<>();
    private final Set<String> neverConsented = ConcurrentHashMap.newKeySet();
    private final List<Phone> stoppers = new ArrayList<>();
    /** A stopper's number → the wamid of its STOP message (the delivery log names the webhook by it). */
    private final Map<String, String> stopWamids = new ConcurrentHashMap<>();

    @BeforeAll
    @Override
    void startSuite() {
        assertThat(TestInfrastructure.get().mode()).as("the chaos suite restarts the broker and the wire server:"
                + " CONSENTFLOW_TEST_INFRA=processes").isEqualTo(TestInfrastructure.Mode.PROCESSES);
        Map<String, String> gateway = Map.ofEntries(
                // the frequency cap lifted, the sender number's rate at Meta's highest tier
                Map.entry("CONSENTFLOW_GATEWAY_GATE_FREQUENCYCAPMAX", "1000000"),
                Map.entry("CONSENTFLOW_FREQUENCY_CAP_MAX", "1000000"),
                Map.entry("CONSENTFLOW_GATEWAY_SEND_RATELIMITPERSECOND", "1000"),
                Map.entry("CONSENTFLOW_GATEWAY_SEND_RECIPIENTSPACING", "2s"),
                Map.entry("CONSENTFLOW_GATEWAY_SEND_SETTLE_WITHIN", "20s"),
                Map.entry("CONSENTFLOW_GATEWAY_SEND_SETTLE_INTERVAL", "2s"),
                // claims left behind without a redelivery are resumed within seconds, not after the default minute
                Map.entry("CONSENTFLOW_GATEWAY_SEND_RESUME_AFTER", "10s"),
                Map.entry("CONSENTFLOW_GATEWAY_SEND_RESUME_INTERVAL", "10s"),
                Map.entry("CONSENTFLOW_GATEWAY_WHATSAPP_RESPONSETIMEOUT", "3s"),
                // a SIGKILLed instance's partitions move after 10 s instead of the consumer default of 45 s
                Map.entry("SPRING_APPLICATION_JSON",
                        "{\"spring.kafka.consumer.properties[session.timeout.ms]\":\"10000\"}"));
        Map<String, Map<String, String>> overrides = Map.of("messaging-gateway", gateway,
                Suite.SECOND_GATEWAY, Map.of(), Suite.SEND_PATH_ONLY, Map.of(),
                // webhooks outlive a gateway's restart (Meta retries for days)
                "whatsapp-simulator", Map.of("SIM_WEBHOOK_MAX_ATTEMPTS", "60", "SIM_THROUGHPUT_PER_SECOND", "5000"));
        suite = Suite.get(overrides, ServiceProcess.Jvm.JOURNEYS);
        kafka = new io.consentflow.testsupport.KafkaTestClient(suite.infrastructure.kafkaBootstrapServers());
        consentState = new TopicRecorder(suite.infrastructure.kafkaBootstrapServers(), Topics.CONSENT_STATE.name());
        messageEvents = new TopicRecorder(suite.infrastructure.kafkaBootstrapServers(), Topics.MESSAGE_EVENTS.name());
        int never = Math.max(1, phones / 10);
        int stopping = Math.max(1, phones / 10);
        long started = System.nanoTime();
        // one first, alone: a cold suite on a loaded machine takes its time over the first confirmation
        List<Phone> optedIn = new ArrayList<>();
        optInPatiently(Phone.create(suite)).ifPresent(optedIn::add);
        optedIn.addAll(new ForkJoinPool(8).submit(() -> IntStream.range(1, phones - never).parallel()
                .mapToObj(i -> optInPatiently(Phone.create(suite))).flatMap(java.util.Optional::stream).toList())
                .join());
        assertThat(optedIn).as("phones opted in").hasSizeGreaterThan((phones - never) / 2);
        stoppers.addAll(optedIn.subList(0, stopping));
        consented.addAll(optedIn);
        for (int i = 0; i < never; i++) {
            neverConsented.add(Phone.create(suite).e164());
        }
        System.out.printf("chaos: %d phones opted in in %d s%n", optedIn.size(),
                (System.nanoTime() - started) / 1_000_000_000);
    }

    /**
     * The web double opt-in with the patience of a loaded machine; a phone whose confirmation does not complete in
     * time is left out of the campaign altogether (it may still become consented later, so it is neither audience
     * nor "never consented").
     */
    private java.util.Optional<Phone> optInPatiently(Phone phone) {
        Duration patience = Duration.ofMinutes(3);
        if (requestOptIn(phone, List.of("offers")).status() != 202) {
            return java.util.Optional.empty();
        }
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            var confirmation = phone.outbound().stream().filter(m -> m.path("buttons").size() > 0).findFirst();
            if (confirmation.isPresent()) {
                phone.tap(confirmPayload(confirmation.get()));
                String contactKey = Contacts.contactKey(phone.e164());
                try {
                    consentState.await(ConsentSnapshot.class,
                            snapshot -> snapshot.getContactKey().equals(contactKey)
                                    && snapshot.getStatus() == ConsentStatus.CONFIRMED,
                            patience);
                    return java.util.Optional.of(phone);
                } catch (AssertionError | RuntimeException e) {
                    System.out.println("chaos: an opt-in did not complete: " + e.getClass().getSimpleName());
                    return java.util.Optional.empty();
                }
            }
            ServiceProcess.sleep(500);
        }
        System.out.println("chaos: no confirmation reached a phone within " + patience);
        return java.util.Optional.empty();
    }

    @Test
    void nothingLostNothingSentTwiceNothingSentAfterStopUnderFaults() throws Exception {
        List<String> audience = new ArrayList<>(consented.stream().map(Phone::e164).toList());
        audience.addAll(neverConsented);
        Random random = new Random(23);
        Map<String, String> requestToNumber = new HashMap<>();
        long started = System.nanoTime();
        try (var producer = new CampaignProducer(suite.infrastructure.kafkaBootstrapServers())) {
            for (int i = 0; i < requests; i++) {
                String number = audience.get(random.nextInt(audience.size()));
                String requestId = UUID.randomUUID().toString();
                requestToNumber.put(requestId, number);
                producer.send(Topics.SEND_REQUESTS.name(), number, marketingRequest(requestId, number, "offers"));
            }
        }
        ChaosMonkey monkey = new ChaosMonkey(suite, kills, random);
        Thread stops = new Thread(() -> sendStopsSpreadOver(Duration.ofSeconds(40), random), "chaos-stops");
        stops.start();
        monkey.run();
        stops.join();
        try (var ledger = new ChaosLedger(suite.infrastructure.kafkaBootstrapServers(), requestToNumber.keySet())) {
            Instant deadline = Instant.now().plus(patience);
            do {
                ServiceProcess.sleep(2_000);
                ledger.catchUp();
                System.out.printf("chaos: %d of %d requests have their outcome%n", ledger.withOutcome(), requests);
            } while (ledger.withOutcome() < requests && Instant.now().isBefore(deadline));
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            ServiceProcess.sleep(3_000); // outcomes published twice by a replay arrive close together
            ledger.catchUp();
            Map<String, Long> acknowledged = stopAcknowledgements();
            ChaosLedger.Figures figures = ledger.figures(requestToNumber, neverConsented, acknowledged,
                    deliveryLog());
            List<String> unrecorded = stopsNeverRecorded(acknowledged.keySet());
            print(figures, monkey, seconds, acknowledged.size(), unrecorded.size());
            ChaosDiagnosis.of(suite.infrastructure.mongoUri(), suite.infrastructure.kafkaBootstrapServers(),
                    ledger.withoutOutcome()).forEach(line -> System.out.println("  without an outcome: " + line));
            assertThat(figures.violations()).as("violations: %s", figures).isZero();
            assertThat(unrecorded).as("acknowledged STOPs consent-service never recorded").isEmpty();
            assertThat(figures.deliveries()).as("the campaign delivered something").isPositive();
        }
    }

    /** Each stopper sends STOP at its own moment while the campaign runs; the wamid names its webhook. */
    private void sendStopsSpreadOver(Duration window, Random random) {
        List<Long> at = stoppers.stream().map(p -> (long) random.nextInt((int) window.toMillis())).sorted().toList();
        long start = System.currentTimeMillis();
        for (int i = 0; i < stoppers.size(); i++) {
            ServiceProcess.sleep(Math.max(0, start + at.get(i) - System.currentTimeMillis()));
            Phone phone = stoppers.get(i);
            var response = Http.postJson(suite.simulator.baseUrl() + "/sim/v1/phones/" + phone.digits()
                    + "/messages", Map.of("text", "STOP"), null);
            assertThat(response.status()).isIn(200, 201);
            stopWamids.put(phone.e164(), response.json().path("wamid").asString());
        }
    }

    private List<JsonNode> deliveryLog() {
        List<JsonNode> delivered = new ArrayList<>();
        long from = 0;
        while (true) {
            JsonNode page = Http.get(suite.simulator.baseUrl() + "/sim/v1/delivery-log?from=" + from
                    + "&limit=50000", null).json();
            page.path("delivered").forEach(delivered::add);
            long next = page.path("next").asLong();
            if (next == from) {
                return delivered;
            }
            from = next;
        }
    }

    /** Number → when the gateway acknowledged its STOP webhook (a STOP never acknowledged has none). */
    private Map<String, Long> stopAcknowledgements() {
        Map<String, String> byWamid = stopWamids.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        Map<String, Long> acknowledged = new HashMap<>();
        long from = 0;
        while (true) {
            JsonNode page = Http.get(suite.simulator.baseUrl() + "/sim/v1/delivery-log?from=" + from
                    + "&limit=50000", null).json();
            for (JsonNode ack : page.path("acknowledged")) {
                String number = byWamid.get(ack.path("reference").asString());
                if (number != null) {
                    acknowledged.merge(number, ack.path("acknowledgedAtMillis").asLong(), Math::min);
                }
            }
            long next = page.path("next").asLong();
            if (next == from) {
                return acknowledged;
            }
            from = next;
        }
    }

    /**
     * The numbers whose STOP the gateway acknowledged but consent-service never recorded (no STOPPED snapshot on
     * consent-state): an acknowledged webhook that never reached whatsapp-inbound. The stop fence still refuses their
     * messages for a day, so the delivery figures alone do not show it.
     */
    private List<String> stopsNeverRecorded(Set<String> acknowledged) {
        Set<String> stopped = consentState.all(ConsentSnapshot.class,
                snapshot -> snapshot.getStatus() == ConsentStatus.STOPPED).stream()
                .map(ConsentSnapshot::getContactKey).collect(Collectors.toSet());
        return acknowledged.stream().filter(number -> !stopped.contains(Contacts.contactKey(number))).toList();
    }

    private void print(ChaosLedger.Figures figures, ChaosMonkey monkey, long seconds, int acknowledged,
            int unrecorded) {
        System.out.printf("""
                chaos figures (%d requests, %d phones: %d never consented, %d sending STOP; two gateways)
                  faults: %s
                  wall time publish → last outcome: %d s
                  deliveries (HTTP requests the simulator accepted for a phone): %d
                  delivered without consent:           %d
                  delivered after the STOP was acked:  %d (STOPs acknowledged: %d of %d)
                  STOPs acknowledged, never recorded:  %d
                  requestIds delivered twice:          %d
                  requests without an outcome:         %d
                  requests with several outcomes:      %d
                  SENT but never delivered:            %d
                  delivered but recorded not sent:     %d
                  AMBIGUOUS (reported, never re-sent): %d, of which delivered: %d
                  outcomes by kind: %s
                """, figures.requests(), phones, neverConsented.size(), stoppers.size(), monkey.log(), seconds,
                figures.deliveries(), figures.deliveredWithoutConsent(), figures.deliveredAfterStopAck(),
                acknowledged, stoppers.size(), unrecorded, figures.deliveredTwice(), figures.withoutOutcome(),
                figures.withSeveralOutcomes(), figures.sentButNotDelivered(), figures.deliveredButRecordedUnsent(),
                figures.ambiguous(), figures.ambiguousThatWereDelivered(), figures.outcomesByKind());
        figures.examples().forEach(example -> System.out.println("  violation: " + example));
    }
}
