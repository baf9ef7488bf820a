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
 * One step of offered load on eth0 of a booted machine: a generator for a window, then what the
 * driver and the core made of it. Frames offered accumulate over the steps, so that conservation
 * is checked over the whole run.
 */
final class VortexLoad {
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

    /** What one step saw. */
    record Step(long fps, long offered, long delivered, long dropped, long trips, boolean hiddenAfterWindow,
                int statusEnableAfterWindow, long interrupts, Conservation conservation) {}

    /** Offers {@code fps} 60-byte frames for {@code window} ns, then lets {@code settle} ns pass. */
    Step offer(long fps, long window, long settle) {
        long trips = vp.workLimitTrips;
        long irqs = vp.interrupts;
        Conservation before = m.net().conservation(dev, offered);
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), portOf(), fps, 60, window);
        m.run(window);
        boolean hidden = vp.deferred != 0;
        int statusEnable = vp.io.windowRead16(5, VortexRegs.WN5_STATUS_ENABLE);
        m.run(settle);
        offered += g.offered();
        Conservation c = m.net().conservation(dev, offered);
        return new Step(fps, g.offered(), c.delivered() - before.delivered(), c.dropped() - before.dropped(),
                vp.workLimitTrips - trips, hidden, statusEnable, vp.interrupts - irqs, c);
    }

    private io.jnetdev.hw.EthernetPort portOf() {
        try {
            return m.portOf("eth0");
        } catch (ErrnoException e) {
            throw new AssertionError(e);
        }
    }
}
