package io.consentflow.consent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.adapters.mongo.KeyRing;
import io.consentflow.consent.adapters.mongo.RateLimitStore;
import io.consentflow.consent.app.OptInBatches.OptIn;
import io.consentflow.consent.app.RateLimiter.ConfirmationAttempt;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.consent.domain.ConfirmationToken;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.OptInSource;
import io.consentflow.consent.domain.Subject;
import io.consentflow.platform.mongo.MongoCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Opt-ins sharing their commands ({@link OptInBatches}) on the real wire (mongo-java-server) and broker: every request
 * in a batch is judged and answered exactly as it would be alone.
 */
class OptInBatchesTests extends IntegrationTestSupport {

    @Autowired
    OptInBatches batches;
    @Autowired
    RateLimiter rateLimiter;
    @Autowired
    ConsentLifecycle lifecycle;
    @Autowired
    ConsentProperties properties;
    @Autowired
    MongoCollections collections;
    @Autowired
    KeyRing keyRing;
    @Autowired
    EventEncoder encoder;

    /** Numbers and addresses of one run of {@link #attemptsMixingBothLimits}: index → a fresh key. */
    private record Keys(List<String> numbers, List<String> addresses) {
        static Keys fresh() {
            List<String> numbers = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                numbers.add(randomNumber());
                addresses.add(randomAddress() + "-" + UUID.randomUUID());
            }
            return new Keys(numbers, addresses);
        }
    }

    /**
     * Fills the address limit with other numbers, then one number N from that address (allowed), again (the address
     * refuses: N's slot goes back), from a second address twice (allowed up to N's limit), then from a third and the
     * first address (N refuses: neither address counts them).
     */
    private List<ConfirmationAttempt> attemptsMixingBothLimits(Keys keys) {
        int perAddress = properties.rateLimit().perClientAddress();
        int perNumber = properties.rateLimit().perNumber();
        assertThat(perNumber).as("the scenario's arithmetic").isEqualTo(3);
        List<ConfirmationAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < perAddress - 1; i++) {
            attempts.add(new ConfirmationAttempt(contactKeys.of(randomNumber()), keys.addresses().get(0)));
        }
        String n = contactKeys.of(keys.numbers().get(0));
        attempts.add(new ConfirmationAttempt(n, keys.addresses().get(0)));
        attempts.add(new ConfirmationAttempt(n, keys.addresses().get(0)));
        attempts.add(new ConfirmationAttempt(n, keys.addresses().get(1)));
        attempts.add(new ConfirmationAttempt(n, keys.addresses().get(1)));
        attempts.add(new ConfirmationAttempt(n, keys.addresses().get(2)));
        attempts.add(new ConfirmationAttempt(n, keys.addresses().get(0)));
        return attempts;
    }

    @Test
    void aRateLimitBatchJudgesEachAttemptAsAloneAndCountsWhatAloneWouldCount() {
        Keys batched = Keys.fresh();
        List<ConfirmationAttempt> inOneBatch = attemptsMixingBothLimits(batched);
        List<Boolean> batchAllowed = rateLimiter.acquireConfirmations(inOneBatch).block(WAIT).stream()
                .map(Optional::isEmpty).toList();

        Keys lone = Keys.fresh();
        List<Boolean> loneAllowed = Flux.fromIterable(attemptsMixingBothLimits(lone))
                .concatMap(a -> rateLimiter.acquireConfirmation(a.contactKey(), a.clientAddress()))
                .map(Optional::isEmpty).collectList().block(WAIT);

        int filled = properties.rateLimit().perClientAddress() - 1;
        List<Boolean> expected = new ArrayList<>(Collections.nCopies(filled, true));
        expected.addAll(List.of(true, false, true, true, false, false));
        assertThat(loneAllowed).as("alone").isEqualTo(expected);
        assertThat(batchAllowed).as("in one batch, exactly as alone").isEqualTo(expected);

        // the counters hold what alone would hold: N 5 (refused attempts of N stay counted), first address 21
        // (N's second attempt, refused by it, stays counted there), second 2, third 0 (refused by N: given back)
        List<Long> expectedCounts = List.of(5L, (long) filled + 2, 2L, 0L);
        assertThat(counts(lone)).as("alone").isEqualTo(expectedCounts);
        assertThat(counts(batched)).as("in one batch").isEqualTo(expectedCounts);
    }

    @Test
    void concurrentBatchesOfOneInstanceCountAsOneAfterTheOther() {
        String number = contactKeys.of(randomNumber());
        List<ConfirmationAttempt> two = List.of(new ConfirmationAttempt(number, randomAddress()),
                new ConfirmationAttempt(number, randomAddress()));
        List<Boolean> allowed = Flux.range(0, 4).flatMap(i -> rateLimiter.acquireConfirmations(two)
                        .subscribeOn(reactor.core.scheduler.Schedulers.parallel()), 4)
                .flatMapIterable(answers -> answers).map(Optional::isEmpty).collectList().block(WAIT);
        assertThat(allowed).hasSize(8);
        assertThat(allowed).as("%s", allowed).filteredOn(ok -> ok).hasSize(properties.rateLimit().perNumber());
    }

    @Test
    void aBatchCreatesNewNumbersOnceAndAnswersEachRequestAsAlone() {
        String a = randomNumber();
        String b = randomNumber();
        String known = randomNumber();
        String refused = randomNumber();
        requestOptIn(known, List.of("offers"));
        for (int i = 0; i < properties.rateLimit().perNumber(); i++) {
            assertThat(rateLimiter.acquireConfirmation(contactKeys.of(refused), randomAddress()).block(WAIT)).isEmpty();
        }
        List<String> numbers = List.of(a, b, a, known, refused);
        List<Mono<Optional<ConfirmationToken>>> answers = batches.answers(
                numbers.stream().map(this::optIn).toList(),
                numbers.stream().map(n -> (ContextView) Context.empty()).toList()).block(WAIT);

        List<Optional<ConfirmationToken>> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(answers.get(i).block(WAIT));
        }
        assertThat(tokens).as("a new, b new, a again (pending: a new token), known (pending: a new token)")
                .allSatisfy(token -> assertThat(token).isPresent());
        assertThatThrownBy(() -> answers.get(4).block(WAIT)).as("over its number's limit")
                .isInstanceOf(RateLimitedException.class);

        for (String number : List.of(a, b, known)) {
            StoredSubject stored = subjects.byContactKey(contactKeys.of(number)).block(WAIT);
            assertThat(stored).as("one subject per number").isNotNull();
            assertThat(keyRing.find(stored.subject().subjectId()).blockOptional()).as("its key").isPresent();
            awaitSendTo(number, request -> request.getTemplate() != null);
        }
        assertThat(documentsOf(a)).as("a's two requests in one batch: one subject").isEqualTo(1);
        // the refused request stored nothing: no subject for its number, and no confirmation for it
        assertThat(subjects.byContactKey(contactKeys.of(refused)).blockOptional()).isEmpty();
        assertThat(documentsOf(refused)).isZero();
    }

    @Test
    void aNumberCreatedMeanwhileFailsOnlyItsOwnInsertAndLeavesNoKey() {
        String raced = randomNumber();
        requestOptIn(raced, List.of("offers"));
        List<StoredSubject> fresh = List.of(newSubject(randomNumber()), newSubject(raced), newSubject(randomNumber()));

        List<Throwable> outcomes = subjects.insertAll(fresh).block(WAIT);

        assertThat(outcomes.get(0)).isNull();
        assertThat(outcomes.get(1)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(outcomes.get(2)).isNull();
        for (int i : List.of(0, 2)) {
            String id = fresh.get(i).subject().subjectId();
            assertThat(subjects.byId(id).block(WAIT).subject().e164()).as("stored and readable with its key")
                    .isEqualTo(fresh.get(i).subject().e164());
        }
        String loser = fresh.get(1).subject().subjectId();
        assertThat(subjects.rawDocument(loser).blockOptional()).as("the loser's document").isEmpty();
        assertThat(keyRing.find(loser).blockOptional()).as("the loser's key, nobody's: shredded").isEmpty();
    }

    @Test
    void concurrentRequestsThroughTheApiKeepTheLimitOfOneNumber() {
        String number = randomNumber();
        List<Integer> statuses = Flux.range(0, 8).flatMap(i -> Mono.fromCallable(() -> postOptIn(
                        optInBody(number, List.of("offers")), randomAddress()).returnResult(String.class)
                        .getStatus().value()).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 8)
                .collectList().block(WAIT);
        assertThat(statuses).as("%s", statuses).filteredOn(s -> s == 202).hasSize(properties.rateLimit().perNumber());
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(8 - properties.rateLimit().perNumber());
        assertThat(documentsOf(number)).as("one subject").isEqualTo(1);
    }

    private List<Long> counts(Keys keys) {
        Function<String, Long> count = digest -> Flux.from(collections.named(RateLimitStore.COLLECTION)
                        .find(Filters.regex("_id", "^" + digest + "@")))
                .map(doc -> ((Number) doc.get("count")).longValue()).reduce(0L, Long::sum).block(WAIT);
        return List.of(count.apply(contactKeys.of("rate-limit|number|" + contactKeys.of(keys.numbers().get(0)))),
                count.apply(contactKeys.of("rate-limit|address|" + keys.addresses().get(0))),
                count.apply(contactKeys.of("rate-limit|address|" + keys.addresses().get(1))),
                count.apply(contactKeys.of("rate-limit|address|" + keys.addresses().get(2))));
    }

    private long documentsOf(String number) {
        return Mono.from(collections.named("subjects").countDocuments(Filters.eq("contactKey", contactKeys.of(number))))
                .block(WAIT);
    }

    private OptIn optIn(String number) {
        Evidence evidence = new Evidence(null, Instant.now(), "WEB_FORM", "203.0.113.7", "test", "https://shop.example/",
                "2026-11", "Angebote per WhatsApp", Evidence.sha256Hex("Angebote per WhatsApp"), null);
        return new OptIn(contactKeys.of(number), randomAddress(), number, "de",
                (subject, now) -> lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.WEB_FORM, "de",
                        evidence, now));
    }

    private StoredSubject newSubject(String number) {
        Instant now = Instant.now();
        Subject subject = Subject.create(UUID.randomUUID().toString(), contactKeys.of(number), number, "de", now);
        optIn(number).change().apply(subject, now);
        subject.encodeQueued(event -> encoder.encode(event, null));
        return subjects.newSubject(subject);
    }
}
