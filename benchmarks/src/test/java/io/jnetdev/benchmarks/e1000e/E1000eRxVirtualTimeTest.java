package io.jnetdev.benchmarks.e1000e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.CpuTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The receive path's speed-ups must not move virtual time: the same seed gives the same clock and
 * the same CPU accounting, to the nanosecond, as before them. The figures were recorded on main at
 * 3cdac35 (before the e1000e-perf work) from 200 bursts of 64 frames of 60 bytes, seed 1; a change
 * to the cost model or to what the path charges changes them on purpose, and then this test is
 * where the new figures are recorded.
 */
class E1000eRxVirtualTimeTest {
    private static final int BURSTS = 200;

    @ParameterizedTest(name = "InterruptThrottleRate={0}")
    @CsvSource({
        "3, 3042113862, 3042115712",
        "0, 3037709400, 3037710250",
    })
    void twoHundredBurstsEndAtTheRecordedVirtualTime(String itr, long engineNow, long cpu0LocalTime) {
        E1000eRxBench bench = E1000eRxBench.create(E1000eRxPathBenchmark.SEED, itr, 60);
        for (int i = 0; i < BURSTS; i++) {
            bench.burst(E1000eRxPathBenchmark.BURST);
        }
        Cpu cpu0 = bench.machine().cpus().get(0);
        Cpu cpu1 = bench.machine().cpus().get(1);
        assertThat(bench.machine().engine().now()).as("engine clock, ITR %s", itr).isEqualTo(engineNow);
        assertThat(cpu0.localTime()).as("cpu0 clock, ITR %s", itr).isEqualTo(cpu0LocalTime);
        assertThat(cpu0.busyNanos(CpuTime.TASK)).as("cpu0 task time").isEqualTo(116_200L);
        assertThat(cpu0.busyNanos(CpuTime.HARDIRQ)).as("cpu0 hard-IRQ time").isEqualTo(608_250L);
        assertThat(cpu0.busyNanos(CpuTime.SOFTIRQ)).as("cpu0 softirq time").isEqualTo(15_037_900L);
        assertThat(cpu0.busyNanos(CpuTime.KSOFTIRQD)).as("cpu0 ksoftirqd time").isZero();
        assertThat(cpu1.localTime()).as("cpu1 never ran").isZero();
        assertThat(bench.delivered()).isEqualTo((long) BURSTS * E1000eRxPathBenchmark.BURST);
        assertThat(bench.machine().procInterrupts()).containsPattern("24:\\s+402\\s+0\\s+PCI-MSIX");
        assertThat(bench.problems()).isEmpty();
    }

    @Test
    void twoMachinesWithTheSameSeedAgree() {
        E1000eRxBench a = E1000eRxBench.create(7, "3", 60);
        E1000eRxBench b = E1000eRxBench.create(7, "3", 60);
        for (int i = 0; i < 50; i++) {
            a.burst(E1000eRxPathBenchmark.BURST);
            b.burst(E1000eRxPathBenchmark.BURST);
            assertThat(a.machine().engine().now()).as("after burst %d", i).isEqualTo(b.machine().engine().now());
        }
        assertThat(a.machine().cpus().get(0).busyNanos(CpuTime.SOFTIRQ))
                .isEqualTo(b.machine().cpus().get(0).busyNanos(CpuTime.SOFTIRQ)).isPositive();
    }
}
