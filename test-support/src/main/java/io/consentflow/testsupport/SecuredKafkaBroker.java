package io.consentflow.testsupport;

import io.consentflow.schemas.KafkaAccess;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A second embedded KRaft broker (the same test kit as the default one), started only by the tests that ask for it,
 * that authenticates every client (SASL/PLAIN on the client and controller listeners) and authorizes every request
 * with Kafka's StandardAuthorizer: no ACL, no access. Its users are the principals of {@link KafkaAccess} (the four
 * services and the campaign systems, password {@code <principal>-test-secret}) and an admin (super user); its ACLs
 * are exactly what {@link KafkaAccess#grants()} derives from the Topics catalog, as the KafkaUsers in k8s/ and
 * compose's kafka-init grant them. The admin creates the catalog's topics first, as Strimzi or kafka-init would: the
 * services may not. The default test broker ({@link TestInfrastructure}) stays plaintext and open.
 */
public final class SecuredKafkaBroker {

    /** The test kit's own admin, who is also the broker's identity between its listeners. */
    public static final String ADMIN = JaasUtils.KAFKA_PLAIN_ADMIN;
    private static final String ADMIN_PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;
    private static final Logger log = LoggerFactory.getLogger(SecuredKafkaBroker.class);
    private static volatile SecuredKafkaBroker instance;

    private final String bootstrapServers;

    private SecuredKafkaBroker(KafkaClusterTestKit cluster) {
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /** The one secured broker of this JVM, started at the first call, running until the JVM exits. */
    public static SecuredKafkaBroker get() {
        if (instance == null) {
            synchronized (SecuredKafkaBroker.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Kafka client settings to connect as {@code principal} (one of {@link KafkaAccess#PRINCIPALS} or {@link #ADMIN}). */
    public Map<String, Object> clientSettings(String principal) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, "PLAIN", SaslConfigs.SASL_JAAS_CONFIG, jaas(principal));
    }

    /** The same as a service's Spring Boot properties (spring.kafka.*): how a deployment configures it. */
    public Map<String, Object> springProperties(String principal) {
        return Map.of("spring.kafka.bootstrap-servers", bootstrapServers,
                "spring.kafka.security.protocol", SecurityProtocol.SASL_PLAINTEXT.name,
                "spring.kafka.properties.sasl.mechanism", "PLAIN",
                "spring.kafka.properties.sasl.jaas.config", jaas(principal),
                // topics come from the catalog (here the admin), as in every deployment that authorizes
                "spring.kafka.admin.auto-create", "false");
    }

    /** A test client that connects as {@code principal}. */
    public KafkaTestClient client(String principal) {
        return new KafkaTestClient(clientSettings(principal));
    }

    /**
     * Runs the service under test on this broker as {@code principal}, as a deployment would: its spring.kafka.*
     * settings, no topic creation, and a database of its own on the shared MongoDB endpoint. A test class names it in
     * {@code @ContextConfiguration(initializers = …)} through a subclass that passes its principal.
     */
    public abstract static class AsPrincipal implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private final String principal;

        protected AsPrincipal(String principal) {
            this.principal = principal;
        }

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> properties = new HashMap<>(get().springProperties(principal));
            properties.put("spring.mongodb.uri", TestInfrastructure.get().mongoUri());
            properties.put("spring.mongodb.database", principal + "-on-secured-kafka");
            properties.put("LOG_FORMAT", "");
            properties.put("logging.level.org.apache.kafka", "WARN");
            properties.put("logging.level.kafka", "WARN");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("securedKafka", properties));
        }
    }

    /**
     * Waits until every Kafka listener of the service runs and holds partitions: it joined its consumer group and
     * reads its topics with the ACLs it was given (a listener refused its group or a topic stops or never gets any).
     */
    public static void awaitEveryListenerAssigned(KafkaListenerEndpointRegistry registry, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<String> waiting = List.of();
        while (Instant.now().isBefore(deadline)) {
            waiting = registry.getListenerContainers().stream()
                    .filter(container -> !container.isRunning() || container.getAssignedPartitions() == null
                            || container.getAssignedPartitions().isEmpty())
                    .map(MessageListenerContainer::getListenerId).toList();
            if (waiting.isEmpty() && !registry.getListenerContainers().isEmpty()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("listeners without partitions after " + timeout + ": " + waiting
                + " (of " + registry.getListenerContainers().size() + ")");
    }

    private static String jaas(String principal) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + principal
                + "\" password=\"" + password(principal) + "\";";
    }

    private static String password(String principal) {
        return ADMIN.equals(principal) ? ADMIN_PASSWORD : principal + "-test-secret";
    }

    private static SecuredKafkaBroker start() {
        long started = System.nanoTime();
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build();
        // the client listener knows every principal; the controller listener keeps the kit's admin-only login
        String users = KafkaAccess.PRINCIPALS.stream()
                .map(principal -> "user_" + principal + "=\"" + password(principal) + "\"")
                .collect(Collectors.joining(" "));
        String listener = nodes.brokerListenerName().value().toLowerCase(Locale.ROOT);
        var builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("listener.name." + listener + ".plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                                + "\" password=\"" + ADMIN_PASSWORD + "\" user_" + ADMIN + "=\"" + ADMIN_PASSWORD
                                + "\" " + users + ";")
                .setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .setConfigProp("allow.everyone.if.no.acl.found", "false")
                .setConfigProp("super.users", "User:" + ADMIN)
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1");
        KafkaClusterTestKit cluster;
        try {
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the secured test broker did not start", e);
        }
        // not closed in a shutdown hook of its own: that would race the Spring contexts' hook, whose consumers then
        // wait out their close timeouts on a broker going away (the test kit removes its folders at exit anyway)
        var broker = new SecuredKafkaBroker(cluster);
        broker.createTopicsAndAcls();
        log.info("secured test broker (SASL/PLAIN, StandardAuthorizer, catalog ACLs) at {} ready in {} ms",
                broker.bootstrapServers, (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    private void createTopicsAndAcls() {
        Map<String, Object> adminSettings = new HashMap<>(clientSettings(ADMIN));
        try (Admin admin = Admin.create(adminSettings)) {
            List<NewTopic> topics = Topics.allWithDeadLetters().stream().map(SecuredKafkaBroker::newTopic).toList();
            admin.createTopics(topics).all().get();
            List<AclBinding> bindings = aclBindings();
            admin.createAcls(bindings).all().get();
            // the broker's authorizer learns the ACLs from the metadata log, after the controller acknowledged them:
            // a service started before that is refused its topics and its listener stops for good
            Instant deadline = Instant.now().plusSeconds(30);
            while (admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get().size()
                    < bindings.size()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the broker did not learn the catalog's ACLs within 30 s");
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the catalog's topics and ACLs on the secured broker", e);
        }
    }

    private static NewTopic newTopic(TopicSpec topic) {
        return new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs());
    }

    /** {@link KafkaAccess#grants()} as Kafka ACL bindings: literal resources, allowed from any host. */
    static List<AclBinding> aclBindings() {
        List<AclBinding> bindings = new ArrayList<>();
        KafkaAccess.grants().forEach((principal, resources) -> resources.forEach((resource, operations) -> {
            String[] typeAndName = resource.split(":", 2);
            var pattern = new ResourcePattern(ResourceType.fromString(typeAndName[0]), typeAndName[1],
                    PatternType.LITERAL);
            for (String operation : operations) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + principal, "*",
                        operation(operation), AclPermissionType.ALLOW)));
            }
        }));
        return bindings;
    }

    /** "DescribeConfigs" (as Strimzi and kafka-acls.sh write it) to {@link AclOperation#DESCRIBE_CONFIGS}. */
    static AclOperation operation(String name) {
        AclOperation operation = AclOperation.valueOf(name.replaceAll("([a-z])([A-Z])", "$1_$2")
                .toUpperCase(Locale.ROOT));
        if (operation == AclOperation.UNKNOWN || operation == AclOperation.ANY) {
            throw new IllegalArgumentException("not an ACL operation: " + name);
        }
        return operation;
    }
}
