package io.consentflow.localinfra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index, which mongo-java-server does not have: it accepts the index and ignores it, so every query on
 * a non-unique field scanned its whole collection. The suite's pollers ask such queries every few seconds (the
 * deadlines due, the outbox's subjects, the pending opt-ins expired), and the wire server's CPU per opt-in grew with
 * the store: 4 ms on a fresh one, 15 ms once 12,000 opt-ins were in it (docs/performance.md).
 * <p>
 * One typed map holds an entry per indexed value and document: the index's values in MongoDB's order, then the
 * document's position. A query the index can serve (equality on a prefix of its keys, optionally a range on the next
 * one, or an {@code $or} of such) becomes key ranges, and the documents in them are candidates only: the collection
 * still applies the whole query to each, so a range wider than the query costs time, never a wrong answer.
 */
final class SecondaryIndex extends Index<Object> {

    private static final Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");

    private final MVMap<KeyValue, Boolean> entries;

    SecondaryIndex(MVMap<KeyValue, Boolean> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    @Override
    public Object getPosition(Document document) {
        return null; // not unique: a document's position comes from the collection's unique indexes
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // no constraint to check
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // no constraint to check
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        if (!isSparseWithoutValues(document)) {
            for (KeyValue values : getKeyValues(document)) {
                entries.put(entry(values, Missing.ofNullable(position)), Boolean.TRUE);
            }
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        if (isSparseWithoutValues(document)) {
            return null;
        }
        Object position = Missing.ofNullable(Utils.getSubdocumentValue(document, "_id"));
        removeEntries(document, position);
        return position;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            removeEntries(oldDocument, Missing.ofNullable(position));
            add(newDocument, position, collection);
        }
    }

    private void removeEntries(Document document, Object position) {
        if (!isSparseWithoutValues(document)) {
            for (KeyValue values : getKeyValues(document)) {
                entries.remove(entry(values, position));
            }
        }
    }

    private boolean isSparseWithoutValues(Document document) {
        return isSparse() && keys().stream().allMatch(key -> Utils.getSubdocumentValue(document, key) instanceof Missing);
    }

    private static KeyValue entry(KeyValue values, Object position) {
        List<Object> entry = new ArrayList<>(values.size() + 1);
        values.forEach(entry::add);
        entry.add(position);
        return new KeyValue(entry);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return ranges(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Set<Object> positions = new LinkedHashSet<>();
        for (KeyValue[] range : ranges(query)) {
            Cursor<KeyValue, Boolean> cursor = entries.cursor(range[0], range[1], false);
            while (cursor.hasNext()) {
                KeyValue entry = cursor.next();
                positions.add(entry.get(entry.size() - 1));
            }
        }
        return positions;
    }

    /** The key ranges holding every document {@code query} can match, or null when this index cannot narrow it. */
    List<KeyValue[]> ranges(Document query) {
        if (query.size() == 1 && query.get("$or") instanceof List<?> branches && !branches.isEmpty()) {
            List<KeyValue[]> ranges = new ArrayList<>();
            for (Object branch : branches) {
                KeyValue[] range = branch instanceof Document document ? range(document) : null;
                if (range == null) {
                    return null;
                }
                ranges.add(range);
            }
            return ranges;
        }
        KeyValue[] range = range(query);
        return range == null ? null : Collections.singletonList(range);
    }

    private KeyValue[] range(Document query) {
        List<Object> low = new ArrayList<>();
        List<Object> high = new ArrayList<>();
        for (String key : keys()) {
            Object condition = query.get(key);
            if (condition instanceof Document operators && isRange(operators)) {
                Object[] bounds = bounds(operators);
                low.add(bounds[0]);
                high.add(bounds[1]);
                break;
            }
            if (!isScalar(condition) || (condition == null && (isSparse() || !query.containsKey(key)))) {
                break; // not constrained here (or null on a sparse index, which leaves out documents without it)
            }
            Object value = new KeyValue(condition).normalized().get(0);
            low.add(value);
            high.add(value);
        }
        if (low.isEmpty()) {
            return null;
        }
        while (low.size() <= keys().size()) {
            low.add(MinKey.getInstance());
            high.add(MaxKey.getInstance());
        }
        return new KeyValue[] {new KeyValue(low), new KeyValue(high)};
    }

    private static boolean isRange(Document operators) {
        if (operators.isEmpty() || !RANGE_OPERATORS.containsAll(operators.keySet())) {
            return false;
        }
        return operators.values().stream().allMatch(bound -> bound != null && isScalar(bound));
    }

    /**
     * The lowest and highest value a range condition admits. A missing side is bounded by the other side's type
     * where its extremes are known (numbers, dates), else open: wider than the query, never narrower.
     */
    private static Object[] bounds(Document operators) {
        Object low = null;
        Object high = null;
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Object bound = new KeyValue(operator.getValue()).normalized().get(0);
            if (operator.getKey().startsWith("$g")) {
                low = low == null || ValueComparator.asc().compare(bound, low) > 0 ? bound : low;
            } else {
                high = high == null || ValueComparator.asc().compare(bound, high) < 0 ? bound : high;
            }
        }
        Object typed = low != null ? low : high;
        if (low == null) {
            low = typed instanceof Instant ? Instant.MIN : MinKey.getInstance();
        }
        if (high == null) {
            high = typed instanceof Number ? Double.POSITIVE_INFINITY
                    : typed instanceof Instant ? Instant.MAX : MaxKey.getInstance();
        }
        return new Object[] {low, high};
    }

    /** A value an index entry can equal: not a list, a document (operators) or a regular expression. */
    private static boolean isScalar(Object value) {
        return !(value instanceof Collection<?>) && !(value instanceof Document)
                && !BsonRegularExpression.isRegularExpression(value) && !(value instanceof Map<?, ?>);
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.getStore().removeMap(entries);
    }
}
