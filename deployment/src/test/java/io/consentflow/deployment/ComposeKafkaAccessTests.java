package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * docker compose runs Kafka as production does, with authentication and the catalog's ACLs: SASL on every listener,
 * every request authorized, and kafka-init creating one SCRAM user per principal with exactly the ACLs
 * {@link KafkaAcls} derives from the Topics catalog (the same as the KafkaUsers in k8s/); each service connects as
 * its own user.
 */
class ComposeKafkaAccessTests {

    private static final Pattern USER_LINE = Pattern.compile("user ([a-z-]+) \"\\$\\$([A-Z_]+)\"");
    private static final Pattern JAAS_USER = Pattern.compile("username=\"([a-z-]+)\" password=\"\\$\\{([A-Z_]+):\\?");

    @Test
    void everyListenerAuthenticatesAndEveryRequestIsAuthorized() {
        Map<String, String> kafka = ComposeFile.environment("kafka");
        for (String listener : kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            assertThat(listener).as("listener protocol").endsWith(":SASL_PLAINTEXT");
        }
        assertThat(kafka).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME",
                        "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:admin");
        // the clients' listeners take SCRAM; PLAIN (broker, controller, kafka-init) knows the admin and nobody else
        assertThat(kafka.get("KAFKA_LISTENER_NAME_EXTERNAL_SASL_ENABLED_MECHANISMS")).isEqualTo("SCRAM-SHA-512");
        kafka.entrySet().stream().filter(e -> e.getKey().endsWith("_PLAIN_SASL_JAAS_CONFIG")).forEach(e ->
                assertThat(e.getValue()).as(e.getKey()).contains("username=\"admin\"")
                        .containsOnlyOnce("user_").contains("user_admin="));
    }

    @Test
    void kafkaInitCreatesOneUserPerPrincipalWithItsOwnPassword() {
        Map<String, String> users = users();
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(KafkaAcls.PRINCIPALS);
        users.forEach((principal, variable) -> assertThat(variable).as(principal)
                .isEqualTo(KafkaAcls.composePasswordVariable(principal)));
        assertThat(ComposeFile.environment("kafka-init").keySet()).as("kafka-init receives the passwords it sets")
                .containsAll(users.values());
    }

    @Test
    void kafkaInitGrantsEachPrincipalExactlyTheAclsTheCatalogGives() {
        Map<String, Map<String, Set<String>>> granted = new TreeMap<>();
        KafkaAcls.PRINCIPALS.forEach(principal -> granted.put(principal, new TreeMap<>()));
        for (String line : TopicCatalogTests.kafkaInitScript().lines().map(String::strip).toList()) {
            if (line.startsWith("acl ")) {
                String[] words = line.split("\\s+");
                assertThat(words).as(line).hasSize(5);
                assertThat(granted).as("a principal of the catalog: %s", line).containsKey(words[1]);
                granted.get(words[1]).computeIfAbsent(words[2] + ":" + words[3], r -> new TreeSet<>())
                        .addAll(List.of(words[4].split(",")));
            }
        }
        assertThat(granted).as("docker-compose.yml kafka-init acl lines; they should read:%n%s",
                KafkaAcls.composeLines()).isEqualTo(KafkaAcls.expected());
        assertThat(TopicCatalogTests.kafkaInitScript()).as("literal resources only, no prefixes")
                .contains("--resource-pattern-type literal");
    }

    @Test
    void eachServiceConnectsWithSaslAsItsOwnUser() {
        Map<String, String> users = users();
        SoftAssertions softly = new SoftAssertions();
        for (ServiceContract service : ServiceContract.SERVICES) {
            Map<String, String> environment = ComposeFile.environment(service.name());
            softly.assertThat(environment).as(service.name())
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry(ServiceContract.KAFKA_SECURITY_PROTOCOL, "SASL_PLAINTEXT")
                    .containsEntry(ServiceContract.KAFKA_SASL_MECHANISM, "SCRAM-SHA-512")
                    .containsEntry(ServiceContract.KAFKA_ADMIN_AUTO_CREATE, "false");
            Matcher jaas = JAAS_USER.matcher(environment.getOrDefault(ServiceContract.KAFKA_SASL_JAAS_CONFIG, ""));
            softly.assertThat(jaas.find()).as("%s has a SCRAM login", service.name()).isTrue();
            if (jaas.find(0)) {
                softly.assertThat(jaas.group(1)).as("%s logs in as itself", service.name()).isEqualTo(service.name());
                softly.assertThat(jaas.group(2)).as("%s with the password kafka-init gave it", service.name())
                        .isEqualTo(users.get(service.name()));
            }
        }
        softly.assertAll();
    }

    /** principal -> the variable kafka-init sets its password from. */
    private static Map<String, String> users() {
        Map<String, String> users = new TreeMap<>();
        for (String line : TopicCatalogTests.kafkaInitScript().lines().map(String::strip).toList()) {
            Matcher user = USER_LINE.matcher(line);
            if (user.matches()) {
                assertThat(users.put(user.group(1), user.group(2))).as("one user line per principal").isNull();
            }
        }
        return users;
    }
}
