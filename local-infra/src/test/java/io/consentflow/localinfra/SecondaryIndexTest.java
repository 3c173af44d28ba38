package io.consentflow.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire server's non-unique indexes answer exactly as a collection scan does. Two collections get the same seeded
 * documents, inserts, updates and deletes; one has the non-unique indexes the suite creates (compound, sparse), the
 * other none, so the server scans it. Every query must find the same documents in both, before and after the store
 * is reopened, and the scan census must show that the indexed collection was never scanned while the plain one was.
 */
class SecondaryIndexTest {

    private static final String[] STATUSES = {"SCHEDULED", "FIRING", "FIRED"};
    private static final long BASE = 1_800_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1L, 20261206L, 777L})
    void findsWhatAScanFinds(long seed) throws Exception {
        Random random = new Random(seed);
        Path file = dir.resolve("secondary.mv");
        Path report = dir.resolve("census.tsv");
        List<Bson> queries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            queries.add(query(random));
        }
        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0, 45_000, 16, report);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("retention");
            MongoCollection<Document> indexed = database.getCollection("indexed");
            MongoCollection<Document> scanned = database.getCollection("scanned");
            indexed.createIndex(Indexes.ascending("status", "dueAt"));
            indexed.createIndex(Indexes.ascending("outboxSize"));
            indexed.createIndex(Indexes.ascending("pendingExpiresAt"), new IndexOptions().sparse(true));
            indexed.createIndex(Indexes.ascending("tags"));
            for (int i = 0; i < 300; i++) {
                Document document = document(random, "d-" + i);
                indexed.insertOne(document);
                scanned.insertOne(new Document(document));
            }
            for (int i = 0; i < 200; i++) {
                change(random, indexed, scanned);
            }
            for (Bson query : queries) {
                assertThat(ids(indexed, query)).as("%s", query).isEqualTo(ids(scanned, query));
            }
            assertThat(ids(indexed, Filters.gt("outboxSize", 0))).isNotEmpty();
            assertThat(ids(indexed, Filters.lte("dueAt", new Date(BASE + 500_000)))).isNotEmpty();
        }
        String census = Files.readString(report);
        assertThat(census).contains("retention.scanned {outboxSize: {$gt: ?}}");
        assertThat(census).doesNotContain("retention.indexed {outboxSize").doesNotContain("retention.indexed {$or")
                .doesNotContain("retention.indexed {status").doesNotContain("retention.indexed {pendingExpiresAt");

        // reopened: the entries are rebuilt from the documents and answer as before
        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("retention");
            MongoCollection<Document> indexed = database.getCollection("indexed");
            indexed.createIndex(Indexes.ascending("status", "dueAt"));
            change(random, indexed, database.getCollection("scanned"));
            for (Bson query : queries) {
                assertThat(ids(indexed, query)).as("%s", query)
                        .isEqualTo(ids(database.getCollection("scanned"), query));
            }
        }
    }

    @Test
    void aSparseIndexLeavesQueriesForNullToTheScanAndAnswersThemRight() {
        try (LocalMongoServer server = LocalMongoServer.start(dir.resolve("sparse.mv"), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> subjects = client.getDatabase("consent").getCollection("subjects");
            subjects.createIndex(Indexes.ascending("pendingExpiresAt"), new IndexOptions().sparse(true));
            subjects.insertMany(List.of(new Document("_id", "a"), new Document("_id", "b").append("pendingExpiresAt",
                    new Date(BASE)), new Document("_id", "c").append("pendingExpiresAt", null)));
            assertThat(ids(subjects, Filters.eq("pendingExpiresAt", null))).containsExactly("a", "c");
            assertThat(ids(subjects, Filters.lte("pendingExpiresAt", new Date(BASE)))).containsExactly("b");
            subjects.updateOne(Filters.eq("_id", "b"), Updates.unset("pendingExpiresAt"));
            assertThat(ids(subjects, Filters.lte("pendingExpiresAt", new Date(BASE)))).isEmpty();
            subjects.deleteOne(Filters.eq("_id", "a"));
            assertThat(ids(subjects, Filters.eq("pendingExpiresAt", null))).containsExactly("b", "c");
        }
    }

    private static Document document(Random random, String id) {
        Document document = new Document("_id", id).append("status", STATUSES[random.nextInt(3)])
                .append("outboxSize", random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        if (random.nextBoolean()) {
            document.append("dueAt", new Date(BASE + random.nextInt(1_000_000)));
        }
        if (random.nextInt(3) == 0) {
            document.append("pendingExpiresAt", random.nextBoolean() ? new Date(BASE + random.nextInt(1_000_000))
                    : null);
        }
        if (random.nextInt(4) == 0) {
            document.append("tags", random.nextBoolean() ? List.of("x", "y" + random.nextInt(3)) : "x");
        }
        return document;
    }

    private static void change(Random random, MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        String id = "d-" + random.nextInt(320);
        Bson update = switch (random.nextInt(5)) {
            case 0 -> Updates.set("status", STATUSES[random.nextInt(3)]);
            case 1 -> Updates.inc("outboxSize", random.nextBoolean() ? 1 : -1);
            case 2 -> Updates.unset("dueAt");
            case 3 -> Updates.set("pendingExpiresAt", new Date(BASE + random.nextInt(1_000_000)));
            default -> null;
        };
        for (MongoCollection<Document> collection : List.of(indexed, scanned)) {
            if (update == null) {
                collection.deleteOne(Filters.eq("_id", id));
            } else {
                collection.updateOne(Filters.eq("_id", id), update);
            }
        }
    }

    private static Bson query(Random random) {
        Date at = new Date(BASE + random.nextInt(1_000_000));
        String status = STATUSES[random.nextInt(3)];
        return switch (random.nextInt(8)) {
            case 0 -> Filters.gt("outboxSize", random.nextInt(2));
            // as the services write them: one document per branch (Filters.and renders $and, which no index serves)
            case 1 -> new Document("status", status).append("dueAt", new Document("$lte", at));
            case 2 -> Filters.or(new Document("status", "SCHEDULED").append("dueAt", new Document("$lte", at)),
                    new Document("status", "FIRING").append("dueAt", new Document("$lt", at)));
            case 3 -> Filters.lte("pendingExpiresAt", at);
            case 4 -> Filters.eq("status", status);
            case 5 -> new Document("status", status).append("dueAt", new Document("$gte", at).append("$lt",
                    new Date(at.getTime() + 200_000)));
            case 6 -> Filters.eq("tags", random.nextBoolean() ? "x" : "y1");
            default -> new Document("outboxSize", 0).append("status", status);
        };
    }

    private static Set<String> ids(MongoCollection<Document> collection, Bson query) {
        Set<String> ids = new TreeSet<>();
        collection.find(query).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }
}
