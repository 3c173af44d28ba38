package io.consentflow.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A non-unique index's B-tree was built in the server's order: the shortcuts of {@link MongoKeyOrder} must agree in
 * sign with mongo-java-server's comparator for every pair, of one kind (where they apply) and of unlike kinds, bounds
 * and absent values included (where they must not).
 */
class MongoKeyOrderTest {

    private static final ValueComparator SERVER = ValueComparator.ascWithoutListHandling();

    @Test
    void agreesWithTheServersComparatorOnSeededValues() {
        Random random = new Random(22);
        List<Supplier<Object>> kinds = List.of(
                () -> randomString(random),
                () -> Instant.ofEpochMilli(random.nextLong() >> random.nextInt(40)),
                () -> new ObjectId(randomBytes(random)),
                () -> random.nextLong() >> random.nextInt(64),
                () -> random.nextInt() >> random.nextInt(32),
                () -> random.nextDouble() * (random.nextBoolean() ? 1e9 : -1e9),
                random::nextBoolean,
                () -> null,
                () -> Missing.getInstance(),
                MinKey::getInstance,
                MaxKey::getInstance);
        int compared = 0;
        for (Supplier<Object> first : kinds) {
            for (Supplier<Object> second : kinds) {
                for (int i = 0; i < 500; i++) {
                    Object a = first.get();
                    Object b = first == second && i % 10 == 0 ? a : second.get();
                    assertThat(Integer.signum(MongoKeyOrder.INSTANCE.compare(a, b))).as("%s vs %s", a, b)
                            .isEqualTo(Integer.signum(SERVER.compare(a, b)));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(kinds.size() * kinds.size() * 500);
    }

    @Test
    void ordersEqualStringsOfDistinctInstancesAsEqual() {
        // the shortcut compares contents, never identity: an index entry read back from a page is another instance
        String stored = new String(new char[] {'s', 'u', 'b', '-', '1'});
        assertThat(MongoKeyOrder.INSTANCE.compare(stored, "sub-1")).isZero();
        assertThat(MongoKeyOrder.INSTANCE.compare(Instant.ofEpochMilli(5), Instant.ofEpochMilli(5))).isZero();
    }

    private static String randomString(Random random) {
        // mixed case, digits and characters beyond Latin-1: String.compareTo orders UTF-16 units, as the server does
        String alphabet = "aAbBzZ09-_é€";
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return bytes;
    }
}
