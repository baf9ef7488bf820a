package io.jnetdev.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.testing.NetBench;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Transmit: the FIFO qdisc, the queue stop/wake protocol and NET_TX running the qdisc after a wake. */
class TransmitTest {
    private static final long SEED = 41;
    private static final long MS = 1_000_000L;

    static void xmit(NetBench b, int count) {
        byte[] f = NetBench.frame(60, MacAddress.parse("02:00:00:00:00:09"), EtherType.IPV4);
        for (int i = 0; i < count; i++) {
            f[59] = (byte) i;
            Skb skb = b.machine.net().allocSkb(f.length);
            skb.put(f.length).copyFrom(MemorySegment.ofArray(f));
            b.machine.net().devQueueXmit(b.devImpl(), skb);
        }
    }

    @Test
    void stoppedQueueHoldsFramesInTheQdiscAndNetTxSendsThemAfterTheWake() {
        NetBench b = NetBench.create(MachineConfig.builder().seed(SEED), 64);
        b.txRingSize = 64;
        b.up();
        xmit(b, 100);
        assertThat(b.transmitted).as("seed %d: the ring takes 64, the driver stops the queue", SEED).hasSize(64);
        assertThat(b.dev.queueStopped()).isTrue();
        long netTxBefore = b.machine.softirqs().count(0, SoftirqType.NET_TX) + b.machine.softirqs().count(1, SoftirqType.NET_TX);

        b.completeTx(64);
        assertThat(b.transmitted).as("seed %d: the qdisc runs from NET_TX, not inside the wake", SEED).hasSize(64);
        b.machine.run(MS);

        assertThat(b.transmitted).as("seed %d", SEED).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(b.transmitted.get(i)[59]).as("seed %d: FIFO order at %d", SEED, i).isEqualTo((byte) i);
        }
        long netTxAfter = b.machine.softirqs().count(0, SoftirqType.NET_TX) + b.machine.softirqs().count(1, SoftirqType.NET_TX);
        assertThat(netTxAfter).as("seed %d: NET_TX ran", SEED).isGreaterThan(netTxBefore);
        RtnlLinkStats64 s = b.machine.net().stats(b.devImpl());
        assertThat(s.txPackets).isEqualTo(100);
        assertThat(s.txBytes).isEqualTo(100 * 60);
        assertThat(b.machine.violations().all()).as("seed %d", SEED).isEmpty();
        assertThat(b.machine.net().skbsInUse()).as("seed %d: every transmitted skb freed", SEED).isZero();
    }

    @Test
    void aWakeOfAQueueThatWasNotStoppedSchedulesNothing() {
        NetBench b = NetBench.create(MachineConfig.builder().seed(SEED), 64);
        b.up();
        xmit(b, 3);
        long before = b.machine.softirqs().count(0, SoftirqType.NET_TX) + b.machine.softirqs().count(1, SoftirqType.NET_TX);
        b.dev.wakeQueue();
        b.machine.run(MS);
        long after = b.machine.softirqs().count(0, SoftirqType.NET_TX) + b.machine.softirqs().count(1, SoftirqType.NET_TX);
        assertThat(after).as("seed %d", SEED).isEqualTo(before);
        assertThat(b.transmitted).hasSize(3);
    }

    @Test
    void framesQueuedOnADownDeviceAreDroppedAndCounted() {
        NetBench b = NetBench.create(MachineConfig.builder().seed(SEED), 64);
        b.txRingSize = 4;
        b.up();
        xmit(b, 10); // 4 in the ring, 6 in the qdisc
        b.down(); // the qdisc is reset
        xmit(b, 2); // dropped at once: the device is down
        RtnlLinkStats64 s = b.machine.net().stats(b.devImpl());
        assertThat(s.txPackets).as("seed %d", SEED).isEqualTo(4);
        assertThat(s.txDropped).as("seed %d: 6 reset with the qdisc + 2 sent to a down device", SEED).isEqualTo(8);
        assertThat(b.machine.net().skbsInUse()).as("seed %d", SEED).isZero();
    }

    @Test
    void copyBitsCopiesAPartOfTheDataAndRefusesRangesOutsideIt() {
        NetBench b = NetBench.create(MachineConfig.builder().seed(SEED), 64);
        byte[] f = NetBench.frame(60, MacAddress.parse("02:00:00:00:00:09"), EtherType.IPV4);
        Skb skb = b.machine.net().allocSkb(f.length);
        skb.putData(MemorySegment.ofArray(f), 0, f.length);
        skb.pull(14); // data now starts at the IPv4 header
        byte[] out = new byte[50];
        skb.copyBits(4, MemorySegment.ofArray(out), 2, 40);
        for (int i = 0; i < 40; i++) {
            org.assertj.core.api.Assertions.assertThat(out[2 + i]).as("seed %d: byte %d", SEED, i).isEqualTo(f[14 + 4 + i]);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> skb.copyBits(40, MemorySegment.ofArray(out), 0, 7))
                .as("seed %d: 47 bytes of a 46-byte skb", SEED).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("skb_copy_bits(40, 7) of a 46-byte skb");
        b.devImpl().consumeSkb(skb);
    }
}
