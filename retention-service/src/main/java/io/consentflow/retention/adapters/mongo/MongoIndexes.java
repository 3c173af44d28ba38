package io.consentflow.retention.adapters.mongo;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.mongo.MongoProcessedEvents;
import io.consentflow.platform.scheduling.StartupTask;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The indexes the scheduler, receipt matching, the API and the processed-events purge query by (plain indexes only:
 * no TTL, see README), created before the listener and the rounds start. {@code _id_version} is redundant beside
 * MongoDB's _id index, but every optimistic write filters on (_id, version) and the MongoDB wire server of tests and
 * the local suite uses an index only when the filter has exactly its keys (and supports only unique ones): without it
 * each such write scans the whole deadlines collection.
 */
@Component
class MongoIndexes extends StartupTask {

    private final MongoCollections collections;
    private final MongoProcessedEvents processed;

    MongoIndexes(MongoCollections collections, MongoProcessedEvents processed) {
        super("retention-indexes", Duration.ofSeconds(30));
        this.collections = collections;
        this.processed = processed;
    }

    @Override
    protected Mono<Void> prepare() {
        return Flux.concat(
                collections.named(MongoDeadlineStore.COLLECTION).createIndexes(List.of(
                        index(Indexes.ascending("status", "dueAt"), "status_dueAt"),
                        index(Indexes.ascending("subjectId"), "subjectId"),
                        new IndexModel(Indexes.ascending("_id", "version"),
                                new IndexOptions().unique(true).name("_id_version")))),
                collections.named(MongoErasureStore.COLLECTION).createIndexes(List.of(
                        index(Indexes.ascending("subjectId", "status"), "subjectId_status"),
                        index(Indexes.ascending("status", "overdueAt"), "status_overdueAt"))),
                processed.ensureIndexes())
                .then();
    }

    private static IndexModel index(org.bson.conversions.Bson keys, String name) {
        return new IndexModel(keys, new IndexOptions().name(name));
    }
}
