package io.jnetdev.benchmarks.e1000e;

import io.jnetdev.benchmarks.RxProblems;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames per second through the 82574L model and the e1000e reference driver on one thread:
 * port → address filter → extended descriptors by DMA → RXQ0 → MSI-X vector 0 (through EITR) →
 * {@code e1000_intr_msix_rx} → NAPI → {@code e1000e_poll} → skb → {@code netif_receive_skb} → an
 * IPv4 handler that counts (see {@link E1000eRxBench}). One operation is one frame; an invocation
 * is a burst of {@value #BURST} frames (one NAPI weight) and everything the machine does until they
 * are delivered.
 *
 * <p>Wall-clock frames per second of the Java process, with the default cost model running (as in
 * every real run). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is then the bytes
 * allocated per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class E1000eRxPathBenchmark {
    /** Frames per invocation: the driver's NAPI weight. */
    public static final int BURST = 64;
    /** The seed of the machine. */
    public static final long SEED = 1;

    /** Bytes per frame without FCS (60 = a 64-byte frame on the wire). */
    @Param({"60"})
    public int frameSize;

    /** The driver's {@code InterruptThrottleRate}: 3 is its default (dynamic conservative), 0 is off. */
    @Param({"3"})
    public String interruptThrottleRate;

    private E1000eRxBench bench;

    @Setup(Level.Trial)
    public void setUp() {
        bench = E1000eRxBench.create(SEED, interruptThrottleRate, frameSize);
    }

    /** One burst; returns the running delivered count so the work cannot be optimised away. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long rxBurst() {
        return bench.burst(BURST);
    }

    /** Fails the run if any frame was lost or the oracle complained: a fast wrong path is no result. */
    @TearDown(Level.Trial)
    public void tearDown() {
        RxProblems.requireNone("e1000e receive path", SEED, bench.problems());
    }

    /** The state the benchmark runs on, for the smoke test. */
    E1000eRxBench bench() {
        return bench;
    }
}
