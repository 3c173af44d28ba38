package io.consentflow.deployment;

import io.consentflow.schemas.KafkaAccess;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's Kafka ACLs ({@link KafkaAccess}, where they are derived) in the two forms the deployments hold them:
 * Strimzi KafkaUsers ({@link #yaml()}) and the acl lines of compose's kafka-init ({@link #composeLines()}), printed
 * by the tests when a file differs.
 */
final class KafkaAcls {

    static final List<String> PRINCIPALS = KafkaAccess.PRINCIPALS;

    private KafkaAcls() {
    }

    /** principal -> resource ("topic:name", "group:name") -> operations. */
    static Map<String, Map<String, Set<String>>> expected() {
        return KafkaAccess.grants();
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
