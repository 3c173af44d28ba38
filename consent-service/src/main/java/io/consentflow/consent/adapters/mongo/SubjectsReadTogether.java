package io.consentflow.consent.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.app.StoredSubject;
import io.consentflow.consent.domain.SubjectStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many subjects read at once by number: one query of the subjects, one of the key ring for their data keys, each
 * document then read as {@link SubjectRepository} reads one alone (a key from before the ring, none once erased).
 */
final class SubjectsReadTogether {

    private final MongoCollection<Document> subjects;
    private final SubjectDocuments documents;
    private final SubjectCrypto crypto;
    private final KeyRing keyRing;

    SubjectsReadTogether(MongoCollection<Document> subjects, SubjectDocuments documents, SubjectCrypto crypto,
            KeyRing keyRing) {
        this.subjects = subjects;
        this.documents = documents;
        this.crypto = crypto;
        this.keyRing = keyRing;
    }

    Mono<Map<String, StoredSubject>> byContactKeys(Collection<String> contactKeys) {
        if (contactKeys.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.from(subjects.find(Filters.in("contactKey", contactKeys))).collectList().flatMap(docs -> {
            List<String> inRing = new ArrayList<>();
            for (Document doc : docs) {
                if (doc.getString("wrappedKey") == null && !erased(doc)) {
                    inRing.add(doc.getString("_id"));
                }
            }
            return keyRing.findAll(inRing).map(wrapped -> {
                Map<String, StoredSubject> read = new HashMap<>();
                for (Document doc : docs) {
                    read.put(doc.getString("contactKey"), documents.fromDocument(doc, keyOf(doc, wrapped)));
                }
                return read;
            });
        });
    }

    private SecretKey keyOf(Document doc, Map<String, MasterKeys.WrappedKey> wrapped) {
        SecretKey legacy = documents.legacyKeyOf(doc);
        if (legacy != null) {
            return legacy;
        }
        String id = doc.getString("_id");
        MasterKeys.WrappedKey ringKey = erased(doc) ? null : wrapped.get(id);
        return ringKey == null ? null : crypto.unwrap(ringKey, id);
    }

    private static boolean erased(Document doc) {
        return SubjectStatus.ERASED.name().equals(doc.getString("status"));
    }
}
