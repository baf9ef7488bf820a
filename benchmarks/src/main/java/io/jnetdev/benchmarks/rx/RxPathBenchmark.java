package io.jnetdev.benchmarks.rx;

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
 * Frames per second through the receive path on one thread: device model → DMA into the ring →
 * MSI-X → hard IRQ → NAPI poll → skb → {@code eth_type_trans} → {@code netif_receive_skb} → an
 * IPv4 handler that counts (see {@link RxBench}). One operation is one frame; an invocation is a
 * burst of {@value #BURST} frames, one interrupt and the polls that drain it.
 *
 * <p>This measures the simulator's speed on the host, not virtual time: the machine runs the
 * default cost model (so every charge, clock update and engine catch-up a real run does is in the
 * measurement), but the figures are wall-clock frames per second of the Java process. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is then the bytes allocated per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RxPathBenchmark {
    /** Frames per invocation: one interrupt's worth, the driver's NAPI weight. */
    public static final int BURST = 64;
    /** The seed of the machine. */
    public static final long SEED = 1;

    /** Bytes per frame. */
    @Param({"64"})
    public int frameSize;

    private RxBench bench;

    @Setup(Level.Trial)
    public void setUp() {
        bench = RxBench.create(SEED, null, 64, frameSize);
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
        RxProblems.requireNone("receive path", SEED, bench.problems());
    }

    /** The state the benchmark runs on, for the smoke test. */
    RxBench bench() {
        return bench;
    }
}
