package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one image recipe of every deployable (compose passes SERVICE and PORT): multi-stage, layered Spring Boot jar,
 * JRE runtime with a class-data archive trained in the build, non-root user, health check; and a build context that
 * holds nothing but the jars.
 */
class DockerfileTests {

    private static final String ARCHIVE = "application.jsa";

    private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
            "application");

    static Stream<Arguments> deployables() {
        return ServiceContract.allImages().stream().map(s -> Arguments.of(s.name(), s.port()));
    }

    private static Dockerfile dockerfile(String module) {
        // one recipe; `module` only names the assertion
        return Dockerfile.parse(Repo.read("Dockerfile"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void isMultiStageAndExtractsTheLayeredJarInTheBuilder(String module, int port) {
        Dockerfile dockerfile = dockerfile(module);
        assertThat(dockerfile.stages()).as("%s stages", module).hasSizeGreaterThanOrEqualTo(2);
        Dockerfile.Stage builder = dockerfile.stages().get(0);
        assertThat(builder.alias()).isEqualTo("builder");
        assertThat(builder.arguments("ARG")).contains("SERVICE", "VERSION=0.1.0-SNAPSHOT");
        assertThat(builder.arguments("COPY")).containsExactly(
                "${SERVICE}/target/${SERVICE}-${VERSION}.jar application.jar");
        assertThat(builder.arguments("RUN")).anySatisfy(run -> assertThat(run)
                .contains("java -Djarmode=tools -jar application.jar extract")
                .contains("--layers").contains("--destination extracted")
                // the launcher's nested jars would keep the application's classes out of the class-data archive
                .doesNotContain("--launcher"));
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
                "[\"java\", \"-XX:SharedArchiveFile=" + ARCHIVE + "\", \"-jar\", \"application.jar\"]");
        assertThat(runtime.arguments("ARG")).containsExactly("PORT");
        assertThat(runtime.arguments("EXPOSE")).containsExactly("${PORT}");
        assertThat(ComposeFile.buildArguments(module)).as("%s compose build arguments", module)
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("SERVICE", module, "PORT", String.valueOf(port)));
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
        assertThat(runtime.arguments("ENV")).contains("HEALTHCHECK_PORT=${PORT}");
        assertThat(runtime.arguments("HEALTHCHECK")).singleElement().asString()
                .contains("http://127.0.0.1:${HEALTHCHECK_PORT}/actuator/health/readiness");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void trainsTheClassDataArchiveTheEntrypointUsesWithTheRuntimesFlagsAsRoot(String module, int port) {
        Dockerfile.Stage runtime = dockerfile(module).runtime();
        List<Dockerfile.Instruction> instructions = runtime.instructions();
        int training = indexOf(instructions, "RUN", "-XX:ArchiveClassesAtExit=" + ARCHIVE);
        assertThat(training).as("%s: a RUN writes the archive the ENTRYPOINT maps", module).isNotNegative();
        assertThat(instructions.get(training).arguments())
                .contains("-Dspring.context.exit=onRefresh").contains("-jar application.jar")
                .as("the build fails rather than ship an image without its archive").contains("test -s " + ARCHIVE);
        assertThat(training).as("%s: trained on the copied application, with the JVM flags of the runtime", module)
                .isGreaterThan(lastIndexOf(instructions, "COPY"))
                .isGreaterThan(indexOf(instructions, "ENV", "JAVA_TOOL_OPTIONS="))
                .as("%s: the archive is written before USER (nothing runs as root after it)", module)
                .isLessThan(lastIndexOf(instructions, "USER"));
    }

    private static int indexOf(List<Dockerfile.Instruction> instructions, String keyword, String containing) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword) && instructions.get(i).arguments().contains(containing)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<Dockerfile.Instruction> instructions, String keyword) {
        int last = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword)) {
                last = i;
            }
        }
        return last;
    }

    @Test
    void buildContextAdmitsOnlyTheServicesJars() {
        List<String> rules = Repo.read(".dockerignore").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(rules.get(0)).as("everything is excluded first").isEqualTo("*");
        assertThat(rules.subList(1, rules.size())).containsExactlyInAnyOrderElementsOf(ServiceContract.allImages()
                .stream().map(s -> "!" + s.name() + "/target/" + s.name() + "-*.jar").toList());
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
