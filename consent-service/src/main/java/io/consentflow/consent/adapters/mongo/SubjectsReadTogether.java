package io.consentflow.consent.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.app.StoredSubject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many subjects read at once by number: one query of the subjects, one of the key ring for the data keys it holds,
 * each document then read as {@link SubjectRepository} reads one alone ({@link SubjectDocuments#dataKeyOf}).
 */
final class SubjectsReadTogether {

    private final MongoCollection<Document> subjects;
    private final SubjectDocuments documents;
    private final KeyRing keyRing;

    SubjectsReadTogether(MongoCollection<Document> subjects, SubjectDocuments documents, KeyRing keyRing) {
        this.subjects = subjects;
        this.documents = documents;
        this.keyRing = keyRing;
    }

    Mono<Map<String, StoredSubject>> byContactKeys(Collection<String> contactKeys) {
        if (contactKeys.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.from(subjects.find(Filters.in("contactKey", contactKeys))).collectList().flatMap(docs -> {
            List<String> inRing = docs.stream().filter(documents::keyInRing).map(doc -> doc.getString("_id")).toList();
            return keyRing.findAll(inRing).map(wrapped -> {
                Map<String, StoredSubject> read = new HashMap<>();
                for (Document doc : docs) {
                    read.put(doc.getString("contactKey"),
                            documents.fromDocument(doc, documents.dataKeyOf(doc, wrapped.get(doc.getString("_id")))));
                }
                return read;
            });
        });
    }
}
