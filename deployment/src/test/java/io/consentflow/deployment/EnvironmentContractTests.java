package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every environment variable a service reads is provided, secrets only from .env / Kubernetes Secrets. */
class EnvironmentContractTests {

    /** The previous secrets of a rotation window: empty (compose) or absent (Kubernetes) unless rotating. */
    private static final Set<String> ROTATION_PREVIOUS = Set.of("WHATSAPP_APP_SECRET_PREVIOUS",
            "CONSENTFLOW_PREVIOUS_MASTER_KEYS");

    @Test
    void placeholderScanTellsVariablesWithAndWithoutDefault() {
        Map<String, Boolean> found = new HashMap<>();
        ServiceContract.scan("""
                a: ${NO_DEFAULT}
                b: ${WITH_DEFAULT:local}
                c: ${EMPTY_DEFAULT:}
                d: ${lower.case.property}
                e: ${WITH_DEFAULT}
                """, found);
        assertThat(found).containsOnly(Map.entry("NO_DEFAULT", false), Map.entry("WITH_DEFAULT", false),
                Map.entry("EMPTY_DEFAULT", true));
    }

    @Test
    void requiredVariablesIncludeSecretsThatHaveADevelopmentDefault() {
        ServiceContract consent = ServiceContract.SERVICES.get(0);
        // consent-service reads the pepper as ${CONSENTFLOW_PEPPER:<development default>}: still required
        assertThat(consent.placeholders()).containsKeys("CONSENTFLOW_PEPPER", "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI");
        assertThat(consent.required()).contains("CONSENTFLOW_PEPPER", "CONSENTFLOW_MASTER_KEY", "MONGODB_URI");
        assertThat(ServiceContract.isSecretName("SOME_NEW_API_TOKEN")).isTrue();
        assertThat(ServiceContract.isSecretName("WHATSAPP_API_VERSION")).isFalse();
    }

    @Test
    void composeProvidesEveryVariableEachServiceReads() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceContract service : ServiceContract.allDeployables()) {
            Map<String, String> environment = ComposeFile.environment(service.name());
            softly.assertThat(environment.keySet()).as("compose %s provides", service.name())
                    .containsAll(service.required());
            softly.assertThat(service.known()).as("compose %s sets only variables it reads", service.name())
                    .containsAll(environment.keySet());
            if (service.needsJwt()) {
                softly.assertThat(environment).as("compose %s staff-token key", service.name())
                        .containsAnyOf(Map.entry(ServiceContract.JWT_SECRET,
                                "${CONSENTFLOW_JWT_SECRET:?run deployment/compose/init-env.sh}"));
            }
            environment.forEach((variable, value) -> {
                if (ServiceContract.isSecretName(variable) || ServiceContract.SECRETS.contains(variable)) {
                    assertSecretComesFromEnvFile(softly, service.name(), variable, value);
                }
            });
        }
        softly.assertAll();
    }

    private static void assertSecretComesFromEnvFile(SoftAssertions softly, String service, String variable,
            String value) {
        String literalPart = ComposeFile.INTERPOLATION.matcher(value).replaceAll("");
        Matcher interpolation = ComposeFile.INTERPOLATION.matcher(value);
        boolean interpolated = interpolation.find();
        softly.assertThat(interpolated).as("compose %s %s is interpolated from .env", service, variable).isTrue();
        if (!interpolated) {
            return;
        }
        if ("MONGODB_URI".equals(variable)) {
            // the URI is assembled, but its password part must be the interpolation
            softly.assertThat(value).as("compose %s MONGODB_URI", service).matches("mongodb://[a-z-]+:\\$\\{[^}]+}@.*");
        } else if (ServiceContract.KAFKA_SASL_JAAS_CONFIG.equals(variable)) {
            // the login module line is assembled too: only its password comes from .env, and it is required
            softly.assertThat(value).as("compose %s %s", service, variable).matches(
                    "org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required"
                            + " username=\"[a-z-]+\" password=\"\\$\\{[A-Z_]+:\\?[^}]+}\";");
        } else {
            softly.assertThat(literalPart).as("compose %s %s has no literal part", service, variable).isEmpty();
            String operator = interpolation.group(2);
            boolean optional = ROTATION_PREVIOUS.contains(variable);
            softly.assertThat(operator).as("compose %s %s: %s", service, variable,
                    optional ? "empty unless rotating" : "required (:?), no default")
                    .isEqualTo(optional ? ":-" : ":?");
        }
    }

    @Test
    void everyRequiredComposeVariableIsListedInEnvExample() {
        Set<String> example = new TreeSet<>();
        for (String line : Repo.read(".env.example").lines().toList()) {
            if (line.matches("[A-Z][A-Z0-9_]*=.*")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        Set<String> interpolated = ComposeFile.interpolations().keySet();
        assertThat(example).as(".env.example lists what docker-compose.yml interpolates").containsAll(interpolated);
        assertThat(interpolated).as("no stale variable in .env.example").containsAll(example);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubernetesProvidesEveryVariableEachServiceReadsWithSecretsFromSecrets(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        SoftAssertions softly = new SoftAssertions();
        List<ServiceContract> deployed = "dev".equals(overlay) ? ServiceContract.allDeployables()
                : ServiceContract.SERVICES;
        for (ServiceContract service : deployed) {
            Deployment deployment = manifests.deployment(service.name())
                    .orElseThrow(() -> new AssertionError(overlay + " has no Deployment " + service.name()));
            Container container = mainContainer(deployment);
            Map<String, EnvVar> env = new HashMap<>();
            container.getEnv().forEach(variable -> env.put(variable.getName(), variable));
            String where = overlay + "/" + service.name();
            softly.assertThat(env.keySet()).as("%s provides", where).containsAll(service.required());
            softly.assertThat(service.known()).as("%s sets only variables it reads", where).containsAll(env.keySet());
            env.values().forEach(variable -> checkSource(softly, manifests, where, variable));
            if (service.needsJwt()) {
                checkJwt(softly, manifests, overlay, where, env);
            }
        }
        softly.assertAll();
    }

    private static void checkSource(SoftAssertions softly, Manifests manifests, String where, EnvVar variable) {
        String name = variable.getName();
        var from = variable.getValueFrom();
        if (ServiceContract.isSecretName(name) || ServiceContract.SECRETS.contains(name)) {
            softly.assertThat(from != null && from.getSecretKeyRef() != null)
                    .as("%s %s comes from a Secret (secretKeyRef)", where, name).isTrue();
            if (from != null && from.getSecretKeyRef() != null) {
                softly.assertThat(Boolean.TRUE.equals(from.getSecretKeyRef().getOptional()))
                        .as("%s %s optional", where, name).isEqualTo(ROTATION_PREVIOUS.contains(name));
            }
        }
        if (from != null && from.getConfigMapKeyRef() != null) {
            ConfigMap configMap = manifests.configMap(from.getConfigMapKeyRef().getName());
            softly.assertThat(configMap.getData()).as("%s %s: ConfigMap %s has the key", where, name,
                    configMap.getMetadata().getName()).containsKey(from.getConfigMapKeyRef().getKey());
        }
    }

    private static void checkJwt(SoftAssertions softly, Manifests manifests, String overlay, String where,
            Map<String, EnvVar> env) {
        String jwkSetUri = resolve(manifests, env.get(ServiceContract.JWT_JWK_SET_URI));
        if ("prod".equals(overlay)) {
            softly.assertThat(jwkSetUri).as("%s verifies staff tokens with the IdP's JWK set", where)
                    .startsWith("https://");
            softly.assertThat(env).as("%s has no shared HMAC secret in production", where)
                    .doesNotContainKey(ServiceContract.JWT_SECRET);
            softly.assertThat(resolve(manifests, env.get("CONSENTFLOW_JWT_ISSUER"))).as("%s issuer", where)
                    .startsWith("https://");
        } else {
            softly.assertThat(env.containsKey(ServiceContract.JWT_SECRET) || !jwkSetUri.isBlank())
                    .as("%s has a JWT secret or a JWK set URI", where).isTrue();
        }
    }

    /** The literal value or the referenced ConfigMap value ("" when absent or from a Secret). */
    static String resolve(Manifests manifests, EnvVar variable) {
        if (variable == null) {
            return "";
        }
        if (variable.getValue() != null) {
            return variable.getValue();
        }
        var ref = variable.getValueFrom() == null ? null : variable.getValueFrom().getConfigMapKeyRef();
        if (ref == null) {
            return "";
        }
        return manifests.configMap(ref.getName()).getData().getOrDefault(ref.getKey(), "");
    }

    static Container mainContainer(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no container named like the Deployment"));
    }
}
