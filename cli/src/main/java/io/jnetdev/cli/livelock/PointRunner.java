package io.jnetdev.cli.livelock;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.CpuTime;
import io.jnetdev.runtime.irq.IrqAction;
import io.jnetdev.runtime.irq.IrqDesc;
import io.jnetdev.runtime.net.Conservation;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures one point: on a fresh {@link PointMachine}, 60-byte frames at the offered rate for the
 * warm-up and the window; then the machine runs on without traffic until every frame offered is
 * delivered or counted, and conservation must hold.
 *
 * <p>The window's counters are read by two engine events at its start and end, not after
 * {@code Machine.run} returns: a CPU that never falls idle (an interrupt taken as the last one
 * ends) keeps the engine inside one event until the load stops, so {@code run} comes back only
 * then. The events run at their virtual instant whatever the CPU is doing, and read only what the
 * core counts (delivered frames, interrupts, CPU time) without calling into the driver. Drops by
 * counter come from the conservation check after the drain, where the driver has harvested its
 * hardware counters: they are averaged over the whole load, warm-up included.
 */
final class PointRunner {
    /** Minimum-size frames: 60 bytes plus the FCS, the classic livelock load. */
    static final int FRAME = 60;
    /** How long the drain may take: 3c59x holds sources hidden for a second after max_interrupt_work trips. */
    static final long DRAIN_LIMIT = 3_000 * PointMachine.MS;

    private final PointBase base;
    private final int cpus;
    private final CostModel costs;
    private final long warmupNanos;
    private final long windowNanos;
    private final Consumer<Machine> booted;
    private final Consumer<Machine> done;

    /**
     * @param booted told of each point's machine once it is up, before the load ({@code --jfr} attaches there)
     * @param done   told when the point's measurement and drain are over
     */
    PointRunner(PointBase base, CostModel costs, long warmupNanos, long windowNanos, Consumer<Machine> booted,
                Consumer<Machine> done) {
        this.base = base;
        this.cpus = base.cpus();
        this.costs = costs;
        this.warmupNanos = warmupNanos;
        this.windowNanos = windowNanos;
        this.booted = booted;
        this.done = done;
    }

    PointRunner(PointBase base, CostModel costs, long warmupNanos, long windowNanos) {
        this(base, costs, warmupNanos, windowNanos, m -> { }, m -> { });
    }

    /** What changes over the window. */
    private record Snapshot(long now, long offered, long delivered, long irqs, long[] busy) {}

    LivelockPoint run(LivelockConfig config, long fps) throws ErrnoException {
        PointMachine pm = PointMachine.boot(config, base, costs);
        Machine m = pm.machine;
        booted.accept(m);
        try {
            return measure(config, fps, pm);
        } finally {
            done.accept(m);
        }
    }

    private LivelockPoint measure(LivelockConfig config, long fps, PointMachine pm) throws ErrnoException {
        Machine m = pm.machine;
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf(pm.dev.name()), fps, FRAME,
                warmupNanos + windowNanos);
        long start = m.engine().now();
        Snapshot[] at = new Snapshot[2];
        m.engine().schedule(start + warmupNanos, "livelock window start", () -> at[0] = snapshot(pm, g));
        m.engine().schedule(start + warmupNanos + windowNanos, "livelock window end", () -> at[1] = snapshot(pm, g));
        m.run(warmupNanos + windowNanos);
        Snapshot a = at[0];
        Snapshot b = at[1];

        Conservation c = m.net().conservation(pm.dev, g.offered());
        for (long drained = 0; !(g.done() && c.inFlight() == 0 && c.holds()) && drained < DRAIN_LIMIT;
                drained += 10 * PointMachine.MS) {
            m.run(10 * PointMachine.MS);
            c = m.net().conservation(pm.dev, g.offered());
        }
        if (!c.holds() || c.inFlight() != 0) {
            throw new ConservationException(String.format("%s at %d frames/s: conservation violated after draining "
                    + "(virtual time %d ns): %s", config.label(), fps, m.engine().now(), c));
        }

        double secs = (b.now - a.now) / 1e9;
        double cpuNanos = (double) (b.now - a.now) * cpus;
        double[] frac = new double[CpuTime.values().length];
        double busy = 0;
        for (CpuTime t : CpuTime.values()) {
            frac[t.ordinal()] = Math.min(1.0, (b.busy[t.ordinal()] - a.busy[t.ordinal()]) / cpuNanos);
            busy += frac[t.ordinal()];
        }
        double loadSecs = (warmupNanos + windowNanos) / 1e9;
        Map<String, Double> drops = new HashMap<>();
        for (Map.Entry<String, Long> e : c.drops().entrySet()) {
            drops.put(e.getKey(), e.getValue() / loadSecs);
        }
        return new LivelockPoint(config.label(), fps, (b.offered - a.offered) / secs, (b.delivered - a.delivered) / secs,
                (b.irqs - a.irqs) / secs, frac[CpuTime.HARDIRQ.ordinal()], frac[CpuTime.SOFTIRQ.ordinal()],
                frac[CpuTime.KSOFTIRQD.ordinal()], frac[CpuTime.TASK.ordinal()], Math.max(0.0, 1.0 - busy), drops, c);
    }

    private Snapshot snapshot(PointMachine pm, TrafficGenerator g) {
        Machine m = pm.machine;
        long[] busy = new long[CpuTime.values().length];
        for (int i = 0; i < cpus; i++) {
            for (CpuTime t : CpuTime.values()) {
                busy[t.ordinal()] += m.cpus().get(i).busyNanos(t);
            }
        }
        return new Snapshot(m.engine().now(), g.offered(), pm.dev.delivered(), interrupts(m, pm.dev.parentName()), busy);
    }

    /** Interrupts counted on every line where {@code device} has a handler, all CPUs. */
    static long interrupts(Machine m, String device) {
        long n = 0;
        for (IrqDesc d : m.irqCore().descs()) {
            for (IrqAction a : d.actions()) {
                if (device.equals(a.device())) {
                    n += d.totalCount();
                    break;
                }
            }
        }
        return n;
    }

    /** A run whose frames do not add up: the experiment's numbers would be wrong, so it stops. */
    static final class ConservationException extends RuntimeException {
        ConservationException(String message) {
            super(message);
        }
    }
}
