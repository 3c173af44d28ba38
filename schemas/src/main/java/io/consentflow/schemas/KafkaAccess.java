package io.consentflow.schemas;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Kafka ACLs each principal needs, derived from the {@link Topics} catalog alone (writers, readers, which topics
 * carry numbers), written once for every place that grants them: the Strimzi KafkaUsers in k8s/ and the users of
 * docker compose are tested against it (deployment module), and the tests' broker with authorization is started
 * with it (test-support):
 * <ul>
 * <li>a writer: Write and Describe on the topic; campaign systems are writers of send-requests and nothing else;</li>
 * <li>a reader: Read and Describe on the topic, Read on its consumer group (named after the service, except
 * {@link #GROUPS}) unless it reads without a group; a service dead-letters what it consumes with a group: Write and
 * Describe on {@code <topic>-dlt} (audit-service never dead-letters, it reads every dead-letter topic in its own
 * group);</li>
 * <li>retention-service: DescribeConfigs and AlterConfigs on the topics that carry numbers, the compacted topic keyed
 * by the contactKey, and their dead-letter topics (TopicRetentionGuard keeps the settings of their stated
 * bounds).</li>
 * </ul>
 * Topic creation needs no ACL: Strimzi's topic operator (or compose's kafka-init, as the admin) creates the topics.
 * Operations are named as Strimzi's KafkaUser and kafka-acls.sh name them (Read, Write, DescribeConfigs, …).
 */
public final class KafkaAccess {

    /** Users of the cluster: the four services and the campaign systems outside the suite. */
    public static final List<String> PRINCIPALS = List.of(Services.CONSENT, Services.GATEWAY, Services.RETENTION,
            Services.AUDIT, Services.CAMPAIGN_SYSTEMS);
    public static final String AUDIT_DEAD_LETTER_GROUP = Services.AUDIT + "-dead-letters";
    /**
     * Consumer groups that are not the service's name: the gateway's listeners have ids and no groupId, so
     * spring-kafka uses the id as the group (SendListener.ID, ErasureListener).
     */
    public static final Map<String, Map<String, String>> GROUPS = Map.of(Services.GATEWAY,
            Map.of(Topics.SEND_REQUESTS.name(), "send-requests", Topics.RETENTION_COMMANDS.name(),
                    "gateway-retention"));

    private KafkaAccess() {
    }

    /** principal -> resource ("topic:name", "group:name") -> operations, sorted. */
    public static Map<String, Map<String, Set<String>>> grants() {
        Map<String, Map<String, Set<String>>> acls = new TreeMap<>();
        PRINCIPALS.forEach(principal -> acls.put(principal, new TreeMap<>()));
        for (TopicSpec topic : Topics.ALL) {
            for (String writer : topic.writers()) {
                grant(acls, writer, "topic:" + topic.name(), "Write", "Describe");
            }
            for (String reader : Topics.READERS.get(topic.name())) {
                grant(acls, reader, "topic:" + topic.name(), "Read", "Describe");
                boolean grouped = !Topics.GROUPLESS_READERS.getOrDefault(topic.name(), Set.of()).contains(reader);
                if (grouped) {
                    String group = GROUPS.getOrDefault(reader, Map.of()).getOrDefault(topic.name(), reader);
                    grant(acls, reader, "group:" + group, "Read");
                    if (!reader.equals(Services.AUDIT)) {
                        grant(acls, reader, "topic:" + topic.deadLetter().name(), "Write", "Describe");
                    }
                }
            }
            grant(acls, Services.AUDIT, "topic:" + topic.deadLetter().name(), "Read", "Describe");
            if (topic.carriesPersonalData() || topic.compacted()) {
                for (TopicSpec kept : List.of(topic, topic.deadLetter())) {
                    grant(acls, Services.RETENTION, "topic:" + kept.name(), "Describe", "DescribeConfigs",
                            "AlterConfigs");
                }
            }
        }
        grant(acls, Services.AUDIT, "group:" + AUDIT_DEAD_LETTER_GROUP, "Read");
        return acls;
    }

    private static void grant(Map<String, Map<String, Set<String>>> acls, String principal, String resource,
            String... operations) {
        acls.get(principal).computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }
}
