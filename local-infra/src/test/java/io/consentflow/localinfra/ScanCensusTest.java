package io.consentflow.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCensusTest {

    private static final int DOCUMENTS = 40;

    @TempDir
    Path dir;

    @Test
    void countsTheFiltersNoUniqueIndexServesWithoutTheirValues() throws Exception {
        Path file = dir.resolve("census.mv");
        Path report = dir.resolve("census.tsv");
        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0, 45_000, 16, report);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> subjects = client.getDatabase("consent").getCollection("subjects");
            subjects.insertMany(IntStream.range(0, DOCUMENTS)
                    .mapToObj(i -> new Document("_id", "s-" + i).append("revision", 1).append("state", "secret-" + i))
                    .toList());

            assertThat(subjects.find(Filters.eq("_id", "s-7")).first()).isNotNull();
            assertThat(subjects.find(Filters.eq("state", "secret-7")).first()).isNotNull();
            assertThat(subjects.updateOne(guard("s-3"), Updates.set("revision", 2)).getModifiedCount()).isEqualTo(1);

            // a unique index on exactly the filter's fields serves it; Filters.and renders as $and, which none does
            subjects.createIndex(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true));
            assertThat(subjects.updateOne(guard("s-4"), Updates.set("revision", 2)).getModifiedCount()).isEqualTo(1);
            assertThat(subjects.updateOne(Filters.and(Filters.eq("_id", "s-5"), Filters.eq("revision", 1)),
                    Updates.set("revision", 2)).getModifiedCount()).isEqualTo(1);
        }

        List<String> lines = Files.readAllLines(report);
        assertThat(lines).first().asString().startsWith("scans");
        assertThat(lines).contains("1\t" + DOCUMENTS + "\tconsent.subjects {state: ?}",
                "1\t" + DOCUMENTS + "\tconsent.subjects {_id: ?, revision: ?}",
                "1\t" + DOCUMENTS + "\tconsent.subjects {$and: [{_id: ?}, …]}");
        assertThat(lines.stream().filter(line -> line.contains("consent.subjects {"))).hasSize(3);
        assertThat(String.join("\n", lines)).doesNotContain("secret").doesNotContain("s-7");
        assertThat(lines).anyMatch(line -> line.startsWith("1\t" + DOCUMENTS + "\t")
                && line.endsWith("\tinsert consent.subjects"));
        assertThat(lines).anyMatch(line -> line.startsWith("3\t3\t") && line.endsWith("\tupdate consent.subjects"));

        try (LocalMongoServer plain = LocalMongoServer.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(plain.connectionString())) {
            Document read = client.getDatabase("consent").getCollection("subjects").find(Filters.eq("_id", "s-4"))
                    .first();
            assertThat(read).isNotNull();
            assertThat(read.getInteger("revision")).isEqualTo(2);
        }
    }

    private static Document guard(String id) {
        return new Document("_id", id).append("revision", 1);
    }

    @Test
    void shapesNestedOperatorsAndLists() {
        var filter = new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("a", "b")))
                .append("at", new de.bwaldvogel.mongo.bson.Document("$lt", 5))
                .append("$or", List.of(new de.bwaldvogel.mongo.bson.Document("x", 1),
                        new de.bwaldvogel.mongo.bson.Document("y", 2)));
        assertThat(ScanCensus.shape(filter)).isEqualTo("{_id: {$in: [?, …]}, at: {$lt: ?}, $or: [{x: ?}, …]}");
    }
}
