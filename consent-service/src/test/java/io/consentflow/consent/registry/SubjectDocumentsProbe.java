package io.consentflow.consent.registry;

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
