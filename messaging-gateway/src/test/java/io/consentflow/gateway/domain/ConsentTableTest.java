package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.contact.ContactKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsentTableTest {

    private final ContactKeys keys = new ContactKeys("test-pepper");

    @Test
    void storesReplacesAndRemovesContacts() {
        var table = new ConsentTable(4);
        String key = keys.of("+4915112345678");
        String subject = UUID.randomUUID().toString();
        table.put(key, new ConsentFacts(subject, ConsentStatus.CONFIRMED, Set.of("offers", "support"), false));
        assertThat(table.get(key)).isEqualTo(new ConsentFacts(subject, ConsentStatus.CONFIRMED,
                Set.of("offers", "support"), false));
        table.put(key, new ConsentFacts(subject, ConsentStatus.STOPPED, Set.of(), true));
        assertThat(table.get(key)).isEqualTo(new ConsentFacts(subject, ConsentStatus.STOPPED, Set.of(), true));
        table.setMarketingStoppedAtMeta(key, false);
        assertThat(table.get(key).marketingStoppedAtMeta()).isFalse();
        table.remove(key);
        assertThat(table.get(key)).isNull();
        assertThat(table.size()).isZero();
    }

    @Test
    void keepsTheSnapshotTimeInWholeSecondsRoundedDownAlsoAfter2038() {
        var table = new ConsentTable(4);
        String key = keys.of("+4915112345670");
        long afterY2038 = java.time.Instant.parse("2040-02-29T12:00:00.999Z").toEpochMilli();
        table.put(key, new ConsentFacts("s", ConsentStatus.CONFIRMED, Set.of(), false, afterY2038));
        assertThat(table.get(key).since()).isEqualTo(afterY2038 - 999);
    }

    @Test
    void keepsNonUuidSubjectIds() {
        var table = new ConsentTable(4);
        String key = keys.of("+4915112345679");
        table.put(key, new ConsentFacts("subject-7", ConsentStatus.PENDING, Set.of(), false));
        assertThat(table.get(key).subjectId()).isEqualTo("subject-7");
    }

    @Test
    void agreesWithAHashMapUnderRandomPutsAndRemovesThroughGrowth() {
        var table = new ConsentTable(8);
        Map<String, ConsentFacts> reference = new HashMap<>();
        Random random = new Random(42);
        String[] purposes = {"offers", "new-collections", "event-updates", "support"};
        for (int i = 0; i < 50_000; i++) {
            String key = keys.of("+49151" + (1_000_000 + random.nextInt(20_000)));
            if (random.nextInt(4) == 0) {
                table.remove(key);
                reference.remove(key);
            } else {
                // whole seconds, 2020 to 2100: the table keeps seconds
                long since = (1_577_836_800L + (long) (random.nextDouble() * 2_524_608_000L)) * 1_000;
                var facts = new ConsentFacts(UUID.randomUUID().toString(),
                        ConsentStatus.values()[random.nextInt(5)], Set.of(purposes[random.nextInt(4)]),
                        random.nextBoolean(), since);
                table.put(key, facts);
                reference.put(key, facts);
            }
        }
        assertThat(table.size()).isEqualTo(reference.size());
        reference.forEach((key, facts) -> assertThat(table.get(key)).isEqualTo(facts));
        for (int i = 0; i < 1000; i++) {
            String absent = keys.of("+33612" + (100_000 + i));
            assertThat(table.get(absent)).isNull();
        }
    }
}
