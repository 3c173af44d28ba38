package io.consentflow.localinfra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMongoServerTest {

    @TempDir
    Path dir;

    @Test
    void documentsSurviveARestartOnTheSameFile() {
        Path file = dir.resolve("data/mongo/consentflow.mv");

        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(server.address().getPort()).isPositive();
            client.getDatabase("consent").getCollection("subjects")
                    .insertOne(new Document("_id", "s-1").append("purposes", java.util.List.of("offers")));
        }
        assertThat(file).exists().isNotEmptyFile();

        try (LocalMongoServer server = LocalMongoServer.start(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document found = client.getDatabase("consent").getCollection("subjects")
                    .find(new Document("_id", "s-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getList("purposes", String.class)).containsExactly("offers");
        }
    }

    @Test
    void aSecondServerCannotOpenALockedFile() {
        Path file = dir.resolve("locked.mv");
        try (LocalMongoServer first = LocalMongoServer.start(file, "127.0.0.1", 0)) {
            assertThatThrownBy(() -> LocalMongoServer.start(file, "127.0.0.1", 0))
                    .isInstanceOf(RuntimeException.class);
            assertThat(first.address().getPort()).isPositive();
        }
    }
}
