package io.consentflow.platform.mongo;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.Objects;
import org.bson.Document;

/**
 * The one way a store reaches MongoDB (docs/architecture.md#layout-inside-a-service): the reactive-streams driver's
 * collections of {@link Document} in the service's database, mapped by hand in the store. No store injects a
 * template, a client or a database name, and none uses Spring Data's Query/Criteria; the bean is built by
 * {@link MongoPlatformConfiguration} from the Boot-configured client and database.
 */
public final class MongoCollections {

    private final MongoDatabase database;

    public MongoCollections(MongoClient client, String databaseName) {
        Objects.requireNonNull(client, "client");
        if (databaseName == null || databaseName.isBlank()) {
            throw new IllegalArgumentException("a MongoDB database name is required");
        }
        this.database = client.getDatabase(databaseName);
    }

    /** The collection of that name in the service's database (created by MongoDB on the first write). */
    public MongoCollection<Document> named(String collection) {
        return database.getCollection(collection);
    }

    /** The service's database name, for logs and health details (never for a second way in). */
    public String databaseName() {
        return database.getName();
    }
}
