package io.jnetdev.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import org.junit.jupiter.api.Test;

/**
 * Work a driver does from outside the CPUs' events (a probe's busy-wait) leaves its CPU's clock
 * ahead of the engine; {@link Machine#waitForCpus} runs the machine until the engine has caught up.
 */
class WaitForCpusTest {
    private static final long MS = 1_000_000L;

    @Test
    void aBusyWaitOutsideAnyEventLeavesTheCpuAheadUntilTheMachineWaitsForIt() {
        Machine m = Machines.booted(MachineConfig.builder().cpus(2).seed(5));
        m.waitForCpus(); // whatever boot left
        Cpu cpu1 = m.cpus().get(1);
        long start = m.engine().now();
        m.cpus().runOn(cpu1, ExecContext.TASK, () -> m.cpus().charge(3 * MS)); // mdelay(3) in a probe
        assertThat(cpu1.localTime()).as("seed 5").isEqualTo(start + 3 * MS);
        assertThat(m.engine().now()).as("seed 5: nothing was due, so the engine stayed behind").isEqualTo(start);

        m.waitForCpus();
        assertThat(m.engine().now()).as("seed 5").isEqualTo(cpu1.localTime());
        long caughtUp = m.engine().now();
        m.waitForCpus();
        assertThat(m.engine().now()).as("seed 5: idle CPUs, nothing to wait for").isEqualTo(caughtUp);
    }
}
