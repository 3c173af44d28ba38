package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No secret value is committed: not in Secrets, not in ConfigMaps, not anywhere in the deployment files. */
class SecretHygieneTests {

    /** The compose KRaft cluster id: an identifier, not a secret (ComposeTests checks its format). */
    private static final Set<String> NOT_SECRETS = Set.of("Y29uc2VudGZsb3cta3JhZg");
    private static final Pattern SECRET_KEY_NAME = Pattern.compile(
            "(?i)secret|token|password|passwd|pepper|salt|master.?key|signing.?key|private|credential");

    /** Files that deploy the suite; .env.example and the docs may mention the documented development defaults. */
    static List<Path> deploymentFiles() {
        List<Path> files = new ArrayList<>(Repo.filesUnder("k8s"));
        files.add(Repo.path("docker-compose.yml"));
        files.addAll(Repo.filesUnder("deployment/compose"));
        files.addAll(Repo.filesUnder("deployment/k8s"));
        files.add(Repo.path("Dockerfile"));
        return files;
    }

    @Test
    void noDeploymentFileContainsADevelopmentDefaultSecret() {
        SoftAssertions softly = new SoftAssertions();
        List<String> defaults = SecretScanner.developmentDefaults();
        assertThat(defaults).as("development defaults read from DevelopmentSecrets").contains("local-app-secret");
        for (Path file : deploymentFiles()) {
            String text = Repo.read(file);
            for (String value : defaults) {
                softly.assertThat(text).as("%s contains a development default", Repo.relative(file)).doesNotContain(value);
            }
        }
        softly.assertAll();
    }

    @Test
    void noDeploymentFileContainsARandomLookingString() {
        SoftAssertions softly = new SoftAssertions();
        for (Path file : deploymentFiles()) {
            softly.assertThat(SecretScanner.highEntropyTokens(Repo.read(file), NOT_SECRETS))
                    .as("high-entropy strings in %s", Repo.relative(file)).isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void scannerFindsGeneratedSecretsButNotManifestText() {
        assertThat(SecretScanner.highEntropyTokens("key: dXk/oqjSchCkMd11QVIFssKi1Ujaf7bQ/LPDPxPk6ws=", Set.of()))
                .hasSize(1);
        assertThat(SecretScanner.highEntropyTokens("secret: Y5lXXGctyuCnX1yUZ2NNsIVARtRMP1SJbSwedMxgMPC", Set.of()))
                .hasSize(1);
        assertThat(SecretScanner.highEntropyTokens("""
                image: registry.example.eu/consentflow/messaging-gateway:0.1.0
                value: https://login.example.eu/realms/consentflow/protocol/openid-connect/certs
                KAFKA_BOOTSTRAP_SERVERS: consentflow-kafka-kafka-bootstrap:9092
                WHATSAPP_PHONE_NUMBER_ID: "REPLACE-with-your-phone-number-id"
                """, Set.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void noSecretIsDefinedInTheManifests(String variant) {
        List<HasMetadata> secrets = Manifests.of(variant).all().stream()
                .filter(resource -> "Secret".equals(resource.getKind()) || "SealedSecret".equals(resource.getKind()))
                .toList();
        assertThat(secrets).as("%s: Secrets are referenced, created outside the repository", variant).isEmpty();
        for (Path kustomization : Repo.filesUnder("k8s")) {
            if (kustomization.getFileName().toString().equals("kustomization.yaml")) {
                assertThat(Repo.yamlDocument(kustomization)).doesNotContainKey("secretGenerator");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void configMapsHoldNoSecret(String variant) {
        SoftAssertions softly = new SoftAssertions();
        for (ConfigMap configMap : Manifests.of(variant).ofType(ConfigMap.class)) {
            Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
            softly.assertThat(configMap.getBinaryData()).as("%s binaryData", configMap.getMetadata().getName())
                    .isNullOrEmpty();
            data.forEach((key, value) -> {
                String where = variant + "/" + configMap.getMetadata().getName() + "/" + key;
                softly.assertThat(SECRET_KEY_NAME.matcher(key).find()).as("%s: a secret-like key", where).isFalse();
                softly.assertThat(SecretScanner.highEntropyTokens(value, Set.of())).as("%s", where).isEmpty();
                softly.assertThat(value).as("%s: credentials in a URI", where).doesNotContainPattern("://[^/\\s:@]+:[^/\\s@]+@");
            });
        }
        softly.assertAll();
    }
}
