package io.consentflow.retention.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A batch plan gives, per deadline, exactly what the same events give one by one (pure domain). */
class DeadlinePlanTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final DeadlineRules rules = new DeadlineRules(new RetentionPolicies("test", BERLIN, List.of(
            policy("pending", PolicyKind.PENDING_OPT_IN, "PT48H"),
            policy("log", PolicyKind.MESSAGE_LOG, "P90D"),
            policy("proof", PolicyKind.CONSENT_PROOF, "P3Y"),
            policy("inactive", PolicyKind.INACTIVE_CONSENT, "P24M"),
            new RetentionPolicy("fair", PolicyKind.PURPOSE_END, null, "event-updates", LocalDate.of(2027, 6, 30),
                    null, List.of(), "b", "d"))));
    private final String subject = UUID.randomUUID().toString();
    private final Instant t = Instant.parse("2026-11-29T06:00:00Z");
    private final Instant now = t.plusSeconds(3600);

    @Test
    void aBatchEndsWhereTheSameEventsOneByOneEnd() {
        List<RetentionEvent> events = new ArrayList<>();
        events.add(event(RetentionEvent.Type.OPT_IN_REQUESTED, 0));
        events.add(new RetentionEvent(RetentionEvent.Type.OPT_IN_CONFIRMED, id(), subject, t.plusSeconds(10),
                List.of("offers", "event-updates"), null, null, false));
        for (int i = 0; i < 30; i++) {
            events.add(event(RetentionEvent.Type.MESSAGE_RECORDED, 20 + (i * 7) % 30)); // out of order, as across partitions
        }
        events.add(event(RetentionEvent.Type.STOP_RECEIVED, 100));
        events.add(event(RetentionEvent.Type.MESSAGE_LOG_ERASED, 110));
        events.add(event(RetentionEvent.Type.MESSAGE_RECORDED, 120)); // a new message-log cycle
        events.add(new RetentionEvent(RetentionEvent.Type.OPT_IN_CONFIRMED, id(), subject, t.plusSeconds(130),
                List.of("offers"), null, null, false));

        // one by one
        Map<DeadlineKey, Deadline> expected = new HashMap<>();
        Supplier<String> expectedIds = counter();
        for (RetentionEvent event : events) {
            for (Instruction instruction : rules.instructionsFor(event)) {
                Deadline next = Deadline.apply(expected.get(instruction.key()), instruction, event.eventId(), now,
                        expectedIds);
                if (next != null) {
                    expected.put(instruction.key(), next);
                }
            }
        }
        // as a batch
        DeadlinePlan plan = DeadlinePlan.of(rules, events);
        Supplier<String> actualIds = counter();
        Map<DeadlineKey, Deadline> actual = new HashMap<>();
        for (DeadlineKey key : plan.keys()) {
            Deadline after = plan.apply(key, null, now, actualIds);
            if (after != null) {
                actual.put(key, after);
            }
        }

        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, deadline) -> {
            Deadline batched = actual.get(key);
            assertThat(batched.status()).as(key.id()).isEqualTo(deadline.status());
            assertThat(batched.dueAt()).as(key.id()).isEqualTo(deadline.dueAt());
            assertThat(batched.reason()).as(key.id()).isEqualTo(deadline.reason());
            assertThat(batched.lastEventId()).as(key.id()).isEqualTo(deadline.lastEventId());
        });
        Deadline log = actual.get(DeadlineKey.of(subject, DeadlineKind.MESSAGE_LOG));
        assertThat(log.status()).isEqualTo(Deadline.Status.SCHEDULED);
        assertThat(log.lastEventId()).isEqualTo(events.get(events.size() - 2).eventId());
    }

    @Test
    void eventsThatChangeNothingLeaveTheStoredDeadlineAsItIs() {
        Deadline stored = new Deadline(DeadlineKey.of(subject, DeadlineKind.MESSAGE_LOG), Deadline.Status.SCHEDULED,
                t.plus(java.time.Duration.ofDays(200)), DeadlineKind.Reason.MESSAGE_LOG_EXPIRED, "e1", "x", t, 3);
        DeadlinePlan plan = DeadlinePlan.of(rules, List.of(event(RetentionEvent.Type.MESSAGE_RECORDED, 5),
                event(RetentionEvent.Type.MESSAGE_RECORDED, 6)));
        assertThat(plan.apply(stored.key(), stored, now, counter())).isSameAs(stored);
    }

    private RetentionEvent event(RetentionEvent.Type type, int secondsAfterStart) {
        return RetentionEvent.of(type, id(), subject, t.plusSeconds(secondsAfterStart));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static Supplier<String> counter() {
        AtomicInteger next = new AtomicInteger();
        return () -> "erasure-" + next.incrementAndGet();
    }

    private static RetentionPolicy policy(String id, PolicyKind kind, String period) {
        return new RetentionPolicy(id, kind, RetentionPeriod.parse(period), null, null, null, List.of(), "b", "d");
    }
}
