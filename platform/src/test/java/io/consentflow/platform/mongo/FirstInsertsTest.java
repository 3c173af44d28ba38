package io.consentflow.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link FirstInserts} over the MongoDB wire protocol (mongo-java-server). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstInsertsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> collection;

    @BeforeAll
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        collection = client.getDatabase("first-inserts").getCollection("records");
    }

    @AfterAll
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void answersPerDocumentWhetherItIsRecordedNowOrWasBefore() {
        List<Document> first = List.of(doc("a1"), doc("a2"));
        assertThat(FirstInserts.insert(collection, first).block(WAIT)).containsExactly(true, true);

        List<Document> again = List.of(doc("a2"), doc("a3"), doc("a3"));
        assertThat(FirstInserts.insert(collection, again).block(WAIT))
                .as("a2 recorded before, a3 now, and its repeat in the same list not")
                .containsExactly(false, true, false);
        assertThat(ids()).contains("a1", "a2", "a3");
    }

    @Test
    void anotherWriteErrorUndoesWhatThisCallRecordedButNeverAnEarlierRecord() {
        FirstInserts.insert(collection, List.of(doc("b-old-1"), doc("b-old-2"))).block(WAIT);
        // an array is no _id: a write error other than a duplicate key
        Document invalid = new Document("_id", List.of("b-bad")).append("at", 1);
        List<Document> docs = List.of(doc("b-old-1"), doc("b-new"), invalid, doc("b-old-2"));

        assertThatThrownBy(() -> FirstInserts.insert(collection, docs).block(WAIT))
                .isInstanceOf(MongoBulkWriteException.class);

        assertThat(ids()).as("the earlier records the failed call duplicated stay").contains("b-old-1", "b-old-2")
                .as("what the failed call recorded is gone, so a retry records it").doesNotContain("b-new");
    }

    @Test
    void undoRemovesOnlyTheDocumentsRecordedNow() {
        FirstInserts.insert(collection, List.of(doc("c1"))).block(WAIT);
        List<Document> docs = List.of(doc("c1"), doc("c2"));
        boolean[] recorded = FirstInserts.insert(collection, docs).block(WAIT);

        FirstInserts.undo(collection, docs, recorded).block(WAIT);

        assertThat(ids()).contains("c1").doesNotContain("c2");
    }

    private static Document doc(String id) {
        return new Document("_id", id).append("at", 1);
    }

    private List<String> ids() {
        return Flux.from(collection.find()).map(d -> String.valueOf(d.get("_id"))).collectList()
                .switchIfEmpty(Mono.just(List.of())).block(WAIT);
    }
}
