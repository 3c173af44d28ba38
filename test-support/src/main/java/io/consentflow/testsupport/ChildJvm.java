package io.consentflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One child JVM started by {@link ProcessInfrastructure}: the same {@code java} and the same classpath as this JVM,
 * its own heap and GC, stdout and stderr in {@code <name>.log} of the work directory. The options go in an argument
 * file ({@code java @<name>.args}), so a long test classpath never meets the command-line length limit, and the
 * command can be replayed by hand. Its stdin stays an open pipe: its EOF tells the child that this JVM is gone.
 */
final class ChildJvm {

    /** Marks a child's command line with its role, so CPU figures can name it ({@link ProcessCpu}). */
    static final String ROLE_PROPERTY = "-Dconsentflow.test.infra.child=";
    private static final int TAIL_LINES = 40;
    /** Children log only warnings and errors: their output is for diagnosing a failed start. */
    private static final String CHILD_LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildJvm launch(String name, Path workDir, List<String> jvmOptions, Class<?> mainClass, String... args) {
        Path logback = workDir.resolve("logback-child.xml");
        List<String> lines = new ArrayList<>(jvmOptions);
        lines.add("-D" + ParentWatchdog.PARENT_PID + "=" + ProcessHandle.current().pid());
        lines.add("-D" + ParentWatchdog.WORK_DIR + "=" + workDir);
        lines.add("-Dlogback.configurationFile=" + logback);
        // Under surefire this may be a manifest-only booter jar: its Class-Path entries are honoured by the child too.
        lines.add("-cp");
        lines.add(System.getProperty("java.class.path"));
        lines.add(mainClass.getName());
        lines.addAll(List.of(args));
        Path argFile = workDir.resolve(name + ".args");
        Path log = workDir.resolve(name + ".log");
        try {
            Files.writeString(logback, CHILD_LOGBACK);
            Files.write(argFile, lines.stream().map(ChildJvm::quoted).toList(), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(javaBinary(), ROLE_PROPERTY + name, "@" + argFile)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " child JVM", e);
        }
    }

    Process process() {
        return process;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the first log line containing {@code marker}; fails at once if the child exits. */
    String awaitLine(String marker, Instant deadline) {
        while (true) {
            Optional<String> line = lines().filter(l -> l.contains(marker)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            checkRunning(deadline);
            pause();
        }
    }

    /** Throws with the tail of the log when the child has exited or the deadline has passed. */
    void checkRunning(Instant deadline) {
        if (!process.isAlive()) {
            throw failure("exited with code " + process.exitValue() + " before it was ready");
        }
        if (Instant.now().isAfter(deadline)) {
            throw failure("was not ready in time");
        }
    }

    IllegalStateException failure(String what) {
        List<String> all = lines().toList();
        String tail = String.join("\n", all.subList(Math.max(0, all.size() - TAIL_LINES), all.size()));
        return new IllegalStateException(
                "test infrastructure: the " + name + " child JVM " + what + "; last lines of " + log + ":\n" + tail);
    }

    /** SIGTERM: the child runs its shutdown hooks. */
    void requestStop() {
        process.destroy();
    }

    /**
     * SIGTERM through the process handle, which leaves the child's stdin open: {@link Process#destroy()} closes it at
     * once, and the child's {@link ParentWatchdog} would take that EOF for a dead parent and halt (deleting the work
     * folder) before its shutdown hooks ran. For a stop the infrastructure restarts from.
     */
    void requestGracefulStop() {
        process.toHandle().destroy();
    }

    /** Waits for the exit asked by {@link #requestStop()}, then kills the child if it is still running. */
    void awaitStopped(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test infrastructure", e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp folder is harmless
        }
    }

    private Stream<String> lines() {
        try {
            // The log may hold a partial UTF-8 sequence while the child writes, so decode leniently.
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Argument-file syntax: double quotes, backslash escapes. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
