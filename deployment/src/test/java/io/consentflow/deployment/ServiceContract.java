package io.consentflow.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each deployable reads from its environment. Two sources, united: the contract agreed in the deployment issue
 * (variables a service will read even before its code does) and the {@code ${VAR}} / {@code ${VAR:default}}
 * placeholders actually found in the service's application*.yml and, for services on the platform, the shared
 * platform defaults, so the check stays true as services add variables.
 */
record ServiceContract(String name, int port, boolean usesPlatform, Set<String> contractVariables) {

    static final String JWT_SECRET = "CONSENTFLOW_JWT_SECRET";
    static final String JWT_JWK_SET_URI = "CONSENTFLOW_JWT_JWK_SET_URI";

    /** Variables that hold secrets (or, like MONGODB_URI, embed credentials): provided from Secrets, never inline. */
    static final Set<String> SECRETS = Set.of("MONGODB_URI", JWT_SECRET, "CONSENTFLOW_PEPPER", "CONSENTFLOW_MASTER_KEY",
            "CONSENTFLOW_SEND_SIGNING_KEY", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_APP_SECRET_PREVIOUS", "WHATSAPP_VERIFY_TOKEN",
            "AUDIT_SIGNING_KEY", "AUDIT_DIGEST_SALT");

    private static final Pattern SECRET_NAME = Pattern.compile(
            "SECRET|TOKEN|PASSWORD|PEPPER|SALT|MASTER_KEY|SIGNING_KEY|PRIVATE|CREDENTIAL|JAAS");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)([:}])");

    /** The Kafka client's security (spring.kafka.*), which the deployments set for every service's every client. */
    static final String KAFKA_SECURITY_PROTOCOL = "SPRING_KAFKA_SECURITY_PROTOCOL";
    static final String KAFKA_SASL_MECHANISM = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM";
    static final String KAFKA_SASL_JAAS_CONFIG = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG";
    static final String KAFKA_TRUST_STORE_TYPE = "SPRING_KAFKA_SSL_TRUST_STORE_TYPE";
    static final String KAFKA_TRUST_STORE_LOCATION = "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION";
    /** Off wherever the brokers authorize: topics come from the catalog's KafkaTopics / kafka-init, not the services. */
    static final String KAFKA_ADMIN_AUTO_CREATE = "SPRING_KAFKA_ADMIN_AUTO_CREATE";

    /** Read by Spring Boot or the JVM themselves, not through a placeholder. */
    static final Set<String> FRAMEWORK_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS", "HOME",
            KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG, KAFKA_TRUST_STORE_TYPE,
            KAFKA_TRUST_STORE_LOCATION, KAFKA_ADMIN_AUTO_CREATE);

    private static final Set<String> PLATFORM = Set.of("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "MONGODB_DATABASE",
            "KAFKA_REPLICATION_FACTOR", JWT_SECRET, JWT_JWK_SET_URI, "CONSENTFLOW_JWT_ISSUER",
            "SPRING_PROFILES_ACTIVE", "LOG_FORMAT");

    static final List<ServiceContract> SERVICES = List.of(
            new ServiceContract("consent-service", 8081, true,
                    union(PLATFORM, Set.of("CONSENTFLOW_PEPPER", "CONSENTFLOW_MASTER_KEY",
                            "CONSENTFLOW_SEND_SIGNING_KEY"))),
            new ServiceContract("messaging-gateway", 8082, true, union(PLATFORM, Set.of("CONSENTFLOW_PEPPER",
                    "CONSENTFLOW_SEND_SIGNING_KEY", "WHATSAPP_API_BASE_URL", "WHATSAPP_API_VERSION",
                    "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_WABA_ID",
                    "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_APP_SECRET_PREVIOUS",
                    "WHATSAPP_VERIFY_TOKEN"))),
            new ServiceContract("retention-service", 8083, true, union(PLATFORM, Set.of("RETENTION_POLICY_FILE"))),
            new ServiceContract("audit-service", 8084, true,
                    union(PLATFORM, Set.of("AUDIT_SIGNING_KEY", "AUDIT_DIGEST_SALT"))));

    static final ServiceContract SIMULATOR = new ServiceContract("whatsapp-simulator", 8089, false,
            Set.of("WHATSAPP_ACCESS_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_WEBHOOK_URL", "WHATSAPP_PHONE_NUMBER_ID",
                    "WHATSAPP_WABA_ID"));

    /** The DPO's console: no Kafka, no MongoDB, no platform; the identity provider and the four staff APIs. */
    static final ServiceContract CONSOLE = new ServiceContract("staff-console", 8085, false,
            Set.of("CONSENTFLOW_AUTH_ISSUER", "CONSENTFLOW_CONSOLE_CLIENT_ID", "CONSENTFLOW_CONSOLE_CLIENT_SECRET",
                    "CONSENT_URL", "GATEWAY_URL", "RETENTION_URL", "AUDIT_URL"));

    /** The local identity provider: built from the same Dockerfile for compose's console profile, never deployed. */
    static final ServiceContract LOCAL_IDENTITY_PROVIDER = new ServiceContract("local-auth-server", 9000, false,
            Set.of("CONSENTFLOW_AUTH_ISSUER", "CONSENTFLOW_CONSOLE_CLIENT_SECRET", "CONSENTFLOW_LOCAL_STAFF_PASSWORD",
                    "CONSENTFLOW_LOCAL_CLI_SECRET"));

    /** What Kubernetes and compose deploy: the four services, the simulator (dev and compose) and the console. */
    static List<ServiceContract> allDeployables() {
        return Stream.concat(SERVICES.stream(), Stream.of(SIMULATOR, CONSOLE)).toList();
    }

    /** Everything the one Dockerfile builds: every deployable and compose's local identity provider. */
    static List<ServiceContract> allImages() {
        return Stream.concat(allDeployables().stream(), Stream.of(LOCAL_IDENTITY_PROVIDER)).toList();
    }

    /** Placeholders in the configuration files this service loads: name -> has a default. */
    Map<String, Boolean> placeholders() {
        Map<String, Boolean> found = new java.util.TreeMap<>();
        for (Path file : configurationFiles()) {
            scan(Repo.read(file), found);
        }
        return found;
    }

    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]+)}");

    /** Development defaults of secret placeholders in this service's configuration (public, so never deployable). */
    Set<String> secretDefaults() {
        Set<String> defaults = new TreeSet<>();
        for (Path file : configurationFiles()) {
            Matcher matcher = PLACEHOLDER_DEFAULT.matcher(Repo.read(file));
            while (matcher.find()) {
                if (isSecretName(matcher.group(1)) && matcher.group(2).length() >= 8) {
                    defaults.add(matcher.group(2));
                }
            }
        }
        return defaults;
    }

    /** Adds the placeholders of one file; a variable used once without a default counts as without default. */
    static void scan(String text, Map<String, Boolean> found) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.merge(matcher.group(1), matcher.group(2).equals(":"), Boolean::logicalAnd);
        }
    }

    List<Path> configurationFiles() {
        Path resources = Repo.path(name + "/src/main/resources");
        List<Path> files = new java.util.ArrayList<>();
        if (Files.isDirectory(resources)) {
            try (Stream<Path> stream = Files.list(resources)) {
                stream.filter(f -> f.getFileName().toString().matches("application(-[a-z0-9]+)?\\.ya?ml")).sorted()
                        .forEach(files::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (usesPlatform) {
            files.add(Repo.path("platform/src/main/resources/consentflow-platform-defaults.yml"));
        }
        return files;
    }

    /**
     * Must be provided wherever the service runs: the contract, every placeholder without a default (the service
     * cannot start without it), and every placeholder whose name marks a secret (its default is a public
     * development value). The JWT HMAC secret is the one alternative: a JWK set URI replaces it.
     */
    Set<String> required() {
        Set<String> required = new TreeSet<>(contractVariables);
        placeholders().forEach((variable, hasDefault) -> {
            if (!hasDefault || isSecretName(variable)) {
                required.add(variable);
            }
        });
        required.remove(JWT_SECRET);
        required.remove(JWT_JWK_SET_URI);
        return required;
    }

    /** Everything a deployment may set for this service: what it reads, plus the framework's own variables. */
    Set<String> known() {
        Set<String> known = new TreeSet<>(contractVariables);
        known.addAll(placeholders().keySet());
        known.addAll(FRAMEWORK_VARIABLES);
        return known;
    }

    boolean needsJwt() {
        return usesPlatform;
    }

    static boolean isSecretName(String variable) {
        return SECRETS.contains(variable) || SECRET_NAME.matcher(variable).find();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
    }
}
