package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c595;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hot-unplug of a 3c595 under line-rate traffic: the PIO handler hands every frame to
 * {@code netif_rx}, so at the moment of the unplug hundreds of the card's skbs wait in the CPU's
 * backlog. Unregistering the interface flushes them ({@code flush_all_backlogs}), so free_netdev
 * finds none of its skbs alive and none is handed up later through the gone device.
 */
class VortexHotUnplugTest {

    @Test
    void unplugUnderTrafficLeavesNoSkbInTheBacklog() throws ErrnoException {
        long seed = 91;
        Machine m = boot(seed, Map.of(), c3c595(MAC_A), null);
        NetDeviceImpl dev = dev(m, "eth0");
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.run(20 * MS); // the probe's EEPROM waits are over
        m.net().devOpen(dev);
        TrafficGenerator g = TrafficGenerator.builder(m.wireContext(), m.portOf("eth0")).fps(140_000).frameSize(64)
                .durationNanos(20 * MS).build();
        g.start();
        m.run(5 * MS);
        long queued = m.net().conservation(dev, g.offered()).inFlight();
        assertThat(queued).as("seed %d: frames of eth0 wait in the backlog at the unplug", seed).isPositive();

        m.unplug(3);
        m.run(20 * MS);

        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.violations().all()).as("seed %d: no skb leaked at free_netdev\n%s", seed, m.dmesg()).isEmpty();
    }
}
