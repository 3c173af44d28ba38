package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deployments, Jobs, Services, PodDisruptionBudgets and HorizontalPodAutoscalers as rendered by each variant. */
class KubernetesWorkloadTests {

    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everyServiceContainerHasProbesResourcesAndALockedDownSecurityContext(String variant) {
        Manifests manifests = Manifests.of(variant);
        SoftAssertions softly = new SoftAssertions();
        List<Deployment> deployments = manifests.ofType(Deployment.class);
        assertThat(deployments).as("%s Deployments", variant).isNotEmpty();
        for (Deployment deployment : deployments) {
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            String where = variant + "/" + deployment.getMetadata().getName();
            checkPod(softly, where, template.getSpec());
            for (Container container : template.getSpec().getContainers()) {
                softly.assertThat(path(container.getLivenessProbe())).as("%s liveness probe", where).isEqualTo(LIVENESS);
                softly.assertThat(path(container.getReadinessProbe())).as("%s readiness probe", where)
                        .isEqualTo(READINESS);
                softly.assertThat(container.getImage()).as("%s image is pinned", where).doesNotEndWith(":latest")
                        .contains(":");
            }
            if (ServiceContract.SERVICES.stream().anyMatch(s -> s.name().equals(deployment.getMetadata().getName()))) {
                softly.assertThat(template.getMetadata().getAnnotations()).as("%s Prometheus scraping", where)
                        .containsEntry("prometheus.io/path", "/actuator/prometheus");
            }
        }
        for (Job job : manifests.ofType(Job.class)) {
            checkPod(softly, variant + "/" + job.getMetadata().getName(), job.getSpec().getTemplate().getSpec());
        }
        softly.assertAll();
    }

    private static void checkPod(SoftAssertions softly, String where, PodSpec pod) {
        softly.assertThat(pod.getAutomountServiceAccountToken()).as("%s automountServiceAccountToken", where).isFalse();
        softly.assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s pod runAsNonRoot", where).isTrue();
        softly.assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as("%s pod seccomp", where)
                .isEqualTo("RuntimeDefault");
        List<Container> containers = new ArrayList<>(pod.getContainers());
        containers.addAll(pod.getInitContainers());
        for (Container container : containers) {
            String at = where + "/" + container.getName();
            Map<String, ?> limits = container.getResources().getLimits();
            Map<String, ?> requests = container.getResources().getRequests();
            softly.assertThat(limits).as("%s limits", at).containsKeys("cpu", "memory");
            softly.assertThat(requests).as("%s requests", at).containsKeys("cpu", "memory");
            SecurityContext security = container.getSecurityContext();
            softly.assertThat(security).as("%s securityContext", at).isNotNull();
            if (security == null) {
                continue;
            }
            softly.assertThat(security.getRunAsNonRoot()).as("%s runAsNonRoot", at).isTrue();
            softly.assertThat(security.getRunAsUser()).as("%s runAsUser", at).isNotNull().isGreaterThan(0L);
            softly.assertThat(security.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", at).isTrue();
            softly.assertThat(security.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", at).isFalse();
            softly.assertThat(security.getCapabilities().getDrop()).as("%s drops capabilities", at).containsExactly("ALL");
            softly.assertThat(security.getCapabilities().getAdd()).as("%s adds no capability", at).isNullOrEmpty();
            softly.assertThat(security.getSeccompProfile().getType()).as("%s seccomp", at).isEqualTo("RuntimeDefault");
            // a read-only root needs a writable /tmp: an emptyDir
            softly.assertThat(container.getVolumeMounts()).as("%s mounts /tmp", at)
                    .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            String tmpVolume = container.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath()))
                    .map(m -> m.getName()).findFirst().orElse("");
            softly.assertThat(pod.getVolumes()).as("%s /tmp is an emptyDir", at)
                    .anySatisfy(v -> {
                        assertThat(v.getName()).isEqualTo(tmpVolume);
                        assertThat(v.getEmptyDir()).isNotNull();
                    });
        }
    }

    private static String path(Probe probe) {
        return probe == null || probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everyServiceSelectsTheDeploymentPodsAndAContainerPort(String variant) {
        Manifests manifests = Manifests.of(variant);
        SoftAssertions softly = new SoftAssertions();
        for (Service service : manifests.ofType(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            String where = variant + "/Service " + service.getMetadata().getName();
            softly.assertThat(selector).as("%s has a selector", where).isNotEmpty();
            List<Deployment> selected = manifests.ofType(Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(selector.entrySet()))
                    .toList();
            softly.assertThat(selected).as("%s selects exactly one Deployment's pods", where).hasSize(1);
            for (Deployment deployment : selected) {
                softly.assertThat(deployment.getSpec().getSelector().getMatchLabels().entrySet())
                        .as("%s: the Deployment's selector matches its own template", where)
                        .isSubsetOf(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet());
                List<ContainerPort> ports = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                        .flatMap(c -> c.getPorts().stream()).toList();
                for (ServicePort port : service.getSpec().getPorts()) {
                    softly.assertThat(ports).as("%s port %s targets a container port", where, port.getName())
                            .anySatisfy(containerPort -> assertThat(matches(port, containerPort)).isTrue());
                }
            }
        }
        softly.assertAll();
    }

    private static boolean matches(ServicePort port, ContainerPort containerPort) {
        var target = port.getTargetPort();
        if (target == null) {
            return port.getPort().equals(containerPort.getContainerPort());
        }
        return target.getStrVal() != null ? target.getStrVal().equals(containerPort.getName())
                : target.getIntVal().equals(containerPort.getContainerPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void autoscalersAndDisruptionBudgetsCoverTheServicesWithinThePartitionCount(String variant) {
        Manifests manifests = Manifests.of(variant);
        int partitions = Topics.ALL.stream().mapToInt(TopicSpec::partitions).min().orElseThrow();
        SoftAssertions softly = new SoftAssertions();
        for (ServiceContract service : ServiceContract.SERVICES) {
            Deployment deployment = manifests.deployment(service.name()).orElseThrow();
            HorizontalPodAutoscaler hpa = manifests.ofType(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service.name())).findFirst()
                    .orElseThrow(() -> new AssertionError(variant + " has no HPA for " + service.name()));
            softly.assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            softly.assertThat(hpa.getSpec().getMaxReplicas()).as("%s %s max replicas <= partitions", variant,
                    service.name()).isLessThanOrEqualTo(partitions);
            // a pod may run several consumers of one group (the gateway's send.consumers, default 3)
            int consumers = EnvironmentContractTests.mainContainer(deployment).getEnv().stream()
                    .filter(env -> env.getName().equals("CONSENTFLOW_GATEWAY_SEND_CONSUMERS")).findFirst()
                    .map(env -> Integer.parseInt(env.getValue()))
                    .orElse(service.name().equals("messaging-gateway") ? 3 : 1);
            softly.assertThat(hpa.getSpec().getMaxReplicas() * consumers).as("%s %s max consumers <= partitions",
                    variant, service.name()).isLessThanOrEqualTo(partitions);
            softly.assertThat(hpa.getSpec().getMinReplicas()).as("%s %s HPA min <= max", variant, service.name())
                    .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            softly.assertThat(deployment.getSpec().getReplicas()).as("%s %s replicas within the HPA range", variant,
                    service.name()).isBetween(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
            softly.assertThat(manifests.ofType(PodDisruptionBudget.class)).as("%s PDB for %s", variant, service.name())
                    .anySatisfy(pdb -> assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()
                            .entrySet()).containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        }
        if ("prod".equals(variant)) {
            manifests.ofType(Deployment.class).forEach(d -> softly.assertThat(d.getSpec().getReplicas())
                    .as("prod %s survives a zone or node loss", d.getMetadata().getName()).isGreaterThanOrEqualTo(3));
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void retentionPolicyFileIsMountedFromTheConfigMap(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        Deployment retention = manifests.deployment("retention-service").orElseThrow();
        Container container = EnvironmentContractTests.mainContainer(retention);
        String file = container.getEnv().stream().filter(e -> e.getName().equals("RETENTION_POLICY_FILE"))
                .findFirst().orElseThrow().getValue();
        var mount = container.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError(file + " is not on a mounted volume"));
        var volume = retention.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertThat(volume.getConfigMap()).as("policy volume is a ConfigMap").isNotNull();
        String key = file.substring(mount.getMountPath().length() + 1);
        assertThat(manifests.configMap(volume.getConfigMap().getName()).getData()).containsKey(key);
        assertThat(manifests.configMap(volume.getConfigMap().getName()).getData().get(key))
                .as("the mounted file is the committed policy file")
                .isEqualTo(Repo.read("k8s/base/config/retention-policies.yml"));
    }
}
