package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipMachines.MAC;
import static io.jnetdev.drivers.tulip.TulipMachines.MS;
import static io.jnetdev.drivers.tulip.TulipMachines.dev;
import static io.jnetdev.drivers.tulip.TulipMachines.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code set_rx_mode} and the setup frame against the model's filter: the station address and
 * broadcast pass, other stations and unjoined groups are dropped (and counted by the chip) until
 * promiscuous mode; joined groups pass through the perfect filter (up to 14) and the hash filter
 * (beyond).
 */
class TulipRxModeTest {
    private static final long OTHER_STATION = 0x0200_0000_00AAL;

    /** Sends {@code n} frames to {@code dst} and returns how many the IPv4 handler got. */
    private static long send(Machine m, EthernetPort port, long dst, int n, long[] delivered) {
        long before = delivered[0];
        TrafficGenerator.builder(m.wireContext(), port).fps(10_000).frameSize(60).durationNanos(n * 100_000L)
                .destination(dst).build().start();
        m.run(n * 100_000L + 5 * MS);
        return delivered[0] - before;
    }

    private static MacAddress group(int i) {
        return new MacAddress(0x0100_5E00_0000L | (i + 1));
    }

    /** The hash-table bit the driver and the chip use for {@code mac}. */
    private static int hashBit(MacAddress mac) {
        return TulipSetupFrame.etherCrcLe(mac.octets()) & 0x1FF;
    }

    @Test
    void stationAndBroadcastPassOthersAreDroppedUntilPromiscuous() throws ErrnoException {
        long seed = 31;
        CsrTrace card = TulipMachines.dec21143();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        NetDeviceImpl eth0 = dev(m, "eth0");
        EthernetPort port = m.portOf("eth0");

        assertThat(send(m, port, MAC, 50, delivered)).as("seed %d: the station address", seed).isEqualTo(50);
        assertThat(send(m, port, MacAddress.BROADCAST.bits(), 50, delivered)).as("seed %d: broadcast", seed).isEqualTo(50);
        long filteredBefore = card.model().filteredTotal();
        assertThat(send(m, port, OTHER_STATION, 50, delivered)).as("seed %d: another station", seed).isZero();
        assertThat(send(m, port, group(0).bits(), 50, delivered)).as("seed %d: a group not joined", seed).isZero();
        assertThat(card.model().filteredTotal() - filteredBefore).as("seed %d: dropped and counted by the chip", seed)
                .isEqualTo(100);

        m.net().setPromisc(eth0, true);
        assertThat(card.writesTo(TulipRegs.CSR6).getLast() & (TulipRegs.AcceptAllPhys | TulipRegs.AcceptAllMulticast))
                .as("seed %d: PR and PM in CSR6", seed).isEqualTo(TulipRegs.AcceptAllPhys | TulipRegs.AcceptAllMulticast);
        assertThat(send(m, port, OTHER_STATION, 50, delivered)).as("seed %d: promiscuous", seed).isEqualTo(50);
        assertThat(send(m, port, group(0).bits(), 50, delivered)).as("seed %d: promiscuous takes groups", seed).isEqualTo(50);
        m.net().setPromisc(eth0, false);
        assertThat(send(m, port, OTHER_STATION, 50, delivered)).as("seed %d: promiscuous off", seed).isZero();
        assertThat(send(m, port, MAC, 50, delivered)).as("seed %d: the station still passes", seed).isEqualTo(50);

        m.net().setAllmulti(eth0, true);
        assertThat(send(m, port, group(0).bits(), 50, delivered)).as("seed %d: all-multicast", seed).isEqualTo(50);
        assertThat(send(m, port, OTHER_STATION, 50, delivered)).as("seed %d: all-multicast is not promiscuous", seed)
                .isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void upToFourteenGroupsUseThePerfectFilterMoreUseTheHash() throws ErrnoException {
        long seed = 32;
        CsrTrace card = TulipMachines.dec21143();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        NetDeviceImpl eth0 = dev(m, "eth0");
        EthernetPort port = m.portOf("eth0");

        List<MacAddress> joined = new ArrayList<>();
        for (int i = 0; i < TulipSetupFrame.PERFECT_GROUPS; i++) {
            joined.add(group(i));
            m.net().mcAdd(eth0, group(i));
        }
        m.run(MS);
        int setupLength = tp(m).txDesc(TulipPrivate.txEntry(tp(m).curTx - 1), TulipRegs.DESC_LENGTH);
        assertThat(setupLength & TulipRegs.DescSetupHash).as("seed %d: 14 groups, perfect filtering", seed).isZero();
        assertThat(send(m, port, group(0).bits(), 20, delivered)).as("seed %d: first group", seed).isEqualTo(20);
        assertThat(send(m, port, group(13).bits(), 20, delivered)).as("seed %d: fourteenth group", seed).isEqualTo(20);
        assertThat(send(m, port, group(14).bits(), 20, delivered)).as("seed %d: not joined yet", seed).isZero();
        assertThat(send(m, port, MAC, 20, delivered)).as("seed %d: the station next to 14 groups", seed).isEqualTo(20);

        m.net().mcAdd(eth0, group(14));
        joined.add(group(14));
        m.run(MS);
        setupLength = tp(m).txDesc(TulipPrivate.txEntry(tp(m).curTx - 1), TulipRegs.DESC_LENGTH);
        assertThat(setupLength & TulipRegs.DescSetupHash).as("seed %d: 15 groups, hash filtering", seed).isNotZero();
        assertThat(send(m, port, group(14).bits(), 20, delivered)).as("seed %d: the fifteenth group", seed).isEqualTo(20);
        assertThat(send(m, port, group(3).bits(), 20, delivered)).as("seed %d: an earlier group", seed).isEqualTo(20);
        assertThat(send(m, port, MAC, 20, delivered)).as("seed %d: the station as the hash frame's perfect address", seed)
                .isEqualTo(20);
        assertThat(send(m, port, MacAddress.BROADCAST.bits(), 20, delivered)).as("seed %d: broadcast bit 255", seed)
                .isEqualTo(20);
        // a group whose hash bit no joined group (nor broadcast) sets is dropped
        MacAddress stranger = null;
        for (int i = 100; stranger == null; i++) {
            MacAddress g = group(i);
            int bit = hashBit(g);
            if (bit != 255 && joined.stream().noneMatch(j -> hashBit(j) == bit)) {
                stranger = g;
            }
        }
        assertThat(send(m, port, stranger.bits(), 20, delivered)).as("seed %d: %s hashes elsewhere", seed, stranger).isZero();
        assertThat(send(m, port, OTHER_STATION, 20, delivered)).as("seed %d: unicast to others still dropped", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
