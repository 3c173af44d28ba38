package io.consentflow.consent.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.app.ConcurrentUpdateException;
import io.consentflow.consent.app.StoredSubject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * First writes of many new subjects in shared commands: one key-ring insertMany, then one insertMany of the subject
 * documents whose keys are stored (each key before any ciphertext it protects, as {@link SubjectRepository#save} does
 * alone). Unordered, so each document is inserted or refused on its own: a number a concurrent write created first
 * (the unique contactKey) fails only that subject, with {@link ConcurrentUpdateException}, and its key, nobody's, is
 * shredded; any other refusal fails only that subject too.
 */
final class NewSubjects {

    private final MongoCollection<Document> subjects;
    private final SubjectDocuments documents;
    private final SubjectCrypto crypto;
    private final KeyRing keyRing;

    NewSubjects(MongoCollection<Document> subjects, SubjectDocuments documents, SubjectCrypto crypto,
            KeyRing keyRing) {
        this.subjects = subjects;
        this.documents = documents;
        this.crypto = crypto;
        this.keyRing = keyRing;
    }

    /** Element i: null when subject i is stored, else why not. */
    Mono<List<Throwable>> insert(List<StoredSubject> fresh) {
        List<Document> keys = new ArrayList<>(fresh.size());
        for (StoredSubject stored : fresh) {
            String id = stored.subject().subjectId();
            keys.add(KeyRing.keyDocument(id, crypto.wrap(stored.dataKey(), id)));
        }
        return insertEach(keyRing.collection(), keys).flatMap(keyErrors -> {
            Throwable[] outcomes = new Throwable[fresh.size()];
            List<Integer> keyed = new ArrayList<>();
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                // a key there already is this subject's own (ids are new): stored once, as storeIfAbsent does
                if (keyErrors[i] == null || isDuplicate(keyErrors[i])) {
                    keyed.add(i);
                    docs.add(documents.toDocument(fresh.get(i), 0));
                } else {
                    outcomes[i] = new MongoWriteException(keyErrors[i], null);
                }
            }
            return insertEach(subjects, docs).flatMap(docErrors -> {
                List<String> orphanKeys = new ArrayList<>();
                for (int j = 0; j < docErrors.length; j++) {
                    if (docErrors[j] != null) {
                        int i = keyed.get(j);
                        orphanKeys.add(fresh.get(i).subject().subjectId());
                        outcomes[i] = isDuplicate(docErrors[j]) ? new ConcurrentUpdateException()
                                : new MongoWriteException(docErrors[j], null);
                    }
                }
                return keyRing.shredAll(orphanKeys).thenReturn(Arrays.asList(outcomes));
            });
        });
    }

    /** One unordered insertMany; element i: null when document i is inserted, else its write error. */
    private static Mono<WriteError[]> insertEach(MongoCollection<Document> collection, List<Document> docs) {
        WriteError[] errors = new WriteError[docs.size()];
        if (docs.isEmpty()) {
            return Mono.just(errors);
        }
        return Mono.from(collection.insertMany(docs, new InsertManyOptions().ordered(false))).thenReturn(errors)
                .onErrorResume(MongoBulkWriteException.class, e -> {
                    if (e.getWriteConcernError() != null) {
                        return Mono.error(e);
                    }
                    for (BulkWriteError error : e.getWriteErrors()) {
                        errors[error.getIndex()] = new WriteError(error.getCode(), error.getMessage(),
                                error.getDetails() == null ? new BsonDocument() : error.getDetails());
                    }
                    return Mono.just(errors);
                });
    }

    private static boolean isDuplicate(WriteError error) {
        return error.getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
