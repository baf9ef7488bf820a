package io.jnetdev.benchmarks.rx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.irq.IrqDesc;
import org.junit.jupiter.api.Test;

/**
 * Runs the benchmark's own setup and method a few thousand frames, without JMH, so that a broken
 * path (frames lost, nothing delivered, the oracle complaining) fails the build instead of being
 * measured as fast.
 */
class RxPathBenchmarkSmokeTest {
    private static final int BURSTS = 100;

    @Test
    void everyFrameOfTheBenchmarkReachesTheIpv4Handler() {
        RxPathBenchmark b = new RxPathBenchmark();
        b.frameSize = 64;
        b.setUp();
        long last = 0;
        for (int i = 0; i < BURSTS; i++) {
            last = b.rxBurst();
        }
        RxBench bench = b.bench();
        long seed = RxPathBenchmark.SEED;
        assertThat(last).as("seed %d: frames the handler saw", seed).isEqualTo((long) BURSTS * RxPathBenchmark.BURST);
        assertThat(bench.offered()).as("seed %d: frames offered", seed).isEqualTo(last);
        // 64-byte frames less the 14-byte Ethernet header that eth_type_trans pulled
        assertThat(bench.deliveredBytes()).as("seed %d: payload bytes delivered", seed).isEqualTo(last * (64 - 14));
        assertThat(bench.device().delivered()).as("seed %d: the core's delivered count", seed).isEqualTo(last);
        assertThat(bench.problems()).as("seed %d: problems after %d bursts", seed, BURSTS).isEmpty();
        b.tearDown(); // the benchmark's own check passes too
    }

    @Test
    void eachBurstTakesOneInterruptAndNapiDoesTheRest() throws Exception {
        RxBench bench = RxBench.create(7, null, 64, 64);
        int irq = bench.machine().pci().function("0000:00:03.0").orElseThrow().handle().irqVector(0);
        IrqDesc desc = bench.machine().irqCore().desc(irq);
        long before = desc.totalCount();
        for (int i = 0; i < 10; i++) {
            bench.burst(RxPathBenchmark.BURST);
        }
        assertThat(desc.totalCount() - before).as("seed 7: interrupts for 10 bursts").isEqualTo(10);
        assertThat(bench.delivered()).as("seed 7: delivered").isEqualTo(10L * RxPathBenchmark.BURST);
        assertThat(bench.problems()).as("seed 7").isEmpty();
    }

    @Test
    void aBurstLargerThanTheRingIsPartlyMissedAndCountedNotLost() {
        RxBench bench = RxBench.create(3, null, 64, 64);
        bench.burst(BenchNicDriver.RING_SIZE + 10);
        // the driver gives the hardware RING_SIZE - 1 descriptors: the rest of the burst is missed
        long missed = BenchNicDriver.RING_SIZE + 10 - (BenchNicDriver.RING_SIZE - 1);
        assertThat(bench.missed()).as("seed 3: missed").isEqualTo(missed);
        assertThat(bench.delivered() + bench.missed()).as("seed 3: conservation").isEqualTo(bench.offered());
        assertThat(bench.delivered()).as("seed 3: delivered").isEqualTo(BenchNicDriver.RING_SIZE - 1);
    }
}
