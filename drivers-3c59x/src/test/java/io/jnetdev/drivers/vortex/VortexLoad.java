package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static io.jnetdev.drivers.vortex.VortexMachines.vp;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;

/**
 * Offered load on eth0 of a booted machine, step by step: a generator of 60-byte frames for a
 * window, then what the driver and the core made of it. Frames offered accumulate over the steps,
 * so that conservation is checked over the whole run.
 */
final class VortexLoad {
    static final long WINDOW = 20 * MS;

    final Machine m;
    final NetDeviceImpl dev;
    final VortexPrivate vp;
    long offered;

    VortexLoad(Machine m) throws ErrnoException {
        this.m = m;
        this.dev = dev(m, "eth0");
        this.vp = vp(m, "eth0");
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.net().devOpen(dev);
        m.run(3500 * MS); // past the media timer's first check: carrier on
    }

    /**
     * One step.
     *
     * @param fps              offered rate
     * @param offered          frames offered in the step
     * @param delivered        frames delivered to the protocol in the step (after the settle)
     * @param drops            frames dropped in the step, all counters together
     * @param cardOverruns     of which the card's receive overruns (window 6, {@code rx_fifo_errors})
     * @param backlogDrops     of which the backlog's ({@code backlog_dropped}, softnet_stat column 2)
     * @param trips            times the work limit tripped
     * @param hiddenAtEnd      sources were deferred when the window ended
     * @param statusEnableAtEnd the status-enable word (window 5 read-back) when the window ended
     * @param hiddenBeforeTimer sources were still deferred 900 ms after the window began
     * @param restored         FakeIntr restores in the step
     * @param interrupts       interrupts the handler claimed in the step
     * @param conservation     the whole run's conservation after the step settled
     */
    record Step(long fps, long offered, long delivered, long drops, long cardOverruns, long backlogDrops, long trips,
                boolean hiddenAtEnd, int statusEnableAtEnd, boolean hiddenBeforeTimer, long restored, long interrupts,
                Conservation conservation) {}

    /** Offers {@code fps} for {@link #WINDOW}, then lets 1.3 s pass: long enough for the timer's FakeIntr. */
    Step offer(long fps) throws ErrnoException {
        long trips = vp.workLimitTrips;
        long irqs = vp.interrupts;
        long restored = vp.sourcesRestored;
        Conservation before = m.net().conservation(dev, offered);
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), fps, 60, WINDOW);
        m.run(WINDOW);
        boolean hidden = vp.deferred != 0;
        int statusEnable = vp.io.windowRead16(5, VortexRegs.WN5_STATUS_ENABLE);
        m.run(900 * MS - WINDOW);
        boolean hiddenBeforeTimer = vp.deferred != 0;
        m.run(400 * MS);
        offered += g.offered();
        Conservation c = m.net().conservation(dev, offered);
        return new Step(fps, g.offered(), c.delivered() - before.delivered(), c.dropped() - before.dropped(),
                drop(c, "rx_fifo_errors") - drop(before, "rx_fifo_errors"), drop(c, "backlog_dropped") - drop(before, "backlog_dropped"),
                vp.workLimitTrips - trips, hidden, statusEnable, hiddenBeforeTimer, vp.sourcesRestored - restored,
                vp.interrupts - irqs, c);
    }

    private static long drop(Conservation c, String counter) {
        return c.drops().getOrDefault(counter, 0L);
    }
}
