package io.consentflow.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

/**
 * A collection's map holds each document as the bytes it is stored as ({@link StoredDocument}): a page
 * is written from them without encoding again, and every read decodes a fresh instance. Under the kinds of writes
 * the suite makes (inserts, $set, $inc, $push, upserts, findOneAndUpdate, replace, delete, updateMany), with the store
 * committed between them so that pages are written again and again, the store must hold what an in-memory twin that
 * got the same writes holds, before and after a reopen.
 */
class StoredEncodingsTest {

    @TempDir
    Path dir;

    @Test
    void aStoredDocumentIsWrittenAsTheBytesItWasStoredAs() {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "s-1")
                .append("purposes", List.of("offers"));
        StoredDocument stored = StoredDocument.of(document);
        WriteBuffer page = new WriteBuffer();

        StoredDocument.Type.INSTANCE.write(page, stored);
        ByteBuffer written = page.getBuffer().flip();

        assertThat(DataUtils.readVarInt(written)).isEqualTo(stored.bytes().length);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        assertThat(bytes).isEqualTo(stored.bytes()).isEqualTo(BsonDataTypes.encode(document));
        assertThat(stored.document()).isEqualTo(document).isNotSameAs(stored.document());
    }

    @Test
    void pagesWrittenAgainHoldWhatAnInMemoryTwinHolds() {
        Path file = dir.resolve("encodings.mv");
        MongoServer twin = new MongoServer(new MemoryBackend());
        InetSocketAddress twinAddress = twin.bind();
        try (MongoClient memory = MongoClients.create("mongodb://127.0.0.1:" + twinAddress.getPort())) {
            MongoCollection<Document> expected = collection(memory);
            try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0);
                 MongoClient stored = MongoClients.create(server.connectionString())) {
                List<MongoCollection<Document>> both = List.of(collection(stored), expected);
                Random random = new Random(20261206L);
                for (int round = 0; round < 25; round++) {
                    for (int i = 0; i < 10; i++) {
                        write(random, both);
                    }
                    server.store().commit();
                }
                assertThat(all(both.get(0))).hasSizeGreaterThan(30).isEqualTo(all(expected));
            }
            try (LocalMongoServer reopened = LocalMongoServer.start(file, "127.0.0.1", 0);
                 MongoClient stored = MongoClients.create(reopened.connectionString())) {
                assertThat(all(collection(stored))).isEqualTo(all(expected));
            }
        } finally {
            twin.shutdown();
        }
    }

    private static void write(Random random, List<MongoCollection<Document>> both) {
        String id = "d-" + random.nextInt(120);
        int kind = random.nextInt(7);
        Date at = new Date(1_800_000_000_000L + random.nextInt(1_000_000));
        for (MongoCollection<Document> collection : both) {
            Bson byId = Filters.eq("_id", id);
            switch (kind) {
                case 0 -> collection.replaceOne(byId, new Document("_id", id).append("status", "NEW")
                        .append("at", at).append("nested", new Document("list", List.of(1, "two"))),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
                case 1 -> collection.updateOne(byId, Updates.combine(Updates.inc("count", 1),
                        Updates.setOnInsert("since", at)), new UpdateOptions().upsert(true));
                case 2 -> collection.updateOne(byId, Updates.set("status", "SENT"));
                case 3 -> collection.updateOne(byId, Updates.push("events", new Document("at", at)));
                case 4 -> collection.findOneAndUpdate(byId, Updates.set("nested.claimed", at),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                case 5 -> collection.updateMany(Filters.eq("status", "SENT"), Updates.inc("count", 10));
                default -> collection.deleteOne(byId);
            }
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("encodings").getCollection("documents");
    }

    private static List<Document> all(MongoCollection<Document> collection) {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
