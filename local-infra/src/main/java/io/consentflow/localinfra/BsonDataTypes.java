package io.consentflow.localinfra;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the wire server stores documents and unique-index keys: as BSON, the encoding the server already speaks.
 * H2's default {@code ObjectDataType} writes them with Java serialization (class descriptors and all, for every
 * document of every page written) and compares index keys by serializing both sides on every step of a B-tree
 * search; a profile of the wire server during opt-ins put about 60 % of its CPU there. A value BSON cannot carry
 * (the server's internal {@code Missing} marker can appear in an index key) falls back to Java serialization,
 * marked by the first byte, so nothing is refused.
 */
final class BsonDataTypes {

    private static final byte BSON = 0;
    private static final byte SERIALIZED = 1;

    private BsonDataTypes() {
    }

    /** A value stored as its encoding ({@link #encode}), read back by {@link #decode}. */
    private abstract static class Encoded<T> extends BasicDataType<T> {

        private final boolean key;
        private final int bytesPerEntry;
        private final IntFunction<T[]> storage;

        Encoded(boolean key, int bytesPerEntry, IntFunction<T[]> storage) {
            this.key = key;
            this.bytesPerEntry = bytesPerEntry;
            this.storage = storage;
        }

        abstract int entries(T value);

        @Override
        public int getMemory(T value) {
            return 48 + bytesPerEntry * entries(value);
        }

        @Override
        public void write(WriteBuffer buffer, T value) {
            byte[] bytes = encode(value);
            buffer.putVarInt(bytes.length).put(bytes);
        }

        @SuppressWarnings("unchecked")
        @Override
        public T read(ByteBuffer buffer) {
            return (T) decode(readBytes(buffer), key);
        }

        @Override
        public T[] createStorage(int size) {
            return storage.apply(size);
        }
    }

    /** Document values of a collection's map. */
    static final class Documents extends Encoded<Document> {

        static final Documents INSTANCE = new Documents();

        private Documents() {
            super(false, 48, Document[]::new);
        }

        @Override
        int entries(Document document) {
            return document.size();
        }
    }

    /**
     * Keys of a unique index, ordered value by value: strings among strings and doubles among doubles (what the
     * suite's indexes hold: ids, keys, digests; numbers are normalised to doubles), anything else by its encoding, and
     * values of different kinds by a fixed rank of kind. A total order that is zero exactly when the keys are equal,
     * computed without encoding in the common case (encoding both keys on every step of a B-tree search cost 11 % of
     * the server's CPU). {@link #MONGO_ORDER} orders the values as MongoDB does instead, which range queries need
     * (a non-unique index's entries, {@link SecondaryIndex}).
     */
    static final class KeyValues extends Encoded<KeyValue> {

        static final KeyValues INSTANCE = new KeyValues(KeyValues::compareValues);
        /** Lists compare as values, not by their least element, so that distinct entries never compare equal. */
        static final KeyValues MONGO_ORDER = new KeyValues(MongoKeyOrder.INSTANCE);

        private final Comparator<Object> valueOrder;

        private KeyValues(Comparator<Object> valueOrder) {
            super(true, 32, KeyValue[]::new);
            this.valueOrder = valueOrder;
        }

        @Override
        int entries(KeyValue key) {
            return key.size();
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int sizes = Integer.compare(a.size(), b.size());
            for (int i = 0; sizes == 0 && i < a.size(); i++) {
                int order = valueOrder.compare(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return sizes;
        }

        private static int compareValues(Object a, Object b) {
            int kinds = Integer.compare(rank(a), rank(b));
            if (kinds != 0) {
                return kinds;
            }
            if (a instanceof String x && b instanceof String y) {
                return x.compareTo(y);
            }
            if (a instanceof Double x && b instanceof Double y) {
                return Double.compare(x, y);
            }
            return compareAsEncoded(a, b);
        }

        /**
         * The order of the two values' encodings ({@code {k: [value]}}), computed without encoding where both are of
         * one fixed-size BSON type: their encodings then differ only in the value's bytes (ObjectId's 12 bytes in
         * order, numbers and dates little-endian), so comparing those bytes unsigned gives the same order. Keys of
         * these kinds (generated ids, offsets, times) were encoded twice on every step of a B-tree search, 15 % of
         * the wire server's CPU during opt-ins.
         */
        static int compareAsEncoded(Object a, Object b) {
            if (a instanceof ObjectId x && b instanceof ObjectId y) {
                return Arrays.compareUnsigned(x.toByteArray(), y.toByteArray());
            }
            if (a instanceof Instant x && b instanceof Instant y) {
                return Long.compareUnsigned(Long.reverseBytes(x.toEpochMilli()), Long.reverseBytes(y.toEpochMilli()));
            }
            if (a instanceof Long x && b instanceof Long y) {
                return Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y));
            }
            if (a instanceof Integer x && b instanceof Integer y) {
                return Integer.compareUnsigned(Integer.reverseBytes(x), Integer.reverseBytes(y));
            }
            if (a instanceof Boolean x && b instanceof Boolean y) {
                return Boolean.compare(x, y);
            }
            return Arrays.compareUnsigned(encode(new KeyValue(a)), encode(new KeyValue(b)));
        }

        private static int rank(Object value) {
            if (value instanceof String) {
                return 0;
            }
            return value instanceof Double ? 1 : 2;
        }
    }

    private static byte[] readBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[org.h2.mvstore.DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return bytes;
    }

    static byte[] encode(Object value) {
        // BSON writes the server's Missing marker as null inside an array: keep "absent" apart from "null"
        if (value instanceof KeyValue key && key.stream().anyMatch(Missing.class::isInstance)) {
            return serialized(value);
        }
        try {
            Map<String, Object> bson = value instanceof KeyValue key ? keyDocument(key) : (Document) value;
            ByteBuf out = Unpooled.buffer();
            try {
                out.writeByte(BSON);
                BsonEncoder.encodeDocument(bson, out);
                byte[] bytes = new byte[out.readableBytes()];
                out.readBytes(bytes);
                return bytes;
            } finally {
                out.release();
            }
        } catch (IllegalArgumentException notBson) {
            return serialized(value);
        }
    }

    static Object decode(byte[] bytes, boolean key) {
        if (bytes[0] == SERIALIZED) {
            try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
                return in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("unreadable serialized value in the store", e);
            }
        }
        ByteBuf in = Unpooled.wrappedBuffer(bytes, 1, bytes.length - 1);
        Document document = BsonDecoder.decodeBson(in);
        return key ? new KeyValue((List<?>) document.get(KEY_FIELD)) : document;
    }

    // an index key is stored as the document {k: [its values]}
    private static final String KEY_FIELD = "k";

    private static Map<String, Object> keyDocument(KeyValue key) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(KEY_FIELD, key.stream().toList());
        return document;
    }

    private static byte[] serialized(Object value) {
        var bytes = new ByteArrayOutputStream();
        bytes.write(SERIALIZED);
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a value for the store", e);
        }
        return bytes.toByteArray();
    }
}
