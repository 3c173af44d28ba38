package io.consentflow.testsupport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs inside a child JVM of {@link ProcessInfrastructure}: halts it as soon as the test JVM is gone, even when that
 * JVM was killed with SIGKILL and its shutdown hook never ran, so no broker or wire server outlives its tests. Two
 * signals, either suffices: EOF on stdin (the kernel closes the parent's end of the pipe when the parent dies) and the
 * exit of the parent process.
 */
final class ParentWatchdog {

    static final String PARENT_PID = "consentflow.test.infra.parent-pid";
    static final String WORK_DIR = "consentflow.test.infra.work-dir";

    private ParentWatchdog() {
    }

    static void start() {
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes: anything read is ignored, only EOF matters
                }
            } catch (IOException e) {
                // a broken pipe means the same as EOF
            }
            orphaned();
        }, "parent-watchdog-stdin");
        stdin.setDaemon(true);
        stdin.start();
        Long parentPid = Long.getLong(PARENT_PID);
        if (parentPid != null) {
            ProcessHandle.of(parentPid).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(ParentWatchdog::orphaned), ParentWatchdog::orphaned);
        }
    }

    /** No graceful shutdown: nobody is left to use the data, and the work directory goes with it. */
    private static void orphaned() {
        String dir = System.getProperty(WORK_DIR);
        if (dir != null) {
            ChildJvm.deleteQuietly(Path.of(dir));
        }
        Runtime.getRuntime().halt(0);
    }
}
