package io.consentflow.gateway.adapters.mongo;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.gateway.app.StopFence;
import io.consentflow.gateway.domain.PendingStops;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * STOPs every gateway instance honours before the next HTTP request leaves, not once it has read the STOP from
 * Kafka. The instance that receives a STOP webhook records it here (keyed by contactKey, the pseudonym) before it
 * acknowledges the webhook; every instance reads the entries of its requests' contactKeys right after recording their
 * calls, immediately before the requests leave ({@link CallDecisions}). Entries are kept for {@link #KEEP}: as long as
 * an instance replays {@code whatsapp-inbound} into its pending STOPs at start, so the fence outlives any lag of an
 * instance's consent view short of a day; a periodic sweep removes older ones.
 */
@Component
public class MongoStopFence extends ReactivePeriodicTask implements StopFence {

    static final String COLLECTION = "stop_fence";
    /**
     * Ten minutes were once thought far longer than any view needs; the chaos suite's full size (load average 45-65,
     * a broker restart, gateway kills) had 1,516 messages leave 592-607 s after their STOP was acknowledged, just
     * after their fence entries were swept, from an instance whose view had not caught up with the STOP.
     */
    static final Duration KEEP = PendingStops.INBOUND_REPLAY;

    private final MongoCollections mongo;
    private final Clock clock;

    MongoStopFence(MongoCollections mongo, Clock clock) {
        super("stop-fence-sweep", Duration.ofMinutes(1));
        this.mongo = mongo;
        this.clock = clock;
    }

    private Mono<MongoCollection<Document>> collection() {
        return Mono.just(mongo.named(COLLECTION));
    }

    /** Records STOPs (one unordered bulk upsert); a later or wider STOP of a contact replaces an earlier one. */
    @Override
    public Mono<Void> record(List<Stop> stops) {
        if (stops.isEmpty()) {
            return Mono.empty();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(stops.size());
        for (Stop stop : stops) {
            Document update = new Document("$max", new Document("at", Date.from(stop.at())));
            update.append(stop.everyPurpose() ? "$set" : "$setOnInsert", new Document("all", stop.everyPurpose()));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", stop.contactKey()), update,
                    new UpdateOptions().upsert(true)));
        }
        return collection().flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .then();
    }

    /** The recorded STOPs of these contacts (one {@code $in} query on the primary key). */
    @Override
    public Mono<Map<String, Stop>> find(Collection<String> contactKeys) {
        if (contactKeys.isEmpty()) {
            return Mono.just(Map.of());
        }
        return collection().flatMapMany(c -> Flux.from(c.find(Filters.in("_id", List.copyOf(contactKeys)))))
                .collectMap(doc -> doc.getString("_id"), doc -> new Stop(doc.getString("_id"),
                        doc.getBoolean("all", false), doc.getDate("at").toInstant()));
    }

    @Override
    protected Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    protected Mono<?> run() {
        Date before = Date.from(clock.instant().minus(KEEP));
        return collection().flatMap(c -> Mono.from(c.deleteMany(Filters.lt("at", before))));
    }
}
