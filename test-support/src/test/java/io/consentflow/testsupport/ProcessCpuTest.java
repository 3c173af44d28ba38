package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

    @Test
    void aCompilerThreadCountsItsUserAndSystemTicksAndAnyOtherThreadNothing(@TempDir Path directory)
            throws Exception {
        // fields 14 and 15 (utime, stime) after a name that itself holds spaces and a parenthesis
        Path compiler = Files.writeString(directory.resolve("compiler"),
                "4242 (C2 CompilerThre) S 1 2 3 0 -1 1077936192 9 0 0 0 150 25 0 0 20 0 40 0 100 0 0\n");
        Path other = Files.writeString(directory.resolve("other"),
                "4243 (VM (Thread) x) S 1 2 3 0 -1 1077936192 9 0 0 0 900 90 0 0 20 0 40 0 100 0 0\n");

        assertThat(ProcessCpu.compilerThreadTicks(compiler)).isEqualTo(175);
        assertThat(ProcessCpu.compilerThreadTicks(other)).isZero();
        assertThat(ProcessCpu.compilerThreadTicks(directory.resolve("ended"))).isZero();
    }

    @Test
    void thisJvmsCompilerThreadsAreFoundAndHaveCompiled() throws Exception {
        Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "Linux only");
        long ticks;
        try (Stream<Path> threads = Files.list(tasks)) {
            ticks = threads.mapToLong(task -> ProcessCpu.compilerThreadTicks(task.resolve("stat"))).sum();
        }
        // starting JUnit alone compiles thousands of methods: well over a clock tick of a C1 or C2 thread
        assertThat(ticks).isPositive();
    }
}
