package io.consentflow.consent.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.adapters.mongo.RateLimitStore;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/**
 * Two limiter instances, each with its own MongoDB client (as two replicas of the service would have), over the same
 * database: they enforce one limit between them.
 */
class SharedRateLimitTests extends IntegrationTestSupport {

    @Autowired
    private RateLimiter first;
    @Autowired
    private MongoCollections collections;
    @Autowired
    private ConsentProperties properties;

    private MongoClient otherClient;
    private RateLimiter second;

    @BeforeEach
    void secondInstance() {
        otherClient = MongoClients.create(TestInfrastructure.get().mongoUri());
        second = instance(Clock.systemUTC());
    }

    @AfterEach
    void closeClient() {
        otherClient.close();
    }

    private RateLimiter instance(Clock clock) {
        return new RateLimiter(new RateLimitStore(new MongoCollections(otherClient, collections.databaseName())),
                contactKeys,
                properties.rateLimit(), clock, new SimpleMeterRegistry());
    }

    @Test
    void twoInstancesShareOneLimitPerNumber() {
        String contactKey = contactKeys.of(randomNumber());
        int limit = properties.rateLimit().perNumber();
        for (int i = 0; i < limit; i++) {
            RateLimiter instance = i % 2 == 0 ? first : second;
            assertThat(instance.acquireConfirmation(contactKey, randomAddress()).block()).as("attempt %d", i).isEmpty();
        }
        Optional<Duration> wait = second.acquireConfirmation(contactKey, randomAddress()).block();
        assertThat(wait).isPresent();
        assertThat(wait.get()).isPositive().isLessThanOrEqualTo(properties.rateLimit().window());
        assertThat(first.acquireConfirmation(contactKey, randomAddress()).block()).isPresent();
    }

    @Test
    void twoInstancesShareOneLimitPerClientAddressAndARefusalGivesTheNumbersSlotBack() {
        String address = randomAddress();
        int limit = properties.rateLimit().perClientAddress();
        for (int i = 0; i < limit; i++) {
            RateLimiter instance = i % 2 == 0 ? first : second;
            assertThat(instance.acquireConfirmation(contactKeys.of(randomNumber()), address).block()).isEmpty();
        }
        String contactKey = contactKeys.of(randomNumber());
        for (int i = 0; i < properties.rateLimit().perNumber() + 2; i++) {
            assertThat(first.acquireConfirmation(contactKey, address).block()).as("address over its limit").isPresent();
        }
        // none of the refused attempts used up the number's own budget
        for (int i = 0; i < properties.rateLimit().perNumber(); i++) {
            assertThat(second.acquireConfirmation(contactKey, randomAddress()).block()).isEmpty();
        }
    }

    @Test
    void startIsLimitedPerNumberAcrossInstances() {
        String contactKey = contactKeys.of(randomNumber());
        int limit = properties.rateLimit().startPerNumber();
        List<Boolean> answers = Flux.range(0, limit + 3)
                .concatMap(i -> (i % 2 == 0 ? first : second).acquireStart(contactKey)).collectList().block();
        assertThat(answers).hasSize(limit + 3);
        assertThat(answers.subList(0, limit)).containsOnly(true);
        assertThat(answers.subList(limit, limit + 3)).containsOnly(false);
    }

    @Test
    void countersHoldOnlyDigestsAndFinishedWindowsAreSweptExplicitly() {
        String number = randomNumber();
        String address = randomAddress();
        Instant twoWindowsAgo = Instant.now().minus(properties.rateLimit().window().multipliedBy(2));
        RateLimiter past = instance(Clock.fixed(twoWindowsAgo, ZoneOffset.UTC));
        assertThat(past.acquireConfirmation(contactKeys.of(number), address).block()).isEmpty();
        assertThat(first.acquireConfirmation(contactKeys.of(number), address).block()).isEmpty();
        String key = contactKeys.of(number);

        List<Document> before = Flux.from(collections.named(RateLimitStore.COLLECTION).find())
                .collectList().block();
        assertThat(before).isNotEmpty().allSatisfy(doc -> assertNoPlaintext(doc.toJson(), number,
                number.substring(1), address, key));
        long oldWindows = before.stream().filter(d -> d.getDate("windowEnd").toInstant().isBefore(Instant.now()))
                .count();
        assertThat(oldWindows).as("the past instance's windows").isGreaterThanOrEqualTo(2);

        assertThat(second.sweep().block()).isGreaterThanOrEqualTo(2);
        List<Document> after = Flux.from(collections.named(RateLimitStore.COLLECTION).find())
                .collectList().block();
        assertThat(after).allSatisfy(doc -> assertThat(doc.getDate("windowEnd").toInstant()).isAfter(Instant.now()
                .minusSeconds(1)));
        assertThat(after).as("current windows stay").isNotEmpty();
    }
}
