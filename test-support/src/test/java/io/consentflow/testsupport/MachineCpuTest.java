package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void aBusyThreadShowsAsBusyShareOfTheMachine() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
        var machine = new MachineCpu();
        long end = System.nanoTime() + 300_000_000L;
        double sink = 0;
        while (System.nanoTime() < end) {
            sink += Math.sqrt(sink + 1); // one core busy for 0.3 s
        }
        var shares = machine.percentSince();

        assertThat(sink).isPositive();
        int cores = Runtime.getRuntime().availableProcessors();
        // one busy core of n is 100/n % of the machine, less what the hypervisor took meanwhile; other processes may
        // add to it, never take from it (half of it is the bound, for a CI host's scheduling)
        assertThat(shares.get("busy %")).isBetween(0.0, 100.0);
        assertThat(shares.get("steal %")).isBetween(0.0, 100.0);
        assertThat(shares.get("busy %") + shares.get("steal %")).isGreaterThan(100.0 / cores * 0.5);
    }
}
