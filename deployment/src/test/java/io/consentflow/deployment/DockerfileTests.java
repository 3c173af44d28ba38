package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One image per deployable: multi-stage, layered Spring Boot jar, JRE runtime, non-root user, health check. */
class DockerfileTests {

    private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
            "application");

    static Stream<Arguments> deployables() {
        return ServiceContract.allDeployables().stream().map(s -> Arguments.of(s.name(), s.port()));
    }

    private static Dockerfile dockerfile(String module) {
        return Dockerfile.parse(Repo.read(module + "/Dockerfile"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void isMultiStageAndExtractsTheLayeredJarInTheBuilder(String module, int port) {
        Dockerfile dockerfile = dockerfile(module);
        assertThat(dockerfile.stages()).as("%s stages", module).hasSizeGreaterThanOrEqualTo(2);
        Dockerfile.Stage builder = dockerfile.stages().get(0);
        assertThat(builder.alias()).isEqualTo("builder");
        assertThat(builder.arguments("ARG")).contains("JAR_FILE=target/" + module + "-0.1.0-SNAPSHOT.jar");
        assertThat(builder.arguments("RUN")).anySatisfy(run -> assertThat(run)
                .contains("java -Djarmode=tools -jar application.jar extract")
                .contains("--layers").contains("--launcher").contains("--destination extracted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void runtimeIsAJreThatCopiesTheLayersInOrderAndRunsTheLauncher(String module, int port) {
        Dockerfile.Stage runtime = dockerfile(module).runtime();
        assertThat(runtime.from()).as("%s runtime base", module).contains("-jre").doesNotContain("jdk")
                .doesNotEndWith(":latest");
        List<String> copies = runtime.arguments("COPY");
        assertThat(copies).as("%s copies the four layers, least volatile first", module).containsExactlyElementsOf(
                LAYERS.stream().map(layer -> "--from=builder /builder/extracted/" + layer + "/ ./").toList());
        assertThat(runtime.arguments("ENTRYPOINT")).containsExactly(
                "[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        assertThat(runtime.arguments("EXPOSE")).containsExactly(String.valueOf(port));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void runsAsANumericNonRootUserWithAHealthCheckOnReadiness(String module, int port) {
        Dockerfile.Stage runtime = dockerfile(module).runtime();
        List<String> users = runtime.arguments("USER");
        assertThat(users).as("%s USER", module).isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        // numeric, so Kubernetes' runAsNonRoot can verify it; and the Deployments use the same id
        assertThat(user).matches("[0-9]+");
        assertThat(Integer.parseInt(user)).isEqualTo(10001);
        int userIndex = runtime.instructions().indexOf(runtime.instructions().stream()
                .filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow());
        assertThat(runtime.instructions().subList(userIndex, runtime.instructions().size()))
                .as("nothing runs as root after USER").noneMatch(i -> i.keyword().equals("RUN"));
        assertThat(runtime.arguments("HEALTHCHECK")).singleElement().asString()
                .contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    @Test
    void parserJoinsContinuationLinesAndRefusesInstructionsBeforeFrom() {
        Dockerfile parsed = Dockerfile.parse("""
                # comment
                ARG VERSION=1
                FROM eclipse-temurin:17-jre AS builder
                RUN echo a \\
                 && echo b
                FROM eclipse-temurin:17-jre
                USER 10001
                """);
        assertThat(parsed.stages()).hasSize(2);
        assertThat(parsed.stages().get(0).arguments("RUN")).containsExactly("echo a  && echo b");
        assertThat(parsed.runtime().arguments("USER")).containsExactly("10001");
        assertThatThrownBy(() -> Dockerfile.parse("RUN rm -rf /\nFROM x")).isInstanceOf(IllegalArgumentException.class);
    }
}
