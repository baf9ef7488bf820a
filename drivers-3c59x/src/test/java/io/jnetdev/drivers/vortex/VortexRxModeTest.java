package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c595;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code set_rx_mode} on a 3c595, which has no multicast filter: a joined group or all-multicast
 * opens the card to every group (SetRxFilter 0x8007), promiscuous to every frame (0x800F); with
 * neither, only the station and broadcast pass (0x8005).
 */
class VortexRxModeTest {
    private static final long OTHER_STATION = 0x0200_0000_00AAL;
    private static final MacAddress GROUP = MacAddress.parse("01:00:5e:00:00:fb");
    private static final MacAddress OTHER_GROUP = MacAddress.parse("01:00:5e:00:00:fc");

    private static long send(Machine m, EthernetPort port, long dst, long[] delivered) {
        long before = delivered[0];
        TrafficGenerator.builder(m.wireContext(), port).fps(5_000).frameSize(60).durationNanos(20 * MS)
                .destination(dst).build().start();
        m.run(30 * MS);
        return delivered[0] - before;
    }

    @Test
    void groupsAllMulticastAndPromiscuousOpenTheFilterAsTheChipCan() throws ErrnoException {
        long seed = 91;
        Machine m = boot(seed, Map.of(), c3c595(MAC_A), null);
        NetDeviceImpl eth0 = dev(m, "eth0");
        long[] delivered = new long[1];
        m.net().devAddPack(EtherType.IPV4, skb -> delivered[0]++);
        m.net().devOpen(eth0);
        m.run(3500 * MS);
        EthernetPort port = m.portOf("eth0");

        assertThat(send(m, port, OTHER_STATION, delivered)).as("seed %d: another station", seed).isZero();
        assertThat(send(m, port, GROUP.bits(), delivered)).as("seed %d: a group nobody joined", seed).isZero();
        m.net().mcAdd(eth0, GROUP);
        assertThat(send(m, port, OTHER_GROUP.bits(), delivered))
                .as("seed %d: one joined group opens every group (no hash filter on a Vortex)", seed).isEqualTo(100);
        assertThat(send(m, port, OTHER_STATION, delivered)).as("seed %d: but no other station", seed).isZero();
        m.net().mcDel(eth0, GROUP);
        assertThat(send(m, port, GROUP.bits(), delivered)).as("seed %d: left again", seed).isZero();
        m.net().setAllmulti(eth0, true);
        assertThat(send(m, port, GROUP.bits(), delivered)).as("seed %d: all-multicast", seed).isEqualTo(100);
        m.net().setAllmulti(eth0, false);
        m.net().setPromisc(eth0, true);
        assertThat(send(m, port, OTHER_STATION, delivered)).as("seed %d: promiscuous", seed).isEqualTo(100);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
