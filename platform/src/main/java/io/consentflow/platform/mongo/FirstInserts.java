package io.consentflow.platform.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * "Record it once": documents keyed by what must happen only once (a webhook item, a requestId posted to the REST
 * API), inserted with one unordered insertMany, where an existing {@code _id} means "seen before". Single-document
 * atomic inserts are all MongoDB and the wire server guarantee here (no transactions), so the first insert decides.
 */
public final class FirstInserts {

    private FirstInserts() {
    }

    /**
     * Inserts the documents; element i of the answer is true when document i is recorded now and false when its
     * {@code _id} was recorded before (or earlier in the same list). Any other write error removes what this call
     * recorded, so a retry records it again, and fails with that error.
     */
    public static Mono<boolean[]> insert(MongoCollection<Document> collection, List<Document> docs) {
        boolean[] recorded = new boolean[docs.size()];
        Arrays.fill(recorded, true);
        return Mono.from(collection.insertMany(docs, new InsertManyOptions().ordered(false)))
                .thenReturn(recorded)
                .onErrorResume(MongoBulkWriteException.class, e -> {
                    boolean onlyDuplicates = true;
                    // every failed index first: stopping at the first other error would leave later duplicates
                    // marked as recorded now, and the undo would delete the earlier records they duplicate
                    for (BulkWriteError error : e.getWriteErrors()) {
                        recorded[error.getIndex()] = false;
                        onlyDuplicates &= error.getCategory() == ErrorCategory.DUPLICATE_KEY;
                    }
                    return onlyDuplicates ? Mono.just(recorded)
                            : undo(collection, docs, recorded).then(Mono.error(e));
                });
    }

    /** Removes the documents an {@link #insert} recorded now (recorded[i]): what they guard did not happen. */
    public static Mono<Void> undo(MongoCollection<Document> collection, List<Document> docs, boolean[] recorded) {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < recorded.length; i++) {
            if (recorded[i]) {
                ids.add(docs.get(i).get("_id"));
            }
        }
        return ids.isEmpty() ? Mono.empty() : Mono.from(collection.deleteMany(Filters.in("_id", ids))).then();
    }
}
