package io.consentflow.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFormatTest {

    @TempDir
    Path dir;

    @Test
    void aStoreWrittenInTheOldFormatIsConvertedOnceAndKeepsItsDocumentsAndUniqueIndexes() {
        Path file = dir.resolve("old.mv");
        H2Backend old = new H2Backend(file.toString());
        MongoServer oldServer = new MongoServer(old);
        try (MongoClient client = MongoClients.create("mongodb://" + hostPort(oldServer.bind()))) {
            MongoCollection<Document> subjects = client.getDatabase("consent").getCollection("subjects");
            subjects.createIndex(Indexes.ascending("contactKey"), new IndexOptions().unique(true));
            subjects.insertOne(sample("s-1", "k-1"));
            subjects.insertOne(sample("s-2", "k-2"));
        } finally {
            oldServer.shutdown();
        }

        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> subjects = client.getDatabase("consent").getCollection("subjects");
            assertThat(subjects.countDocuments()).isEqualTo(2);
            Document read = subjects.find(Filters.eq("contactKey", "k-2")).first();
            assertThat(read).isNotNull();
            assertThat(read.getString("_id")).isEqualTo("s-2");
            assertThat(read.get("nested", Document.class).getList("list", Object.class)).containsExactly(1, "two", 3.5);
            assertThatThrownBy(() -> subjects.insertOne(sample("s-3", "k-1"))).isInstanceOf(MongoWriteException.class);
            subjects.insertOne(sample("s-3", "k-3"));
        }

        // a second start finds the new format and converts nothing; the document written after the conversion is there
        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> subjects = client.getDatabase("consent").getCollection("subjects");
            assertThat(subjects.countDocuments()).isEqualTo(3);
            assertThat(subjects.find(Filters.eq("contactKey", "k-3")).first()).isNotNull();
            assertThatThrownBy(() -> subjects.insertOne(sample("s-4", "k-3"))).isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void everyBsonTypeTheServerStoresSurvivesTheRoundTrip() {
        Path file = dir.resolve("types.mv");
        ObjectId id = new ObjectId();
        UUID uuid = UUID.randomUUID();
        Document document = new Document("_id", id).append("int", 7).append("long", 7_000_000_000L)
                .append("double", 0.25).append("decimal", Decimal128.parse("12.34")).append("bool", true)
                .append("date", Date.from(Instant.parse("2026-12-06T10:15:30.123Z"))).append("null", null)
                .append("binary", new Binary(new byte[] {1, 2, 3})).append("uuid", uuid)
                .append("list", List.of(new Document("a", 1), "x")).append("text", "Grüße – ✓");
        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString() + "/?uuidRepresentation=standard")) {
            client.getDatabase("t").getCollection("c").insertOne(document);
        }
        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString() + "/?uuidRepresentation=standard")) {
            Document read = client.getDatabase("t").getCollection("c").find(Filters.eq("_id", id)).first();
            assertThat(read).isEqualTo(document);
        }
    }

    @Test
    void indexKeysOrderByTheirEncodingAndEqualKeysCompareEqual() {
        var keys = BsonDataTypes.KeyValues.INSTANCE;
        assertThat(keys.compare(new KeyValue("a", 1.0), new KeyValue("a", 1.0))).isZero();
        assertThat(keys.compare(new KeyValue("a", 1.0), new KeyValue("a", 2.0))).isNegative();
        assertThat(keys.compare(new KeyValue("b"), new KeyValue("a"))).isPositive();
        assertThat(keys.compare(new KeyValue(new Document("x", 1)), new KeyValue(new Document("x", 1)))).isZero();
        // a total order over mixed kinds: sorting any shuffle gives one sequence, equal keys adjacent
        List<KeyValue> mixed = new java.util.ArrayList<>(List.of(new KeyValue("b"), new KeyValue(2.0),
                new KeyValue((Object) null), new KeyValue("a"), new KeyValue(1.0), new KeyValue(new Document("x", 1)),
                new KeyValue(true), new KeyValue("a")));
        List<KeyValue> sorted = mixed.stream().sorted(keys).toList();
        for (long seed = 0; seed < 20; seed++) {
            java.util.Collections.shuffle(mixed, new java.util.Random(seed));
            assertThat(mixed.stream().sorted(keys).toList()).isEqualTo(sorted);
        }
        assertThat(sorted.subList(0, 3)).containsExactly(new KeyValue("a"), new KeyValue("a"), new KeyValue("b"));
        // a value BSON cannot carry falls back to Java serialization and reads back the same
        // (absent, not null: BSON would write Missing as null); Missing has no equals, so compare as the map does
        KeyValue missing = new KeyValue(Missing.getInstance(), "x");
        KeyValue read = (KeyValue) BsonDataTypes.decode(BsonDataTypes.encode(missing), true);
        assertThat(read.get(0)).isInstanceOf(Missing.class);
        assertThat(keys.compare(read, missing)).isZero();
        assertThat(keys.compare(read, new KeyValue(null, "x"))).isNotZero();
        KeyValue plain = new KeyValue("k-1", 2.0);
        assertThat(BsonDataTypes.decode(BsonDataTypes.encode(plain), true)).isEqualTo(plain);
    }

    @Test
    void anUpdateNeverChangesTheStoredInstanceThePageWriterMayBeEncoding() {
        // H2's serialization thread encodes the documents of changed pages while commands run; an update that changed
        // the stored instance in place made it fail (ConcurrentModificationException) and MVStore closed the store
        try (LocalMongoServer server = LocalMongoServer.start(dir.resolve("updates.mv"), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> subjects = client.getDatabase("consent").getCollection("subjects");
            subjects.insertOne(sample("s-1", "k-1"));
            var stored = server.store().openMap(StoreFormat.DATA_PREFIX + "consent.subjects", StoreFormat.documents());
            de.bwaldvogel.mongo.bson.Document before = stored.get("s-1");
            assertThat(before.get("contactKey")).isEqualTo("k-1");

            subjects.updateOne(Filters.eq("_id", "s-1"), com.mongodb.client.model.Updates.set("contactKey", "k-2"));
            subjects.findOneAndUpdate(Filters.eq("contactKey", "k-2"),
                    com.mongodb.client.model.Updates.set("nested.list", List.of("changed")));

            assertThat(before.get("contactKey")).as("the instance stored before the update").isEqualTo("k-1");
            assertThat(((de.bwaldvogel.mongo.bson.Document) before.get("nested")).get("list"))
                    .isEqualTo(List.of(1, "two", 3.5));
            de.bwaldvogel.mongo.bson.Document after = stored.get("s-1");
            assertThat(after).isNotSameAs(before);
            assertThat(after.get("contactKey")).isEqualTo("k-2");
            assertThat(subjects.find(Filters.eq("contactKey", "k-2")).first().get("nested", Document.class)
                    .getList("list", Object.class)).containsExactly("changed");
        }
    }

    @Test
    void keysOfAFixedSizeKindCompareAsTheirEncodingsDo() {
        // the order a store's B-trees were built in must not change: every shortcut agrees in sign with comparing
        // the encodings, over seeded random values of each kind (extremes and negatives included), and unlike
        // kinds still fall back to the encodings
        var random = new java.util.Random(27);
        List<java.util.function.Supplier<Object>> kinds = List.of(
                () -> new de.bwaldvogel.mongo.bson.ObjectId(randomBytes(random, 12)),
                () -> Instant.ofEpochMilli(random.nextLong() >> random.nextInt(40)),
                () -> random.nextLong() >> random.nextInt(64),
                () -> random.nextInt() >> random.nextInt(32),
                random::nextBoolean);
        for (var kind : kinds) {
            for (int i = 0; i < 2_000; i++) {
                Object a = kind.get();
                Object b = i % 10 == 0 ? a : kind.get();
                int expected = Integer.signum(java.util.Arrays.compareUnsigned(BsonDataTypes.encode(new KeyValue(a)),
                        BsonDataTypes.encode(new KeyValue(b))));
                assertThat(Integer.signum(BsonDataTypes.KeyValues.compareAsEncoded(a, b)))
                        .as("%s vs %s", a, b).isEqualTo(expected);
            }
        }
        Object id = new de.bwaldvogel.mongo.bson.ObjectId(randomBytes(random, 12));
        assertThat(Integer.signum(BsonDataTypes.KeyValues.compareAsEncoded(id, 5L))).isEqualTo(Integer.signum(
                java.util.Arrays.compareUnsigned(BsonDataTypes.encode(new KeyValue(id)),
                        BsonDataTypes.encode(new KeyValue(5L)))));
    }

    private static byte[] randomBytes(java.util.Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Document sample(String id, String contactKey) {
        return new Document("_id", id).append("contactKey", contactKey)
                .append("nested", new Document("list", List.of(1, "two", 3.5)));
    }

    private static String hostPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
