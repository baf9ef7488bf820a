package io.jnetdev.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.engine.CpuTime;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.NetBench;
import org.junit.jupiter.api.Test;

/**
 * Mogul & Ramakrishnan's receive livelock, from the default cost model alone: with an interrupt
 * per frame and the old {@code netif_rx} interface, delivered throughput peaks and then collapses
 * as offered load grows, because hard-IRQ work starves the softirq that delivers; NAPI, which masks
 * the interrupt while it polls, holds its peak.
 */
class ReceiveLivelockTest {
    private static final long DURATION = 50_000_000L; // 50 ms of virtual time per point
    private static final long[] OFFERED_FPS = {100_000, 300_000, 500_000, 800_000, 1_200_000, 1_488_095};

    private record Point(long offered, long delivered, long hardirqNanos, long softirqNanos) {
        double deliveredFps() {
            return delivered * 1e9 / DURATION;
        }
    }

    private static Point run(boolean oldInterface, long fps) {
        NetBench b = NetBench.create(MachineConfig.builder().seed(4242).cpus(1), 64);
        b.useNetifRx = oldInterface;
        b.up();
        b.startTraffic(fps, 64, DURATION);
        b.machine.run(DURATION);
        var cpu = b.machine.cpus().get(0);
        assertThat(b.machine.violations().all()).as("seed 4242, %s at %d fps", oldInterface ? "netif_rx" : "NAPI", fps).isEmpty();
        return new Point(b.offered, b.deliveredIpv4(), cpu.busyNanos(CpuTime.HARDIRQ),
                cpu.busyNanos(CpuTime.SOFTIRQ) + cpu.busyNanos(CpuTime.KSOFTIRQD));
    }

    @Test
    void interruptPerFrameCollapsesWhileNapiHoldsItsPeak() {
        double oldPeak = 0;
        double napiPeak = 0;
        Point oldLast = null;
        Point napiLast = null;
        StringBuilder table = new StringBuilder("offered fps | netif_rx delivered | NAPI delivered\n");
        for (long fps : OFFERED_FPS) {
            Point old = run(true, fps);
            Point napi = run(false, fps);
            table.append(String.format("%11d | %18.0f | %14.0f%n", fps, old.deliveredFps(), napi.deliveredFps()));
            oldPeak = Math.max(oldPeak, old.deliveredFps());
            napiPeak = Math.max(napiPeak, napi.deliveredFps());
            oldLast = old;
            napiLast = napi;
        }
        String why = "seed 4242\n" + table;
        // Below saturation both deliver what is offered.
        Point low = run(true, 100_000);
        assertThat(low.deliveredFps()).as(why).isGreaterThan(0.95 * 100_000);
        // The old interface peaks, then falls below half its peak at line rate: livelock.
        assertThat(oldLast.deliveredFps()).as(why).isLessThan(0.5 * oldPeak);
        assertThat(oldLast.hardirqNanos()).as("hard-IRQ time dominates under overload\n" + why)
                .isGreaterThan(oldLast.softirqNanos());
        // NAPI holds above 90% of its peak at line rate.
        assertThat(napiLast.deliveredFps()).as(why).isGreaterThan(0.9 * napiPeak);
        assertThat(napiPeak).as(why).isGreaterThan(oldLast.deliveredFps());
    }
}
