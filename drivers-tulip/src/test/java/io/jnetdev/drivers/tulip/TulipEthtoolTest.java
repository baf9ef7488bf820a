package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipMachines.MS;
import static io.jnetdev.drivers.tulip.TulipMachines.dev;
import static io.jnetdev.drivers.tulip.TulipMachines.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.LinkKsettings;
import io.jnetdev.api.ethtool.RegDump;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.hw.models.tulip.Tulip;
import io.jnetdev.hw.wire.Cable;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ethtool -i/-S/-d} and link settings, and transmit between two 21143s on a cable. */
class TulipEthtoolTest {

    @Test
    void drvinfoStatsAndRegisterDump() throws ErrnoException {
        long seed = 51;
        CsrTrace card = TulipMachines.dec21143();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        NetDeviceImpl eth0 = dev(m, "eth0");
        TulipPrivate tp = tp(m);

        var info = m.ethtool().getDrvinfo(eth0);
        assertThat(info.info().driver()).isEqualTo("tulip");
        assertThat(info.info().version()).isEqualTo("1.1.15-NAPI");
        assertThat(info.info().busInfo()).isEqualTo(tp.pdev.name());
        assertThat(info.regdumpLen()).isEqualTo(64);

        LinkKsettings ks = m.ethtool().getLinkKsettings(eth0);
        assertThat(ks.speed()).as("seed %d", seed).isEqualTo(100);
        assertThat(m.ethtool().getLink(eth0)).isTrue();

        assertThat(m.ethtool().getStrings(eth0, io.jnetdev.api.ethtool.StringSet.STATS))
                .contains("rx_missed_errors", "mitigation_switched_on", "too_much_work", "chip_resets");
        var stats = m.ethtool().stats(eth0);
        assertThat(stats).filteredOn(s -> s.name().equals("setup_frames"))
                .singleElement().matches(s -> s.value() >= 1, "the setup frame of open counted");

        RegDump regs = m.ethtool().getRegs(eth0);
        assertThat(regs.length()).isEqualTo(64);
        assertThat(regs.version()).isEqualTo(0x0001_0000 | TulipChip.DC21143.chipId);
        ByteBuffer b = ByteBuffer.wrap(regs.data()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(3 * 4)).as("seed %d: CSR3 = the receive ring", seed).isEqualTo((int) tp.rxRingDma);
        assertThat(b.getInt(4 * 4)).as("seed %d: CSR4 = the transmit ring", seed).isEqualTo((int) tp.txRingDma);
        assertThat(b.getInt(7 * 4)).as("seed %d: CSR7 = valid_intrs while idle", seed).isEqualTo(0x0801_FBFF);
        assertThat(b.getInt(6 * 4) & TulipRegs.RxTx).as("seed %d: CSR6 running", seed).isEqualTo(TulipRegs.RxTx);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    private static Skb frame(NetDeviceImpl from, long dst, int seq, int len) {
        Skb skb = from.allocSkb(len);
        byte[] f = new byte[len];
        System.arraycopy(new MacAddress(dst).octets(), 0, f, 0, 6);
        System.arraycopy(from.macAddress().octets(), 0, f, 6, 6);
        f[12] = 0x08; // IPv4
        f[14] = (byte) (seq >>> 8);
        f[15] = (byte) seq;
        skb.put(len).copyFrom(MemorySegment.ofArray(f));
        return skb;
    }

    @Test
    void twoCardsOnACableExchangeFramesAndReclaimTheirRings() throws ErrnoException {
        long seed = 52;
        long macA = 0x0200_0000_0A01L;
        long macB = 0x0200_0000_0B01L;
        MachineConfig config = MachineConfig.builder().cpus(2).seed(seed)
                .slot(3, () -> Tulip.dec21143(macA)).slot(4, () -> Tulip.dec21143(macB))
                .modules(Map.of("tulip", Map.of())).build();
        Machine m = Machine.create(config).boot(TulipEthtoolTest.class.getClassLoader());
        NetDeviceImpl a = dev(m, "eth0");
        NetDeviceImpl b = dev(m, "eth1");
        Cable cable = Cable.connect(m.wireContext(), m.portOf("eth0"), m.portOf("eth1"));
        Map<String, Long> received = new HashMap<>();
        m.net().devAddPack(io.jnetdev.api.net.EtherType.IPV4, skb -> received.merge(skb.dev().name(), 1L, Long::sum));
        m.net().devOpen(a);
        m.net().devOpen(b);
        m.run(5 * MS);
        int n = 1000;
        for (int i = 0; i < n; i++) {
            m.net().devQueueXmit(a, frame(a, macB, i, 60 + (i % 7) * 200));
            m.net().devQueueXmit(b, frame(b, macA, i, 60 + (i % 5) * 290));
            if (i % 8 == 7) {
                m.run(MS / 2);
            }
        }
        m.run(50 * MS);
        assertThat(received.get("eth1")).as("seed %d: a -> b\n%s", seed, m.dmesg()).isEqualTo(n);
        assertThat(received.get("eth0")).as("seed %d: b -> a", seed).isEqualTo(n);
        assertThat(m.net().stats(a).txPackets).as("seed %d: reclaimed as sent", seed).isEqualTo(n);
        Conservation cb = m.net().conservation(b, cable.offeredTo(m.portOf("eth1")));
        assertThat(cb.holds()).as("seed %d: %s", seed, cb).isTrue();
        TulipPrivate tpa = a.priv(TulipPrivate.class);
        assertThat(tpa.curTx - tpa.dirtyTx).as("seed %d: the ring drained", seed).isLessThanOrEqualTo(2);
        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
