package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.models.vortex.Vortex;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Down while the 3c595's receive FIFO holds frames (here because its interrupt enables are cleared, so the
 * handler never runs): the frames still in the FIFO are discarded by the driver at down and
 * counted as rx_dropped, instead of being emptied uncounted by the RxReset of the next open.
 */
class VortexDownDrainTest {

    @Test
    void framesLeftInTheFifoAtDownAreCounted() throws ErrnoException {
        long seed = 93;
        Vortex[] card = new Vortex[1];
        Machine m = boot(seed, Map.of(), () -> card[0] = Vortex.c3c595(MAC_A), null);
        NetDeviceImpl dev = dev(m, "eth0");
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.run(20 * MS);
        m.net().devOpen(dev);
        // the handler is kept from running (no source may raise the line), so received frames stay in the FIFO
        VortexMachines.vp(m, "eth0").io.command(VortexRegs.SET_INTR_ENB);
        TrafficGenerator g = TrafficGenerator.builder(m.wireContext(), m.portOf("eth0")).fps(10_000).frameSize(64)
                .durationNanos(5 * MS).build();
        g.start();
        m.run(6 * MS);
        int pending = card[0].rxPendingFrames();
        assertThat(pending).as("seed %d: all 50 frames wait in the FIFO", seed).isEqualTo(50);

        m.net().devClose(dev);
        assertThat(card[0].rxPendingFrames()).as("seed %d: emptied at down", seed).isZero();
        assertThat(m.net().stats(dev).rxDropped).as("seed %d: each counted once", seed).isEqualTo(pending);

        m.net().devOpen(dev); // its RxReset finds nothing left to flush
        assertThat(card[0].rxFlushedTotal()).as("seed %d", seed).isZero();
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
