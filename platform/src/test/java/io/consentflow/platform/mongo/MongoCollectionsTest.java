package io.consentflow.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

/** The {@link MongoCollections} bean: Boot's client and database, over the wire (mongo-java-server). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoCollectionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private MongoServer server;
    private String uri;
    private MongoClient reader;

    @BeforeAll
    void start() {
        server = new MongoServer(new MemoryBackend());
        uri = server.bindAndGetConnectionString();
        reader = MongoClients.create(uri);
    }

    @AfterAll
    void stop() {
        reader.close();
        server.shutdownNow();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(
                AutoConfigurations.of(MongoReactiveAutoConfiguration.class, MongoPlatformConfiguration.class));
    }

    @Test
    void writesGoToTheDatabaseNamedInTheUri() {
        runner().withPropertyValues("spring.mongodb.uri=" + uri + "/from-uri").run(context -> {
            MongoCollections collections = context.getBean(MongoCollections.class);
            Mono.from(collections.named("things").insertOne(new Document("_id", "t1"))).block(WAIT);

            assertThat(collections.databaseName()).isEqualTo("from-uri");
            assertThat(Mono.from(reader.getDatabase("from-uri").getCollection("things").find().first()).block(WAIT))
                    .containsEntry("_id", "t1");
        });
    }

    @Test
    void theConfiguredDatabaseWinsOverTheUri() {
        runner().withPropertyValues("spring.mongodb.uri=" + uri + "/from-uri", "spring.mongodb.database=configured")
                .run(context -> {
                    MongoCollections collections = context.getBean(MongoCollections.class);
                    Mono.from(collections.named("things").insertOne(new Document("_id", "t2"))).block(WAIT);

                    assertThat(collections.databaseName()).isEqualTo("configured");
                    assertThat(Mono.from(reader.getDatabase("configured").getCollection("things")
                            .find(new Document("_id", "t2")).first()).block(WAIT)).isNotNull();
                });
    }

    @Test
    void noBeanWithoutAReactiveClient() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MongoPlatformConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(MongoCollections.class));
    }
}
