package io.jnetdev.benchmarks.e1000e;

import io.jnetdev.benchmarks.RxProblems;

/**
 * A fixed amount of work on the {@link E1000eRxBench} receive path, for instruction counting and
 * sampling profiles where wall-clock JMH is too noisy: {@code warmup} bursts, then {@code bursts}
 * bursts of {@value E1000eRxPathBenchmark#BURST} frames, then the virtual time and counters the run
 * ended with (so two builds can be shown to do the same simulated work).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.jnetdev.benchmarks.e1000e.E1000eRxProfile 20000 100000
 * }</pre>
 *
 * Instructions per frame: run it under {@code valgrind --tool=callgrind} twice with the same
 * warm-up and two burst counts, and divide the difference in instructions by the difference in frames.
 */
public final class E1000eRxProfile {
    private E1000eRxProfile() {
    }

    /** Arguments: warm-up bursts, measured bursts, optionally frame size (60) and InterruptThrottleRate (3). */
    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int bursts = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int frameSize = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String itr = args.length > 3 ? args[3] : "3";
        E1000eRxBench bench = E1000eRxBench.create(E1000eRxPathBenchmark.SEED, itr, frameSize);
        for (int i = 0; i < warmup; i++) {
            bench.burst(E1000eRxPathBenchmark.BURST);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < bursts; i++) {
            bench.burst(E1000eRxPathBenchmark.BURST);
        }
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long frames = (long) bursts * E1000eRxPathBenchmark.BURST;
        RxProblems.requireNone("e1000e receive profile", E1000eRxPathBenchmark.SEED, bench.problems());
        System.out.printf("frames %d in %.3f s: %.2f M frames/s wall clock, %.1f ns of this thread's CPU time a frame%n",
                frames, elapsed / 1e9, frames * 1e3 / Math.max(1, elapsed), (double) cpu / Math.max(1, frames));
        System.out.printf("virtual now %d ns, delivered %d, %n%s", bench.machine().engine().now(),
                bench.delivered(), bench.machine().procInterrupts());
    }
}
