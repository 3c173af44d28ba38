package io.consentflow.localinfra;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Comparator;

/**
 * MongoDB's order of two index values, as mongo-java-server's {@link ValueComparator} (without list handling) answers
 * it, with the kinds a non-unique index of the suite holds (strings, dates, ObjectIds, ints, longs) compared directly
 * when both values are of one such kind. The server's comparator first ranks both values' kinds (null, missing and
 * MinKey checks, then a search of its kind list by {@code isAssignableFrom}) and only then compares: in a
 * {@link SecondaryIndex}'s B-tree searches that was 13 % of the wire server's CPU during web opt-ins (JFR, profile
 * settings). Two values of one of these kinds have the same rank, so the server's answer is exactly their own order;
 * every other pair, MinKey and MaxKey bounds, null and missing included, is the server's.
 */
final class MongoKeyOrder implements Comparator<Object> {

    static final MongoKeyOrder INSTANCE = new MongoKeyOrder();
    private static final Comparator<Object> SERVER = ValueComparator.ascWithoutListHandling();

    private MongoKeyOrder() {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof ObjectId x && b instanceof ObjectId y) {
            return x.compareTo(y);
        }
        // the server normalises both to Integer or Long of the same value (never a double for two longs), then
        // compares those exactly; doubles it may turn into longs, so they are left to it
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return SERVER.compare(a, b);
    }
}
