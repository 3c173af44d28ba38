package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageSent;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Journey 6: a 10,000-request campaign over consented, unconsented and stopped numbers. Every request ends in exactly
 * one terminal event; nothing reaches a number without consent; nothing is sent twice (the simulator's chats are the
 * independent witness of what went over HTTP). A gateway killed in the middle of a campaign is ChaosIT's, with every
 * request accounted for by its requestId, two gateways, repeated kills and restarts of the broker and the store.
 */
class CampaignJourneyIT extends JourneySupport {

    private static final int CONSENTED = 40;
    private static final int STOPPED = 15;
    private static final int UNCONSENTED = 40;

    private final List<Phone> consented = new ArrayList<>();
    private final List<Phone> stopped = new ArrayList<>();
    private final List<String> unconsented = new ArrayList<>();

    @BeforeAll
    void populate() {
        List<Phone> optedIn = optedInPhones(CONSENTED + STOPPED);
        consented.addAll(optedIn.subList(0, CONSENTED));
        stopped.addAll(optedIn.subList(CONSENTED, optedIn.size()));
        stopped.parallelStream().forEach(phone -> {
            phone.sendText("STOP");
            awaitConsent(phone, ConsentStatus.STOPPED);
        });
        for (int i = 0; i < UNCONSENTED; i++) {
            unconsented.add(i % 2 == 0 ? Phone.create(suite).e164() : "+" + Phone.randomGermanMobile());
        }
    }

    @Test
    void tenThousandRequestsEachEndInExactlyOneOutcomeAndOnlyConsentedNumbersReceiveMarketing() {
        long deliveredBefore = deliveredMarketing();
        Map<String, String> requestToNumber = publishCampaign(10_000, new Random(6));

        awaitAllOutcomes(requestToNumber.keySet(), Duration.ofMinutes(4));
        assertNoDuplicateOrMisdirectedSends(requestToNumber, deliveredBefore);
    }

    private List<Phone> optedInPhones(int count) {
        return IntStream.range(0, count).parallel().mapToObj(i -> {
            Phone phone = Phone.create(suite);
            optInAndConfirm(phone, List.of("offers"));
            return phone;
        }).toList();
    }

    private Map<String, String> publishCampaign(int size, Random random) {
        List<String> audience = new ArrayList<>();
        consented.forEach(phone -> audience.add(phone.e164()));
        stopped.forEach(phone -> audience.add(phone.e164()));
        audience.addAll(unconsented);
        Map<String, String> requestToNumber = new ConcurrentHashMap<>();
        try (var producer = new CampaignProducer(suite.infrastructure.kafkaBootstrapServers())) {
            for (int i = 0; i < size; i++) {
                String number = audience.get(random.nextInt(audience.size()));
                String requestId = java.util.UUID.randomUUID().toString();
                requestToNumber.put(requestId, number);
                producer.send(Topics.SEND_REQUESTS.name(), number, marketingRequest(requestId, number, "offers"));
            }
        }
        return requestToNumber;
    }

    private long countOutcomes(Set<String> requests) {
        return requests.stream().filter(id -> !outcomes(id).isEmpty()).count();
    }

    private void awaitAllOutcomes(Set<String> requests, Duration timeout) {
        messageEvents.awaitCondition(() -> countOutcomes(requests) == requests.size(), timeout,
                () -> (requests.size() - countOutcomes(requests)) + " of " + requests.size() + " requests never ended");
        for (String requestId : requests) {
            assertThat(outcomes(requestId)).as("outcomes of %s", requestId).hasSize(1);
        }
    }

    private long deliveredMarketing() {
        return consented.stream().mapToLong(phone -> phone.outboundTemplates("new_collection")).sum();
    }

    private void assertNoDuplicateOrMisdirectedSends(Map<String, String> requestToNumber, long deliveredBefore) {
        Set<String> mayReceive = new java.util.HashSet<>();
        consented.forEach(phone -> mayReceive.add(phone.e164()));
        Map<String, Long> sentPerNumber = new HashMap<>();
        for (var entry : requestToNumber.entrySet()) {
            List<SpecificRecord> outcome = outcomes(entry.getKey());
            if (outcome.get(0) instanceof MessageSent) {
                assertThat(mayReceive).as("sent to a number without consent").contains(entry.getValue());
                sentPerNumber.merge(entry.getValue(), 1L, Long::sum);
            }
        }
        assertThat(sentPerNumber).as("the campaign delivered something").isNotEmpty();
        ServiceProcess.sleep(2_000);
        for (Phone phone : stopped) {
            assertThat(phone.outboundTemplates("new_collection")).as("stopped %s", phone.digits()).isZero();
        }
        long sentEvents = sentPerNumber.values().stream().mapToLong(Long::longValue).sum();
        // a gateway killed while a call was in flight records it as ambiguous: it may or may not have arrived
        long ambiguous = requestToNumber.keySet().stream().map(this::outcomes)
                .filter(outcome -> outcome.get(0) instanceof io.consentflow.events.MessageFailed failed
                        && failed.getAmbiguous())
                .count();
        assertThat(deliveredMarketing() - deliveredBefore)
                .as("HTTP sends seen by the simulator match MessageSent events: none twice, none unrecorded")
                .isBetween(sentEvents, sentEvents + ambiguous);
    }
}
