package io.consentflow.audit.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.audit.app.ContactSalts;
import io.consentflow.platform.mongo.MongoCollections;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ContactSalts} in MongoDB (docs/architecture.md#audit): one random 32-byte salt per contact, under the keyed
 * lookup of its number, with the subjectIds the contact was seen with. Kept apart from the append-only log, in a
 * database of its own ({@code consentflow.audit.salt-database}, {@code audit_keys}): the one place audit-service
 * deletes, and only salts. Shredding a subject's salts leaves its entries unlinkable to the number; they and their
 * hashes stay. The keys database's {@link MongoCollections} is built in config (AuditConfiguration), not the
 * service's.
 */
public class MongoContactSalts implements ContactSalts {

    static final String COLLECTION = "contact_salts";
    static final String ERASED_SUBJECTS = "erased_subjects";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final MongoCollection<Document> salts;
    private final MongoCollection<Document> erasedSubjects;

    public MongoContactSalts(MongoCollections keysDatabase) {
        this.salts = keysDatabase.named(COLLECTION);
        this.erasedSubjects = keysDatabase.named(ERASED_SUBJECTS);
    }

    private MongoCollection<Document> collection() {
        return salts;
    }

    private MongoCollection<Document> erasedSubjects() {
        return erasedSubjects;
    }

    /**
     * The salt of every contact (by lookup), created where missing, and each contact linked to the subjectId it was
     * seen with (null: none named). One find, at most one insert and one update per new link. A salt the policy
     * shreds between the find and the link ({@link #shredUnlinked}) is created again: every contact gets a salt.
     */
    @Override
    public Mono<Map<String, byte[]>> saltsFor(Map<String, String> subjectByLookup) {
        return saltsFor(subjectByLookup, 3);
    }

    private Mono<Map<String, byte[]>> saltsFor(Map<String, String> subjectByLookup, int attempts) {
        if (subjectByLookup.isEmpty()) {
            return Mono.just(Map.of());
        }
        return find(subjectByLookup.keySet().stream().toList()).flatMap(known -> erasedAmong(
                toLink(subjectByLookup, known)).flatMap(erased -> {
            Map<String, String> links = new HashMap<>(subjectByLookup);
            links.replaceAll((lookup, subjectId) -> subjectId != null && erased.contains(subjectId) ? null : subjectId);
            return create(links, known, attempts);
        }));
    }

    /**
     * Creates the missing salts and adds the new links. A subject already erased is never linked again (a replay of
     * its records after the erasure): its contact's new salt stays unlinked, so the policy shreds it.
     */
    private Mono<Map<String, byte[]>> create(Map<String, String> subjectByLookup, Map<String, Document> known,
            int attempts) {
        List<Document> fresh = new ArrayList<>();
        subjectByLookup.forEach((lookup, subjectId) -> {
            if (!known.containsKey(lookup)) {
                fresh.add(newSalt(lookup, subjectId));
            }
        });
        Mono<Void> inserted = fresh.isEmpty() ? Mono.empty()
                : Mono.from(collection().insertMany(fresh, new InsertManyOptions().ordered(false))).then()
                        .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream()
                                .allMatch(w -> w.getCategory() == ErrorCategory.DUPLICATE_KEY)
                                ? Mono.empty() : Mono.error(e)); // another consumer created it meanwhile
        return inserted.then(link(subjectByLookup, known)).then(find(subjectByLookup.keySet().stream().toList()))
                .flatMap(all -> {
                    if (all.size() < subjectByLookup.size() && attempts > 1) {
                        return saltsFor(subjectByLookup, attempts - 1); // shredded by policy meanwhile
                    }
                    Map<String, byte[]> salts = new HashMap<>();
                    all.forEach((lookup, doc) -> salts.put(lookup,
                            Base64.getDecoder().decode(doc.getString("salt"))));
                    return Mono.just(salts);
                });
    }

    /** The subjectIds that would be linked to a contact now (a new salt, or a new link). */
    private static Set<String> toLink(Map<String, String> subjectByLookup, Map<String, Document> known) {
        Set<String> out = new HashSet<>();
        subjectByLookup.forEach((lookup, subjectId) -> {
            if (subjectId != null && (!known.containsKey(lookup)
                    || !known.get(lookup).getList("subjectIds", String.class, List.of()).contains(subjectId))) {
                out.add(subjectId);
            }
        });
        return out;
    }

    private Mono<Set<String>> erasedAmong(Set<String> subjectIds) {
        return subjectIds.isEmpty() ? Mono.just(Set.of()) : Flux.from(erasedSubjects().find(
                Filters.in("_id", subjectIds))).map(doc -> doc.getString("_id")).collect(Collectors.toSet());
    }

    /**
     * Shreds the salts of contacts never seen with a subject (a number no consent named: requests refused for no
     * consent, a STOP or message from an unknown number) created before {@code cutoff}; returns how many. A contact
     * linked meanwhile keeps its salt (the filter is evaluated per document, atomically with its deletion).
     */
    @Override
    public Mono<Long> shredUnlinked(Instant cutoff) {
        return Mono.from(collection().deleteMany(Filters.and(Filters.size("subjectIds", 0),
                Filters.lt("createdAt", Date.from(cutoff))))).map(r -> r.getDeletedCount());
    }

    /**
     * Shreds every salt of contacts seen with this subject; returns how many. The subjectId (a random UUID) is kept in
     * {@code erased_subjects}, so a replay of the subject's records cannot link a new salt to it.
     */
    @Override
    public Mono<Long> shred(String subjectId) {
        Document erased = new Document("_id", subjectId).append("erasedAt", new Date());
        return Mono.from(erasedSubjects().replaceOne(Filters.eq("_id", subjectId), erased,
                        new ReplaceOptions().upsert(true)))
                .then(Mono.from(collection().deleteMany(Filters.eq("subjectIds", subjectId))))
                .map(r -> r.getDeletedCount());
    }

    /** How many contacts' salts are still linked to the subject (0 once an erasure shredded them). */
    @Override
    public Mono<Long> linkedTo(String subjectId) {
        return Mono.from(collection().countDocuments(Filters.eq("subjectIds", subjectId)));
    }

    private Mono<Void> link(Map<String, String> subjectByLookup, Map<String, Document> known) {
        return Flux.fromIterable(subjectByLookup.entrySet())
                .filter(e -> e.getValue() != null && known.containsKey(e.getKey())
                        && !known.get(e.getKey()).getList("subjectIds", String.class, List.of()).contains(e.getValue()))
                .concatMap(e -> Mono.from(collection().updateOne(Filters.eq("_id", e.getKey()),
                        Updates.addToSet("subjectIds", e.getValue()))))
                .then();
    }

    private Mono<Map<String, Document>> find(List<String> lookups) {
        return Flux.from(collection().find(Filters.in("_id", lookups))).collectMap(doc -> doc.getString("_id"));
    }

    private static Document newSalt(String lookup, String subjectId) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return new Document("_id", lookup).append("salt", Base64.getEncoder().encodeToString(salt))
                .append("subjectIds", subjectId == null ? List.of() : List.of(subjectId))
                .append("createdAt", new Date());
    }
}
