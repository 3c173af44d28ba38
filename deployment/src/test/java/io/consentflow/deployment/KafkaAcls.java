package io.consentflow.deployment;

import io.consentflow.schemas.Services;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Kafka ACLs each principal needs, derived from the {@link Topics} catalog alone (writers, readers, which topics
 * carry numbers), so that a KafkaUser can be compared with it and regenerated from it ({@link #yaml()}):
 * <ul>
 * <li>a writer: Write and Describe on the topic; campaign systems are writers of send-requests and nothing else;</li>
 * <li>a reader: Read and Describe on the topic, Read on its consumer group (named after the service, except
 * {@link #GROUPS}) unless it reads without a group; a service dead-letters what it consumes with a group: Write and Describe on
 * {@code <topic>-dlt} (audit-service never dead-letters, it reads every dead-letter topic in its own group);</li>
 * <li>retention-service: DescribeConfigs and AlterConfigs on the topics that carry numbers and their dead-letter
 * topics (TopicRetentionGuard keeps their retention within policy).</li>
 * </ul>
 * Topic creation needs no ACL: Strimzi's topic operator creates the topics from the KafkaTopic resources.
 */
final class KafkaAcls {

    /** Users of the cluster: the four services and the campaign systems outside the suite. */
    static final List<String> PRINCIPALS = List.of(Services.CONSENT, Services.GATEWAY, Services.RETENTION,
            Services.AUDIT, Services.CAMPAIGN_SYSTEMS);
    static final String AUDIT_DEAD_LETTER_GROUP = Services.AUDIT + "-dead-letters";
    /**
     * Consumer groups that are not the service's name: the gateway's listeners have ids and no groupId, so
     * spring-kafka uses the id as the group (SendListener.ID, ErasureListener).
     */
    static final Map<String, Map<String, String>> GROUPS = Map.of(Services.GATEWAY,
            Map.of(Topics.SEND_REQUESTS.name(), "send-requests", Topics.RETENTION_COMMANDS.name(), "gateway-retention"));

    /** One resource of one user's ACLs with its operations, as Strimzi's KafkaUser lists them. */
    record Acl(String type, String name, Set<String> operations) {
    }

    private KafkaAcls() {
    }

    /** principal -> resource ("topic:name", "group:name") -> operations. */
    static Map<String, Map<String, Set<String>>> expected() {
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
            if (topic.carriesPersonalData()) {
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

    /** The lines docker-compose.yml's kafka-init must hold: one {@code acl <principal> <type> <name> <operations>} each. */
    static String composeLines() {
        StringBuilder out = new StringBuilder();
        expected().forEach((principal, resources) -> resources.forEach((resource, operations) -> out.append("acl ")
                .append(principal).append(' ').append(resource.replace(':', ' ')).append(' ')
                .append(String.join(",", operations)).append('\n')));
        return out.toString();
    }

    /** The .env variable holding a principal's Kafka password in docker compose. */
    static String composePasswordVariable(String principal) {
        return principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_KAFKA_PASSWORD";
    }

    /** k8s/base/kafka-users.yaml as the catalog says it must be (the test prints it when they differ). */
    static String yaml() {
        StringBuilder out = new StringBuilder("""
                # Strimzi KafkaUser resources: one principal per service and one for the campaign systems, SCRAM-SHA-512,
                # each allowed exactly what the io.consentflow.schemas.Topics catalog says (writers, readers, dead-letter
                # topics). Generated from the catalog: KafkaUserTests compares this file with it and prints it when they
                # differ. Strimzi stores each user's password and sasl.jaas.config in a Secret named after the user.
                """);
        expected().forEach((principal, resources) -> {
            out.append("---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaUser\nmetadata:\n  name: ")
                    .append(principal).append("\n  labels:\n    strimzi.io/cluster: consentflow-kafka\n")
                    .append("    app.kubernetes.io/part-of: consentflow\nspec:\n  authentication:\n")
                    .append("    type: scram-sha-512\n  authorization:\n    type: simple\n    acls:\n");
            resources.forEach((resource, operations) -> {
                String[] parts = resource.split(":", 2);
                out.append("      - resource:\n          type: ").append(parts[0]).append("\n          name: ")
                        .append(parts[1]).append("\n          patternType: literal\n        operations: [")
                        .append(String.join(", ", operations)).append("]\n        host: \"*\"\n");
            });
        });
        return out.toString();
    }
}
