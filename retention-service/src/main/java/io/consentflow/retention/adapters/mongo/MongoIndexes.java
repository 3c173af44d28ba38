package io.consentflow.retention.adapters.mongo;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The indexes the scheduler, receipt matching and the API query by (plain indexes only: no TTL, see README).
 * {@code _id_version} is redundant beside MongoDB's _id index, but every optimistic write filters on (_id, version)
 * and the MongoDB wire server of tests and the local suite uses an index only when the filter has exactly its keys
 * (and supports only unique ones): without it each such write scans the whole deadlines collection.
 */
@Component
@Order(0)
class MongoIndexes implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    MongoIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        Flux.concat(
                mongo.indexOps(MongoDeadlineStore.COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC)
                        .on("dueAt", Sort.Direction.ASC).named("status_dueAt")),
                mongo.indexOps(MongoDeadlineStore.COLLECTION).createIndex(new Index()
                        .on("subjectId", Sort.Direction.ASC).named("subjectId")),
                mongo.indexOps(MongoDeadlineStore.COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                        .on("version", Sort.Direction.ASC).unique().named("_id_version")),
                mongo.indexOps(MongoErasureStore.COLLECTION).createIndex(new Index().on("subjectId", Sort.Direction.ASC)
                        .on("status", Sort.Direction.ASC).named("subjectId_status")),
                mongo.indexOps(MongoErasureStore.COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC)
                        .on("overdueAt", Sort.Direction.ASC).named("status_overdueAt")),
                mongo.indexOps(MongoProcessedEvents.COLLECTION).createIndex(new Index().on("at", Sort.Direction.ASC)
                        .named("at")))
                .blockLast(Duration.ofSeconds(30));
    }
}
