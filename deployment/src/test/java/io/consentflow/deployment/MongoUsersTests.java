package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Least privilege in MongoDB: one user per service, and audit-service's may only read and append. */
class MongoUsersTests {

    private static final String SCRIPT = "k8s/base/mongodb/create-users.js";

    @Test
    void auditServiceMayOnlyFindAndInsertOnItsDatabase() {
        String script = Repo.read(SCRIPT);
        Matcher actions = Pattern.compile("actions: \\[([^]]*)]").matcher(script);
        assertThat(actions.find()).isTrue();
        List<String> granted = Arrays.stream(actions.group(1).split(",")).map(a -> a.strip().replace("'", "")).toList();
        assertThat(granted).containsExactlyInAnyOrder("find", "insert", "listCollections", "listIndexes",
                "createCollection", "createIndex");
        assertThat(actions.find()).as("one custom role only").isFalse();
        assertThat(script).contains("resource: { db: 'audit', collection: '' }")
                .contains("{ env: 'AUDIT_SERVICE_MONGODB_URI', roles: [{ role: APPEND_ONLY_ROLE, db: 'admin' }, "
                        + "{ role: 'readWrite', db: 'audit_keys' }] }");
    }

    /** The key rings (consent's data keys, audit's contacts' salts) are databases apart, each for its one service. */
    @Test
    void theKeyRingsAreDatabasesOfTheirOwnWritableOnlyByTheirService() {
        String script = Repo.read(SCRIPT);
        assertThat(script).contains("{ env: 'CONSENT_SERVICE_MONGODB_URI', roles: [{ role: 'readWrite', db: 'consent' }, "
                + "{ role: 'readWrite', db: 'consent_keys' }] }");
        assertThat(script.split("db: 'consent_keys'", -1)).as("granted once").hasSize(2);
        assertThat(script.split("db: 'audit_keys'", -1)).as("granted once").hasSize(2);
    }

    /** service -> database its user may write, as granted by the script. */
    private static Map<String, String> grantedDatabases() {
        Matcher matcher = Pattern.compile("env: '([A-Z_]+)_MONGODB_URI', roles: \\[\\{ role: '?([A-Za-z_]+)'?, db: '([a-z]+)'")
                .matcher(Repo.read(SCRIPT));
        Map<String, String> databases = new java.util.TreeMap<>();
        while (matcher.find()) {
            String service = matcher.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            databases.put(service, "APPEND_ONLY_ROLE".equals(matcher.group(2)) ? "audit" : matcher.group(3));
        }
        return databases;
    }

    @Test
    void everyServiceHasItsOwnUserOnTheDatabaseItIsConfiguredFor() {
        Map<String, String> granted = grantedDatabases();
        assertThat(granted.keySet()).containsExactlyInAnyOrderElementsOf(
                ServiceContract.SERVICES.stream().map(ServiceContract::name).toList());
        granted.forEach((service, database) -> {
            assertThat(ComposeFile.environment(service)).as("compose " + service)
                    .containsEntry("MONGODB_DATABASE", database);
            assertThat(ComposeFile.environment(service).get("MONGODB_URI")).startsWith("mongodb://" + service + ":");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubernetesServicesUseTheDatabaseTheirUserMayWriteAndTheJobReadsTheirUris(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        Map<String, String> granted = grantedDatabases();
        for (Deployment deployment : manifests.ofType(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            if (granted.containsKey(name)) {
                Map<String, EnvVar> env = EnvironmentContractTests.mainContainer(deployment).getEnv().stream()
                        .collect(Collectors.toMap(EnvVar::getName, e -> e));
                assertThat(env.get("MONGODB_DATABASE").getValue()).as(name).isEqualTo(granted.get(name));
                assertThat(env.get("MONGODB_URI").getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo(name + "-secrets");
            }
        }
        Job job = manifests.ofType(Job.class).stream().filter(j -> j.getMetadata().getName().equals("mongodb-users"))
                .findFirst().orElseThrow();
        Map<String, String> jobUris = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().endsWith("_MONGODB_URI"))
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef().getName()));
        granted.keySet().forEach(service -> assertThat(jobUris).containsEntry(
                service.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_MONGODB_URI", service + "-secrets"));
        assertThat(manifests.configMap("consentflow-mongodb-users-script").getData().get("create-users.js"))
                .isEqualTo(Repo.read(SCRIPT));
    }
}
