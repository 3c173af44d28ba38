package io.consentflow.consent.adapters.mongo;

import io.consentflow.consent.app.StoredSubject;
import org.bson.Document;

/** Reads a raw document the way the repository does, as a restore of a backup would (test helper). */
final class SubjectDocumentsProbe {

    private final SubjectRepository repository;

    SubjectDocumentsProbe(SubjectRepository repository) {
        this.repository = repository;
    }

    StoredSubject read(Document doc) {
        return repository.readRaw(doc).block();
    }
}
