package io.consentflow.consent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.WhatsappInbound;
import io.consentflow.consent.domain.WhatsappInbound.ChatMessage;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.SendRequest;
import io.consentflow.platform.observability.TraceParents;
import io.consentflow.rules.inbound.InboundReading;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A poll of whatsapp-inbound on the real subject store (MongoDB wire server) and outbox relay (embedded broker): its
 * senders' subjects read in one go, different senders' writes side by side and one sender's events in order; a
 * redelivered poll changes nothing, and a poll that fails midway fails whole, so its redelivery applies every tap.
 */
class InboundPollTests extends IntegrationTestSupport {

    @Autowired
    private EventEncoder encoder;
    @Autowired
    private OutboxHandOver relay;
    @Autowired
    private Clock clock;
    @Autowired
    private TraceParents traces;
    @Autowired
    private ConsentLifecycle lifecycle;
    @Autowired
    private ConsentSettings settings;
    @Autowired
    private RateLimiter rateLimiter;
    @Autowired
    private ChatErasureRequests erasureRequests;

    @Test
    void aPollReadsItsSendersTogetherAndWritesDifferentSendersSideBySideOneSendersInOrder() {
        List<SendRequest> requests = optIns(2);
        String first = requests.get(0).getTo();
        String second = requests.get(1).getTo();
        requests.forEach(r -> revision(r.getSubjectId())); // the relay's writes done: what is read ahead is current
        var store = new WatchingStore(subjects);
        List<WhatsappInbound> poll = new ArrayList<>(taps(requests));
        poll.add(stop(first));

        inboundOn(store).onWhatsappInbound(poll).block(Duration.ofSeconds(60));

        assertThat(store.readTogether).as("one read of the poll's senders")
                .containsExactly(Set.of(contactKeys.of(first), contactKeys.of(second)));
        // the first sender's second event reads its subject again (more than once if the relay wrote it meanwhile)
        assertThat(store.readAlone).as("read alone").contains(contactKeys.of(first))
                .doesNotContain(contactKeys.of(second));
        assertThat(store.mostWritesAtOnce.get()).as("writes in flight at once").isGreaterThanOrEqualTo(2);
        assertThat(store.mostWritesAtOnceOfOneSubject.get()).as("one sender's writes never overlap").isEqualTo(1);
        awaitSnapshot(second, ConsentStatus.CONFIRMED);
        awaitSnapshot(first, ConsentStatus.CONFIRMED);
        // the STOP came after the tap in the poll: applied after it, so it withdraws the confirmed consent
        assertThat(awaitSnapshot(first, ConsentStatus.STOPPED).getPurposes()).isEmpty();
    }

    @Test
    void aRedeliveredPollChangesNothing() {
        List<SendRequest> requests = optIns(2);
        String firstId = requests.get(0).getSubjectId();
        String secondId = requests.get(1).getSubjectId();
        List<WhatsappInbound> poll = taps(requests);
        InboundService inbound = inboundOn(subjects);
        inbound.onWhatsappInbound(poll).block(Duration.ofSeconds(60));
        long firstRevision = revision(firstId);
        long secondRevision = revision(secondId);

        inbound.onWhatsappInbound(poll).block(Duration.ofSeconds(60));

        assertThat(revision(firstId)).as("first subject not written again").isEqualTo(firstRevision);
        assertThat(revision(secondId)).as("second subject not written again").isEqualTo(secondRevision);
        awaitSnapshot(requests.get(0).getTo(), ConsentStatus.CONFIRMED);
        awaitSnapshot(requests.get(1).getTo(), ConsentStatus.CONFIRMED);
        assertThat(confirmations(firstId)).as("confirmed once").isEqualTo(1);
    }

    @Test
    void aPollThatFailsMidwayFailsWholeAndItsRedeliveryAppliesEveryTap() {
        List<SendRequest> requests = optIns(3);
        List<String> ids = requests.stream().map(SendRequest::getSubjectId).toList();
        List<WhatsappInbound> poll = taps(requests);
        var store = new WatchingStore(subjects);
        store.failFirstWriteOf.add(ids.get(1));

        assertThatThrownBy(() -> inboundOn(store).onWhatsappInbound(poll).block(Duration.ofSeconds(60)))
                .as("the poll fails, so its offsets are not committed").hasMessageContaining("lost write");
        inboundOn(subjects).onWhatsappInbound(poll).block(Duration.ofSeconds(60)); // the redelivery

        for (int i = 0; i < requests.size(); i++) {
            awaitSnapshot(requests.get(i).getTo(), ConsentStatus.CONFIRMED);
            assertThat(confirmations(ids.get(i))).as("tap %d confirmed once", i).isEqualTo(1);
        }
    }

    /** Opt-ins of new numbers requested through the API: their confirmation templates, as sent to the phones. */
    private List<SendRequest> optIns(int count) {
        return IntStream.range(0, count).mapToObj(i -> requestOptIn(randomNumber(), List.of("offers"))).toList();
    }

    /** Each phone's tap on its template, in one poll. */
    private static List<WhatsappInbound> taps(List<SendRequest> requests) {
        return requests.stream().map(r -> tap(r.getTo(), payloadOf(r))).toList();
    }

    private InboundService inboundOn(SubjectStore store) {
        var commands = new ConsentCommands(store, encoder, relay, clock, traces);
        return new InboundService(commands, lifecycle, contactKeys, settings, rateLimiter, erasureRequests, store);
    }

    /** The document's revision once the relay has published and cleared its outbox (a write of its own). */
    private long revision(String subjectId) {
        await().atMost(WAIT).until(() -> subjects.rawDocument(subjectId).block().getInteger("outboxSize") == 0);
        return ((Number) subjects.rawDocument(subjectId).block().get("revision")).longValue();
    }

    private int confirmations(String subjectId) {
        return allOf(Topics.CONSENT_EVENTS.name(), OptInConfirmed.class, e -> e.getSubjectId().equals(subjectId))
                .size();
    }

    private static WhatsappInbound tap(String number, String payload) {
        return message(number, InboundReading.of("button", null, payload, "Ja"), payload);
    }

    private static WhatsappInbound stop(String number) {
        return message(number, InboundReading.of("text", "STOP", null, null), null);
    }

    private static WhatsappInbound message(String number, InboundReading reading, String payload) {
        return new ChatMessage(Events.newEventId(), number.substring(1), reading, payload,
                "wamid." + Events.newEventId(), Instant.now());
    }
}
