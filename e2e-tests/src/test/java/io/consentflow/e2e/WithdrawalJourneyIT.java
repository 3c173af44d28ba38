package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageIntent;
import io.consentflow.rules.inbound.InboundReading;
import io.consentflow.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Journey: withdrawal as people write it, black-box on the running suite. Phones write the held-back (sealed) set
 * through the simulator; what the gateway publishes on whatsapp-inbound is compared with the recogniser and scored,
 * aggregates only. Then one contact's unclear question gets one one-tap reply whose tap withdraws, and another's
 * erasure request reaches staff.
 */
class WithdrawalJourneyIT extends JourneySupport {

    private static final String HELD_BACK = "consent-rules/src/test/resources/sealed/withdrawal-sealed.tsv";
    private static final String UNSUBSCRIBE = "UNSUBSCRIBE";

    private TopicRecorder inbound;

    @AfterAll
    void stopInboundRecorder() throws InterruptedException {
        if (inbound != null) {
            inbound.close();
        }
    }

    /**
     * The running suite reads every held-back message exactly as the recogniser does in-process (the webhook, the
     * gateway and the topic lose nothing and change nothing); the quality of that reading is held by consent-rules'
     * SealedEvaluationTest. Prints the figures the running suite reached, aggregates only.
     */
    @Test
    void theRunningSuiteReadsTheHeldBackSetExactlyAsTheRecogniserDoes() throws IOException {
        inbound = new TopicRecorder(suite.infrastructure.kafkaBootstrapServers(), Topics.WHATSAPP_INBOUND.name());
        Map<String, String[]> rowByContact = new HashMap<>();
        for (String line : heldBack()) {
            String[] row = line.split("\t", 4);
            Phone phone = Phone.create(suite);
            rowByContact.put(Contacts.contactKey(phone.e164()), row);
            phone.sendText(row[3]);
        }
        inbound.awaitCondition(() -> readings(rowByContact).size() == rowByContact.size(), Duration.ofMinutes(3),
                () -> readings(rowByContact).size() + " of " + rowByContact.size() + " messages published");

        int optOuts = 0;
        int hits = 0;
        int ordinary = 0;
        int falseStops = 0;
        int disagreements = 0;
        for (var reading : readings(rowByContact).entrySet()) {
            String[] row = rowByContact.get(reading.getKey());
            InboundReading inProcess = InboundReading.of("text", row[3], null, null);
            disagreements += inProcess.kind().name().equals(reading.getValue().name()) ? 0 : 1;
            boolean stop = reading.getValue() == MessageIntent.STOP || reading.getValue() == MessageIntent.ERASE;
            if ("OPT_OUT".equals(row[1])) {
                optOuts++;
                hits += stop ? 1 : 0;
            } else {
                ordinary++;
                falseStops += stop ? 1 : 0;
            }
        }
        System.out.printf("held-back set on the running suite: %d opt-outs, recall %.3f; %d ordinary, false stops "
                + "%.3f; %d read differently from the recogniser in-process%n", optOuts, (double) hits / optOuts,
                ordinary, (double) falseStops / ordinary, disagreements);
        assertThat(optOuts + ordinary).isGreaterThanOrEqualTo(1500);
        assertThat(hits).as("the running suite hears opt-outs").isPositive();
        assertThat(disagreements).as("messages the running suite read differently from the recogniser").isZero();
    }

    @Test
    void anUnclearQuestionGetsOneOneTapReplyAndTheTapWithdraws() {
        Phone phone = Phone.create(suite);
        optInAndConfirm(phone, List.of("offers"));
        phone.sendText("wie melde ich mich ab?");
        JsonNode offer = phone.awaitOutbound(m -> hasButton(m, UNSUBSCRIBE), PATIENCE);
        phone.sendText("wie kann ich mich abmelden??");

        phone.tap(offer.path("buttons").get(0).path("payload").asString());
        awaitConsent(phone, ConsentStatus.STOPPED);
        assertThat(phone.outbound().stream().filter(m -> hasButton(m, UNSUBSCRIBE)))
                .as("one clarification, however often asked").hasSize(1);
        assertThat(blockReason(awaitOutcome(sendMarketing(phone, "offers")))).contains("STOPPED");
    }

    @Test
    void anErasureRequestInTheChatWithdrawsAtOnceAndShowsUpForStaff() {
        Phone phone = Phone.create(suite);
        String subjectId = optInAndConfirm(phone, List.of("offers"));
        phone.sendText("Bitte löschen Sie meine Nummer aus Ihrer Liste");
        awaitConsent(phone, ConsentStatus.STOPPED);

        Http.Response pending = Http.get(suite.consent.baseUrl() + "/api/v1/erasure-requests", staffToken("DPO"));
        assertThat(pending.status()).isEqualTo(200);
        List<String> subjects = new ArrayList<>();
        pending.json().forEach(request -> subjects.add(request.path("subjectId").asString()));
        assertThat(subjects).contains(subjectId);
    }

    private Map<String, MessageIntent> readings(Map<String, String[]> contacts) {
        Map<String, MessageIntent> readings = new HashMap<>();
        for (InboundMessage message : inbound.all(InboundMessage.class, m -> contacts.containsKey(m.getContactKey()))) {
            readings.putIfAbsent(message.getContactKey(), message.getIntent());
        }
        return readings;
    }

    private static boolean hasButton(JsonNode message, String payload) {
        for (JsonNode button : message.path("buttons")) {
            if (payload.equals(button.path("payload").asString())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> heldBack() throws IOException {
        List<String> lines = Files.readAllLines(Suite.repositoryRoot().resolve(HELD_BACK), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank()).toList();
    }
}
