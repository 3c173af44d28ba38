package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Strimzi Kafka cluster authenticates every client on its only listener (TLS, SCRAM-SHA-512) and authorizes every
 * request, and every service connects to that listener as its own KafkaUser (whose ACLs are the catalog's,
 * {@link KafkaUserTests}) through the standard spring.kafka.* settings, trusting the cluster CA.
 */
class KafkaClientSecurityTests {

    static final String CLUSTER = "consentflow-kafka";

    @SuppressWarnings("unchecked")
    static Map<String, Object> tlsListener(Manifests manifests) {
        List<GenericKubernetesResource> clusters = manifests.ofKind("Kafka");
        assertThat(clusters).as("%s: one Kafka cluster", manifests).singleElement()
                .satisfies(kafka -> assertThat(kafka.getMetadata().getName()).isEqualTo(CLUSTER));
        Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) clusters.get(0).get("spec"))
                .get("kafka");
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) kafka.get("listeners");
        assertThat(listeners).as("%s: one client listener", manifests).singleElement();
        return listeners.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    @SuppressWarnings("unchecked")
    void theClusterRunsOnKraftNodePoolsAuthenticatesEveryClientAndAuthorizesEveryRequest(String variant) {
        Manifests manifests = Manifests.of(variant);
        Map<String, Object> listener = tlsListener(manifests);
        assertThat(listener).containsEntry("tls", true).containsEntry("type", "internal");
        assertThat((Map<String, Object>) listener.get("authentication")).containsEntry("type", "scram-sha-512");

        GenericKubernetesResource cluster = manifests.ofKind("Kafka").get(0);
        assertThat(cluster.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(cluster.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        Map<String, Object> spec = cluster.get("spec");
        Map<String, Object> kafka = (Map<String, Object>) spec.get("kafka");
        assertThat((Map<String, Object>) kafka.get("authorization")).containsEntry("type", "simple")
                .doesNotContainKey("superUsers");
        assertThat(((Map<String, Object>) kafka.get("config")).get("auto.create.topics.enable")).isEqualTo(false);
        assertThat((Map<String, Object>) spec.get("entityOperator")).containsKeys("topicOperator", "userOperator");

        int brokers = 0;
        boolean controllers = false;
        for (GenericKubernetesResource pool : manifests.ofKind("KafkaNodePool")) {
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", CLUSTER);
            Map<String, Object> poolSpec = pool.get("spec");
            List<String> roles = (List<String>) poolSpec.get("roles");
            int replicas = ((Number) poolSpec.get("replicas")).intValue();
            brokers += roles.contains("broker") ? replicas : 0;
            controllers |= roles.contains("controller") && replicas >= 3;
        }
        assertThat(brokers).as("brokers for replicas 3 and min.insync.replicas 2").isGreaterThanOrEqualTo(3);
        assertThat(controllers).as("a KRaft quorum of at least 3 controllers").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everyServiceUsesSaslSslToTheTlsListenerAsItsOwnUserTrustingTheClusterCa(String variant) {
        Manifests manifests = Manifests.of(variant);
        String bootstrap = CLUSTER + "-kafka-bootstrap:" + tlsListener(manifests).get("port");
        Map<String, Map<String, java.util.Set<String>>> users = KafkaUserTests.deployed(variant);
        SoftAssertions softly = new SoftAssertions();
        for (ServiceContract service : ServiceContract.SERVICES) {
            String at = variant + "/" + service.name();
            Deployment deployment = manifests.deployment(service.name()).orElseThrow();
            Container container = EnvironmentContractTests.mainContainer(deployment);
            softly.assertThat(value(manifests, container, "KAFKA_BOOTSTRAP_SERVERS")).as(at).isEqualTo(bootstrap);
            softly.assertThat(value(manifests, container, ServiceContract.KAFKA_SECURITY_PROTOCOL)).as(at)
                    .isEqualTo("SASL_SSL");
            softly.assertThat(value(manifests, container, ServiceContract.KAFKA_SASL_MECHANISM)).as(at)
                    .isEqualTo("SCRAM-SHA-512");
            softly.assertThat(value(manifests, container, ServiceContract.KAFKA_ADMIN_AUTO_CREATE)).as(at)
                    .isEqualTo("false");

            var jaas = env(container, ServiceContract.KAFKA_SASL_JAAS_CONFIG).getValueFrom().getSecretKeyRef();
            softly.assertThat(jaas.getName()).as("%s logs in as its own KafkaUser", at).isEqualTo(service.name());
            softly.assertThat(jaas.getKey()).as(at).isEqualTo("sasl.jaas.config");
            softly.assertThat(users.get(service.name())).as("%s: its KafkaUser has the catalog's ACLs", at)
                    .isEqualTo(KafkaAcls.expected().get(service.name()));

            softly.assertThat(value(manifests, container, ServiceContract.KAFKA_TRUST_STORE_TYPE)).as(at)
                    .isEqualTo("PEM");
            String location = value(manifests, container, ServiceContract.KAFKA_TRUST_STORE_LOCATION);
            softly.assertThat(location).as(at).startsWith("file:/");
            String file = location.substring("file:".length());
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            VolumeMount mount = container.getVolumeMounts().stream()
                    .filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(at + ": " + file + " is on no mounted volume"));
            softly.assertThat(mount.getReadOnly()).as("%s trust store mount read-only", at).isTrue();
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow();
            softly.assertThat(volume.getSecret()).as("%s trust store from the cluster CA Secret", at).isNotNull();
            if (volume.getSecret() != null) {
                softly.assertThat(volume.getSecret().getSecretName()).as(at).isEqualTo(CLUSTER + "-cluster-ca-cert");
                softly.assertThat(volume.getSecret().getItems()).as("%s only the CA certificate", at).singleElement()
                        .satisfies(item -> {
                            assertThat(item.getKey()).isEqualTo("ca.crt");
                            assertThat(mount.getMountPath() + "/" + item.getPath()).isEqualTo(file);
                        });
            }
        }
        softly.assertAll();
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not set " + name));
    }

    private static String value(Manifests manifests, Container container, String name) {
        return EnvironmentContractTests.resolve(manifests, env(container, name));
    }
}
