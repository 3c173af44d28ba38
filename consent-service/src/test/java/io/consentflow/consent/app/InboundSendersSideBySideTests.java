package io.consentflow.consent.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.WhatsappInbound;
import io.consentflow.consent.domain.WhatsappInbound.ChatMessage;
import io.consentflow.events.ConsentStatus;
import io.consentflow.platform.observability.TraceParents;
import io.consentflow.rules.inbound.InboundReading;
import io.consentflow.schemas.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A poll of whatsapp-inbound applies different senders' events side by side and one sender's in order, on the real
 * subject store (MongoDB wire server) and outbox relay (embedded broker). The store is wrapped so that each subject
 * load waits until two loads are in flight at once (or {@link #HOLD} passed): applied one after the other, no two
 * loads ever overlap and the test fails.
 */
class InboundSendersSideBySideTests extends IntegrationTestSupport {

    private static final Duration HOLD = Duration.ofSeconds(3);

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
    void twoSendersTapsApplySideBySideWhileOneSendersEventsKeepTheirOrder() {
        String first = randomNumber();
        String second = randomNumber();
        String firstPayload = payloadOf(requestOptIn(first, List.of("offers")));
        String secondPayload = payloadOf(requestOptIn(second, List.of("offers")));
        var store = new OverlapWatchingStore(subjects);
        var commands = new ConsentCommands(store, encoder, relay, clock, traces);
        var inbound = new InboundService(commands, lifecycle, contactKeys, settings, rateLimiter, erasureRequests,
                store);

        inbound.onWhatsappInbound(List.of(tap(first, firstPayload), tap(second, secondPayload), stop(first)))
                .block(Duration.ofSeconds(60));

        assertThat(store.mostAtOnce.get()).as("subject loads in flight at once").isGreaterThanOrEqualTo(2);
        assertThat(store.mostAtOnceForOneKey.get()).as("one sender's loads never overlap").isEqualTo(1);
        awaitSnapshot(second, ConsentStatus.CONFIRMED);
        awaitSnapshot(first, ConsentStatus.CONFIRMED);
        // the STOP came after the tap in the poll: applied after it, so it withdraws the confirmed consent
        assertThat(awaitSnapshot(first, ConsentStatus.STOPPED).getPurposes()).isEmpty();
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

    /** The real store; its contact-key loads wait for company and count how many overlap, overall and per key. */
    private static final class OverlapWatchingStore implements SubjectStore {

        private final SubjectStore real;
        private final Sinks.Empty<Void> twoAtOnce = Sinks.empty();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();
        private final Map<String, AtomicInteger> inFlightPerKey = new ConcurrentHashMap<>();
        private final AtomicInteger mostAtOnceForOneKey = new AtomicInteger();

        OverlapWatchingStore(SubjectStore real) {
            this.real = real;
        }

        @Override
        public Mono<StoredSubject> byContactKey(String contactKey) {
            return Mono.defer(() -> {
                AtomicInteger ofKey = inFlightPerKey.computeIfAbsent(contactKey, k -> new AtomicInteger());
                mostAtOnceForOneKey.accumulateAndGet(ofKey.incrementAndGet(), Math::max);
                int now = inFlight.incrementAndGet();
                mostAtOnce.accumulateAndGet(now, Math::max);
                if (now >= 2) {
                    twoAtOnce.tryEmitEmpty();
                }
                return twoAtOnce.asMono().timeout(HOLD, Mono.empty()).then(real.byContactKey(contactKey))
                        .doFinally(signal -> {
                            inFlight.decrementAndGet();
                            ofKey.decrementAndGet();
                        });
            });
        }

        @Override
        public Mono<Void> createIndexes() {
            return real.createIndexes();
        }

        @Override
        public StoredSubject newSubject(Subject subject) {
            return real.newSubject(subject);
        }

        @Override
        public Mono<StoredSubject> byId(String subjectId) {
            return real.byId(subjectId);
        }

        @Override
        public Mono<StoredSubject> byTokenHash(String tokenHash) {
            return real.byTokenHash(tokenHash);
        }

        @Override
        public Mono<Set<String>> knownContactKeys(Collection<String> contactKeys) {
            return real.knownContactKeys(contactKeys);
        }

        @Override
        public Mono<List<Throwable>> insertAll(List<StoredSubject> fresh) {
            return real.insertAll(fresh);
        }

        @Override
        public Mono<Void> save(StoredSubject stored) {
            return real.save(stored);
        }

        @Override
        public Flux<String> idsWithPendingExpiredBy(Instant now, int limit) {
            return real.idsWithPendingExpiredBy(now, limit);
        }
    }
}
