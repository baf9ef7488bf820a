package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eMachines.MS;
import static io.jnetdev.drivers.e1000e.E1000eMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.wire.Cable;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two 82574Ls joined by a cable exchange traffic both ways, in each interrupt mode, with conservation on both ends. */
class E1000eCableTest {
    private static final long MAC_A = 0x5254_0012_3456L;
    private static final long MAC_B = 0x5254_0012_3457L;

    private static Skb frame(NetDeviceImpl from, long dst, int seq, int len) {
        Skb skb = from.allocSkb(len);
        byte[] f = new byte[len];
        byte[] d = new MacAddress(dst).octets();
        byte[] s = from.macAddress().octets();
        System.arraycopy(d, 0, f, 0, 6);
        System.arraycopy(s, 0, f, 6, 6);
        f[12] = 0x08; // IPv4
        f[14] = (byte) (seq >>> 8);
        f[15] = (byte) seq;
        skb.put(len).copyFrom(MemorySegment.ofArray(f));
        return skb;
    }

    @ParameterizedTest(name = "IntMode={0}")
    @CsvSource({"2", "1", "0"})
    void twoCardsOnACableExchangeFramesBothWaysWithConservation(int intMode) throws ErrnoException {
        long seed = 40 + intMode;
        MachineConfig config = MachineConfig.builder().cpus(2).seed(seed)
                .slot(3, () -> new E1000e(MAC_A)).slot(4, () -> new E1000e(MAC_B))
                .modules(Map.of("e1000e", Map.of("IntMode", Integer.toString(intMode)))).build();
        Machine m = Machine.create(config).boot(E1000eCableTest.class.getClassLoader());
        NetDeviceImpl a = dev(m, "eth0");
        NetDeviceImpl b = dev(m, "eth1");
        assertThat(a.macAddress().bits()).as("seed %d", seed).isEqualTo(MAC_A);
        assertThat(b.macAddress().bits()).as("seed %d", seed).isEqualTo(MAC_B);
        EthernetPort pa = m.portOf("eth0");
        EthernetPort pb = m.portOf("eth1");
        Cable cable = Cable.connect(m.wireContext(), pa, pb);
        Map<String, Long> received = new HashMap<>();
        m.net().devAddPack(EtherType.IPV4, skb -> received.merge(skb.dev().name(), 1L, Long::sum));
        m.net().devOpen(a);
        m.net().devOpen(b);
        m.run(20 * MS);
        assertThat(a.carrierOk() && b.carrierOk()).as("seed %d: both links up\n%s", seed, m.dmesg()).isTrue();

        int n = 3000;
        for (int i = 0; i < n; i++) {
            m.net().devQueueXmit(a, frame(a, MAC_B, i, 60 + (i % 7) * 200));
            m.net().devQueueXmit(b, frame(b, MAC_A, i, 60 + (i % 5) * 290));
            if (i % 16 == 15) {
                m.run(MS / 10);
            }
        }
        m.run(50 * MS);

        assertThat(cable.offeredTo(pb)).as("seed %d: everything a sent crossed the cable", seed).isEqualTo(n);
        assertThat(cable.offeredTo(pa)).as("seed %d", seed).isEqualTo(n);
        assertThat(received.get("eth1")).as("seed %d: a -> b\n%s", seed, m.dmesg()).isEqualTo(n);
        assertThat(received.get("eth0")).as("seed %d: b -> a", seed).isEqualTo(n);
        Conservation ca = m.net().conservation(a, cable.offeredTo(pa));
        Conservation cb = m.net().conservation(b, cable.offeredTo(pb));
        assertThat(ca.holds()).as("seed %d: %s", seed, ca).isTrue();
        assertThat(cb.holds()).as("seed %d: %s", seed, cb).isTrue();
        assertThat(m.net().stats(a).txPackets).as("seed %d: tx_packets from GPTC", seed).isEqualTo(n);
        assertThat(m.net().stats(b).rxPackets).as("seed %d", seed).isEqualTo(n);
        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    /** Bursts of full-size frames: the card must space them at the line rate itself, or the cable counts overruns. */
    @Test
    void theTransmitterPacesItselfToTheLineRate() throws ErrnoException {
        long seed = 45;
        MachineConfig config = MachineConfig.builder().cpus(2).seed(seed)
                .slot(3, () -> new E1000e(MAC_A)).slot(4, () -> new E1000e(MAC_B)).modules(Map.of("e1000e", Map.of())).build();
        Machine m = Machine.create(config).boot(E1000eCableTest.class.getClassLoader());
        NetDeviceImpl a = dev(m, "eth0");
        Cable cable = Cable.connect(m.wireContext(), m.portOf("eth0"), m.portOf("eth1"));
        m.net().devOpen(a);
        m.net().devOpen(dev(m, "eth1"));
        m.run(20 * MS);
        for (int i = 0; i < 3000; i++) {
            m.net().devQueueXmit(a, frame(a, MAC_B, i, 1514));
            if (i % 16 == 15) {
                m.run(MS / 4); // 64k fps of 1514 bytes: 0.79 Gb/s, bursts of 16 back to back
            }
        }
        m.run(100 * MS);
        assertThat(cable.offeredTo(m.portOf("eth1"))).as("seed %d", seed).isEqualTo(3000);
        assertThat(cable.aToB().overruns()).as("seed %d: %s", seed, cable.aToB()).isZero();
    }
}
