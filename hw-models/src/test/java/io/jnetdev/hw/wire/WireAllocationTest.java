package io.jnetdev.hw.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-frame paths allocate nothing: a generator (size mix, bursts, bad frames) into a cable into a
 * port, measured with the JVM's per-thread allocation counter after a warm-up run.
 */
class WireAllocationTest {
    private static final long GBIT = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Runs 40 ms of traffic (20,000 frames) through a fresh generator into {@code cable}; returns the frames. */
    private static long run(ManualWire wire, Cable cable) {
        TrafficGenerator g = TrafficGenerator.builder(wire, cable.aToB()).fps(500_000).sizeMix(FrameSizeMix.of(
                new FrameSizeMix.Entry(60, 3), new FrameSizeMix.Entry(128, 1))).badFrames(BadFrameMix.everyNth(7))
                .burst(4).lineRate(GBIT).minTickNanos(1).durationNanos(40 * MS).build();
        g.start();
        long before = allocatedBytes();
        wire.runUntil(wire.now + 50 * MS);
        long allocated = allocatedBytes() - before;
        assertThat(g.done()).isTrue();
        lastAllocated = allocated;
        return g.offered();
    }

    private static long lastAllocated;

    @Test
    void generatorCableAndPortAllocateNothingPerFrame() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(mx.isThreadAllocatedMemorySupported()).as("this JVM cannot count allocated bytes per thread").isTrue();
        ManualWire wire = new ManualWire();
        FakePort a = new FakePort("a", 1, GBIT);
        FakePort b = new FakePort("b", 2, GBIT);
        Cable cable = Cable.connect(wire, a, b);
        for (int i = 0; i < 5; i++) {
            run(wire, cable); // warm-up: let the JIT compile the paths
        }
        long frames = run(wire, cable);
        assertThat(frames).isEqualTo(20_000);
        assertThat(cable.aToB().overruns()).isZero();
        // one object per frame would be at least 16 bytes per frame; what remains below 1 byte per frame
        // is fixed overhead of the measurement (a few hundred bytes), not the frames
        assertThat((double) lastAllocated / frames).as("bytes allocated per frame (%d bytes for %d frames)",
                lastAllocated, frames).isLessThan(1.0);
    }
}
