package io.consentflow.e2e;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

/**
 * Where each request without an outcome event stands in the gateway's message log (no claim, CLAIMED, CALLING, a
 * refusal recorded without its outcome, an outcome stored but never announced; listed in {@code message_unsettled}
 * or not), by send-requests partition, and the gateway group's lag per partition: what the chaos suite prints when
 * requests are left over, so a failure names its cause.
 */
final class ChaosDiagnosis {

    private ChaosDiagnosis() {
    }

    static List<String> of(String mongoUri, String bootstrapServers, Collection<String> withoutOutcome) {
        List<String> lines = new ArrayList<>();
        if (withoutOutcome.isEmpty()) {
            return lines;
        }
        List<Object> ids = List.copyOf(withoutOutcome);
        try (var client = MongoClients.create(mongoUri)) {
            var db = client.getDatabase("gateway");
            Map<String, Document> claims = byId(db.getCollection("message_log").find(Filters.in("_id", ids)));
            Map<String, Document> calls = byId(db.getCollection("message_calls").find(Filters.in("_id", ids)));
            Map<String, Document> outcomes = byId(db.getCollection("message_outcomes").find(Filters.in("_id", ids)));
            Map<String, Document> unsettled = byId(db.getCollection("message_unsettled").find(Filters.in("_id", ids)));
            Map<String, Long> byState = new TreeMap<>();
            for (Object id : ids) {
                Document claim = claims.get(id);
                Document call = calls.get(id);
                String state = claim == null ? "no claim"
                        : outcomes.containsKey(id) ? "outcome stored (" + outcomes.get(id).get("outcome", Document.class)
                                .getString("type") + "), not announced"
                        : call == null ? "CLAIMED"
                        : call.getBoolean("call", true) ? "CALLING" : "refusal recorded, no outcome";
                String key = state + (unsettled.containsKey(id) ? ", unsettled-listed" : "")
                        + (claim == null ? "" : ", partition " + claim.getInteger("partition", -1));
                byState.merge(key, 1L, Long::sum);
            }
            byState.forEach((state, count) -> lines.add(count + " × " + state));
            lines.add("unsettled-listed in total: " + db.getCollection("message_unsettled").countDocuments());
        } catch (RuntimeException e) {
            lines.add("message log not readable: " + e);
        }
        lines.add("gateway lag on send-requests: " + lag(bootstrapServers));
        return lines;
    }

    private static Map<String, Document> byId(Iterable<Document> docs) {
        Map<String, Document> found = new HashMap<>();
        docs.forEach(doc -> found.put(doc.getString("_id"), doc));
        return found;
    }

    private static String lag(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("send-requests").partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .filter(tp -> tp.topic().equals("send-requests"))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            Map<Integer, Long> lag = new TreeMap<>();
            ends.forEach((tp, end) -> lag.put(tp.partition(), end.offset() - committed.get(tp).offset()));
            Map<TopicPartition, OffsetSpec> dlt = new HashMap<>();
            for (var partition : admin.describeTopics(List.of("send-requests-dlt")).allTopicNames().get()
                    .get("send-requests-dlt").partitions()) {
                dlt.put(new TopicPartition("send-requests-dlt", partition.partition()), OffsetSpec.latest());
            }
            long deadLettered = admin.listOffsets(dlt).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            return lag + "; records in send-requests-dlt: " + deadLettered;
        } catch (Exception e) {
            return "not readable: " + e;
        }
    }
}
