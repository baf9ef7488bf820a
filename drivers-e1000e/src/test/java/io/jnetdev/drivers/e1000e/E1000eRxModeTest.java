package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eMachines.MS;
import static io.jnetdev.drivers.e1000e.E1000eMachines.SLOT;
import static io.jnetdev.drivers.e1000e.E1000eMachines.dev;
import static io.jnetdev.drivers.e1000e.E1000eMachines.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code e1000e_set_rx_mode} against the 82574L's filters: frames to another station and to a
 * group nobody joined are dropped by the card until promiscuous mode, all-multicast or joining the
 * group lets them through.
 */
class E1000eRxModeTest {
    private static final long OTHER_STATION = 0x0200_0000_00AAL;
    private static final MacAddress GROUP = MacAddress.parse("01:00:5e:00:00:fb");

    /** Sends {@code n} frames to {@code dst} and returns how many the IPv4 handler got. */
    private static long send(Machine m, EthernetPort port, long dst, int n, long[] delivered) {
        long before = delivered[0];
        TrafficGenerator.builder(m.wireContext(), port).fps(10_000).frameSize(60).durationNanos(n * 100_000L)
                .destination(dst).build().start();
        m.run(n * 100_000L + 10 * MS);
        return delivered[0] - before;
    }

    @Test
    void promiscuousAllMulticastAndJoinedGroupsOpenTheCardsFilter() throws ErrnoException {
        long seed = 77;
        Machine m = E1000eMachines.boot(seed, Map.of());
        NetDeviceImpl eth0 = dev(m, "eth0");
        long[] delivered = new long[1];
        m.net().devAddPack(EtherType.IPV4, skb -> delivered[0]++);
        m.net().devOpen(eth0);
        m.run(20 * MS);
        E1000e card = model(m, SLOT);
        EthernetPort port = m.portOf("eth0");

        assertThat(send(m, port, OTHER_STATION, 100, delivered)).as("seed %d: another station's frames", seed).isZero();
        assertThat(send(m, port, GROUP.bits(), 100, delivered)).as("seed %d: a group not joined", seed).isZero();
        assertThat(card.filteredTotal()).as("seed %d: the card dropped them", seed).isEqualTo(200);

        m.net().mcAdd(eth0, GROUP);
        assertThat(send(m, port, GROUP.bits(), 100, delivered)).as("seed %d: the joined group", seed).isEqualTo(100);
        m.net().mcDel(eth0, GROUP);
        assertThat(send(m, port, GROUP.bits(), 100, delivered)).as("seed %d: left again", seed).isZero();

        m.net().setAllmulti(eth0, true);
        assertThat(send(m, port, GROUP.bits(), 100, delivered)).as("seed %d: all-multicast", seed).isEqualTo(100);
        assertThat(send(m, port, OTHER_STATION, 100, delivered)).as("seed %d: all-multicast is not promiscuous", seed).isZero();
        m.net().setAllmulti(eth0, false);

        m.net().setPromisc(eth0, true);
        assertThat(send(m, port, OTHER_STATION, 100, delivered)).as("seed %d: promiscuous", seed).isEqualTo(100);
        m.net().setPromisc(eth0, false);
        assertThat(send(m, port, OTHER_STATION, 100, delivered)).as("seed %d: promiscuous off again", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
