package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MAC_B;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c595;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c905c;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static io.jnetdev.drivers.vortex.VortexMachines.vp;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.wire.Cable;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 3c595 (PIO) and a 3c905C (bus master) joined by a cable exchange frames both ways — small
 * ones (copied below rx_copybreak) and large ones (handed up in the ring's skb) — with frame
 * conservation on both ends and nothing left behind.
 */
class VortexCableTest {

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
    void aVortexAndATornadoExchangeFramesBothWaysWithConservation() throws ErrnoException {
        long seed = 31;
        Machine m = boot(seed, Map.of(), c3c595(MAC_A), c3c905c(MAC_B));
        NetDeviceImpl a = dev(m, "eth0");
        NetDeviceImpl b = dev(m, "eth1");
        assertThat(vp(m, "eth0").fullBusMasterTx).as("seed %d: eth0 is the 3c595", seed).isFalse();
        assertThat(vp(m, "eth1").fullBusMasterTx).as("seed %d: eth1 is the 3c905C", seed).isTrue();
        EthernetPort pa = m.portOf("eth0");
        EthernetPort pb = m.portOf("eth1");
        Cable cable = Cable.connect(m.wireContext(), pa, pb);
        Map<String, Long> received = new HashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        m.net().devAddPack(EtherType.IPV4, skb -> {
            received.merge(skb.dev().name(), 1L, Long::sum);
            bytes.merge(skb.dev().name(), (long) skb.len(), Long::sum);
        });
        m.net().devOpen(a);
        m.net().devOpen(b);
        m.run(3500 * MS); // both media timers have seen the link

        int n = 600;
        long sent = 0;
        for (int i = 0; i < n; i++) {
            int lenA = 60 + (i % 7) * 240;  // 60..1500
            int lenB = 60 + (i % 5) * 360;  // 60..1500
            m.net().devQueueXmit(a, frame(a, MAC_B, i, lenA));
            m.net().devQueueXmit(b, frame(b, MAC_A, i, lenB));
            sent += lenB - 14;
            if (i % 2 == 1) {
                // a frame per ms each way: the 3c595 moves every FIFO doubleword by port I/O (~1 µs
                // each), so a 780-byte frame costs it about 0.2 ms of CPU each way
                m.run(2 * MS);
            }
        }
        m.run(100 * MS);

        assertThat(cable.offeredTo(pb)).as("seed %d: everything eth0 sent crossed the cable\n%s", seed, m.dmesg()).isEqualTo(n);
        assertThat(cable.offeredTo(pa)).as("seed %d", seed).isEqualTo(n);
        assertThat(received.get("eth1")).as("seed %d: 3c595 -> 3c905C", seed).isEqualTo(n);
        assertThat(received.get("eth0")).as("seed %d: 3c905C -> 3c595", seed).isEqualTo(n);
        assertThat(bytes.get("eth0")).as("seed %d: payload bytes as sent", seed).isEqualTo(sent);
        Conservation ca = m.net().conservation(a, cable.offeredTo(pa));
        Conservation cb = m.net().conservation(b, cable.offeredTo(pb));
        assertThat(ca.holds()).as("seed %d: %s", seed, ca).isTrue();
        assertThat(cb.holds()).as("seed %d: %s", seed, cb).isTrue();
        assertThat(m.net().stats(a).txPackets).as("seed %d: tx_packets from window 6", seed).isEqualTo(n);
        assertThat(m.net().stats(b).txPackets).as("seed %d", seed).isEqualTo(n);
        assertThat(m.net().stats(b).rxPackets).as("seed %d", seed).isEqualTo(n);
        BoomerangRx rx = vp(m, "eth1").boomerangRx;
        assertThat(rx.rxCopy).as("seed %d: frames under rx_copybreak copied", seed).isPositive();
        assertThat(rx.rxNocopy).as("seed %d: larger frames handed up in place", seed).isPositive();
        assertThat(rx.rxCopy + rx.rxNocopy).as("seed %d", seed).isEqualTo(n);
        assertThat(vp(m, "eth0").workLimitTrips + vp(m, "eth1").workLimitTrips).as("seed %d", seed).isZero();
        m.net().devClose(a);
        m.net().devClose(b);
        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
