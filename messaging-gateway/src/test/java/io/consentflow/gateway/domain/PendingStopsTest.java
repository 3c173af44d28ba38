package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingStopsTest {

    private static final String KEY = "contact";
    private static final Instant STOP = Instant.parse("2026-11-29T12:00:00Z");
    private final PendingStops stops = new PendingStops(Duration.ofHours(24));

    private static ConsentFacts confirmed(Instant since) {
        return new ConsentFacts("subject", ConsentStatus.CONFIRMED, Set.of("offers", "support"), false,
                since.toEpochMilli());
    }

    @Test
    void aStopNarrowsAnOlderSnapshotToStopped() {
        stops.stopped(KEY, true, STOP, STOP);
        ConsentFacts facts = stops.apply(KEY, confirmed(STOP.minusMillis(1)));
        assertThat(facts.status()).isEqualTo(ConsentStatus.STOPPED);
        assertThat(facts.purposes()).isEmpty();
        assertThat(facts.subjectId()).isEqualTo("subject");
        assertThat(stops.apply("someone else", confirmed(STOP.minusMillis(1))).status())
                .isEqualTo(ConsentStatus.CONFIRMED);
    }

    @Test
    void aSnapshotMadeAtOrAfterTheStopReflectsItWhicheverArrivesFirst() {
        stops.stopped(KEY, true, STOP, STOP);
        assertThat(stops.apply(KEY, confirmed(STOP)).status()).isEqualTo(ConsentStatus.CONFIRMED);
        assertThat(stops.size()).isZero();

        // start-up replay: the snapshot was already in the view when the STOP was read again
        stops.stopped(KEY, true, STOP, STOP.plusSeconds(60));
        assertThat(stops.apply(KEY, confirmed(STOP.plusSeconds(30))).status()).isEqualTo(ConsentStatus.CONFIRMED);
    }

    @Test
    void reflectedDropsOnlyStopsBeforeTheSnapshot() {
        stops.stopped(KEY, true, STOP, STOP);
        stops.reflected(KEY, STOP.minusMillis(1).toEpochMilli());
        assertThat(stops.size()).isOne();
        stops.reflected(KEY, STOP.toEpochMilli());
        assertThat(stops.size()).isZero();
    }

    @Test
    void aMarketingStopSetsTheMarketingFlagAndResumeAfterItLiftsOnlyThat() {
        stops.stopped(KEY, false, STOP, STOP);
        ConsentFacts facts = stops.apply(KEY, confirmed(STOP.minusSeconds(1)));
        assertThat(facts.status()).isEqualTo(ConsentStatus.CONFIRMED);
        assertThat(facts.marketingStoppedAtMeta()).isTrue();
        assertThat(facts.purposes()).containsExactlyInAnyOrder("offers", "support");

        stops.resumed(KEY, STOP.minusSeconds(1));
        assertThat(stops.apply(KEY, confirmed(STOP.minusSeconds(1))).marketingStoppedAtMeta()).isTrue();
        stops.resumed(KEY, STOP.plusSeconds(1));
        assertThat(stops.apply(KEY, confirmed(STOP.minusSeconds(1))).marketingStoppedAtMeta()).isFalse();

        stops.stopped(KEY, true, STOP, STOP);
        stops.resumed(KEY, STOP.plusSeconds(1));
        assertThat(stops.apply(KEY, confirmed(STOP.minusSeconds(1))).status()).isEqualTo(ConsentStatus.STOPPED);
    }

    @Test
    void aWiderOrLaterStopWins() {
        stops.stopped(KEY, false, STOP.plusSeconds(10), STOP);
        stops.stopped(KEY, true, STOP, STOP);
        assertThat(stops.apply(KEY, confirmed(STOP.plusSeconds(5))).status()).isEqualTo(ConsentStatus.STOPPED);
    }

    @Test
    void anUnknownContactStaysUnknownForAMarketingStopAndStoppedForAFullOne() {
        stops.stopped(KEY, false, STOP, STOP);
        assertThat(stops.apply(KEY, null)).isNull();
        stops.stopped(KEY, true, STOP, STOP);
        assertThat(stops.apply(KEY, null).status()).isEqualTo(ConsentStatus.STOPPED);
    }

    @Test
    void erasureAndAgeForgetAStop() {
        stops.stopped(KEY, true, STOP, STOP);
        stops.erased(KEY);
        assertThat(stops.size()).isZero();

        stops.stopped(KEY, true, STOP, STOP);
        stops.prune(STOP.plus(Duration.ofHours(24)));
        assertThat(stops.size()).isOne();
        stops.prune(STOP.plus(Duration.ofHours(24)).plusMillis(1));
        assertThat(stops.size()).isZero();
        stops.stopped(KEY, true, STOP, STOP.plus(Duration.ofHours(25)));
        assertThat(stops.size()).as("a replayed STOP older than a day is not taken up").isZero();
    }

    @Test
    void manyStopsAreSweptAsTheyAge() {
        for (int i = 0; i < 2048; i++) {
            Instant at = STOP.plus(Duration.ofHours(i < 1024 ? 0 : 25));
            stops.stopped("contact-" + i, true, at, at);
        }
        assertThat(stops.size()).as("the first day's STOPs were swept by the 2,048th").isEqualTo(1024);
    }
}
