package io.jnetdev.benchmarks.e1000e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the e1000e benchmark's own setup and method for a few thousand frames without JMH, so that a
 * broken path (frames lost or missed, the driver not bound, the oracle complaining) fails the build
 * instead of being measured as fast.
 */
class E1000eRxPathBenchmarkSmokeTest {
    private static final int BURSTS = 100;

    @Test
    void everyFrameOfTheBenchmarkReachesTheIpv4Handler() {
        E1000eRxPathBenchmark b = new E1000eRxPathBenchmark();
        b.frameSize = 60;
        b.interruptThrottleRate = "3";
        b.setUp();
        long last = 0;
        for (int i = 0; i < BURSTS; i++) {
            last = b.rxBurst();
        }
        E1000eRxBench bench = b.bench();
        long seed = E1000eRxPathBenchmark.SEED;
        assertThat(last).as("seed %d: frames the handler saw", seed).isEqualTo((long) BURSTS * E1000eRxPathBenchmark.BURST);
        assertThat(bench.offered()).as("seed %d: frames offered", seed).isEqualTo(last);
        assertThat(bench.device().delivered()).as("seed %d: the core's delivered count", seed).isEqualTo(last);
        assertThat(bench.machine().procInterrupts()).as("seed %d: the bench runs in MSI-X mode", seed).contains("eth0-rx-0");
        assertThat(bench.problems()).as("seed %d: problems after %d bursts", seed, BURSTS).isEmpty();
        b.tearDown(); // the benchmark's own check passes too
    }

    @Test
    void withThrottlingOffTheBenchStillDeliversEverything() {
        E1000eRxBench bench = E1000eRxBench.create(5, "0", 60);
        for (int i = 0; i < 20; i++) {
            bench.burst(E1000eRxPathBenchmark.BURST);
        }
        assertThat(bench.delivered()).as("seed 5: delivered").isEqualTo(20L * E1000eRxPathBenchmark.BURST);
        assertThat(bench.problems()).as("seed 5").isEmpty();
    }
}
