package io.consentflow.e2e;

import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Reads every document of every database over the wire, the way an auditor with a backup would look for traces. */
final class MongoScan {

    private MongoScan() {
    }

    /** "database.collection" of every document whose JSON contains any of the needles. */
    static List<String> placesContaining(String mongoUri, List<String> needles) {
        List<String> places = new ArrayList<>();
        try (var client = MongoClients.create(mongoUri)) {
            for (String database : client.listDatabaseNames()) {
                if (List.of("admin", "local", "config").contains(database)) {
                    continue;
                }
                var db = client.getDatabase(database);
                for (String collection : db.listCollectionNames()) {
                    for (Document document : db.getCollection(collection).find()) {
                        String json = document.toJson();
                        needles.stream().filter(json::contains).findFirst()
                                .ifPresent(needle -> places.add(database + "." + collection));
                    }
                }
            }
        }
        return places;
    }
}
