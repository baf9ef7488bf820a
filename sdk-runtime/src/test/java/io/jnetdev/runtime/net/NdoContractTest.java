package io.jnetdev.runtime.net;

import static io.jnetdev.runtime.testing.OracleAssertions.advance;
import static io.jnetdev.runtime.testing.OracleAssertions.assertClean;
import static io.jnetdev.runtime.testing.OracleAssertions.assertOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceFlags;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.testing.NetBench;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The {@code net_device_ops} contract as the core enforces it (contract-rules.md section 3 and
 * R26): transmit busy handling, MTU and MAC validation before the driver sees a request, and the
 * order of {@code dev_open}/{@code dev_close}/{@code unregister_netdev}.
 */
class NdoContractTest {
    private static final String DEV = NetBench.PCI_DEV;
    private static final String DRV = "benchnic";
    private static final long MS = 1_000_000L;

    private static NetBench bench(long seed) {
        return NetBench.create(MachineConfig.builder().seed(seed), 64, MS);
    }

    /** The bench driver's own ops behind a Mockito mock that forwards every call to them. */
    private static NetDeviceOps spyOps(NetBench b) {
        NetDeviceOps ops = mock(NetDeviceOps.class, delegatesTo(b.devImpl().ops));
        b.dev.setOps(ops);
        return ops;
    }

    /** A 60-byte frame from the stack, its first payload byte set to {@code tag}. */
    private static Skb txFrame(NetBench b, int tag) {
        Skb skb = b.dev.allocSkb(60);
        byte[] f = NetBench.frame(60, MacAddress.BROADCAST, EtherType.IPV4);
        f[14] = (byte) tag;
        skb.put(60).copyFrom(MemorySegment.ofArray(f));
        return skb;
    }

    private static List<Integer> tags(NetBench b) {
        List<Integer> tags = new ArrayList<>();
        for (byte[] f : b.transmitted) {
            tags.add((int) f[14]);
        }
        return tags;
    }

    // NDO — ndo_start_xmit: stop the queue before the ring fills; BUSY only with the queue stopped ([NDEV-H] ndo_start_xmit doc; [DRIVER-DOC] "Transmit path guidelines")
    @Test
    void ndo_txBusyWithTheQueueStoppedIsAccepted() {
        long seed = 2001;
        NetBench b = bench(seed).up();
        b.txRingSize = 2;
        for (int tag = 1; tag <= 3; tag++) {
            b.machine.net().devQueueXmit(b.devImpl(), txFrame(b, tag));
        }
        assertThat(tags(b)).as("seed %d: the ring took two, the queue stopped", seed).containsExactly(1, 2);
        assertThat(b.dev.queueStopped()).as("seed %d", seed).isTrue();

        b.txRingSize = 3; // Tx completion freed a descriptor
        b.dev.wakeQueue();
        b.machine.run(MS); // the woken qdisc runs from NET_TX
        assertThat(tags(b)).as("seed %d: the qdisc hands over the waiting frame on wake", seed).containsExactly(1, 2, 3);
        assertThat(b.machine.net().skbsInUse()).as("seed %d", seed).isZero();
        assertClean(b.machine, "stop before the ring fills");
    }

    // NDO — NETDEV_TX_BUSY with the queue awake is a driver bug; the frame is requeued, not lost ([NDEV-H]; [DRIVER-DOC])
    @Test
    void ndo_txBusyWithTheQueueAwakeIsRecordedOnceAndRequeued() {
        long seed = 2002;
        NetBench b = bench(seed).up();
        NetDeviceOps real = b.devImpl().ops;
        NetDeviceOps ops = spyOps(b);
        doReturn(NetdevTx.BUSY).doAnswer(delegatesTo(real)).when(ops).startXmit(any(), any()); // broken once
        long t0 = advance(b.machine, MS);

        b.machine.net().devQueueXmit(b.devImpl(), txFrame(b, 1));
        Violation v = assertOnly(b.machine, "NDO", DEV, DRV, t0);
        assertThat(v.message()).as("seed %d", seed).contains("NETDEV_TX_BUSY");
        assertThat(b.transmitted).as("seed %d", seed).isEmpty();

        b.machine.net().devQueueXmit(b.devImpl(), txFrame(b, 2));
        assertThat(tags(b)).as("seed %d: the requeued frame goes first", seed).containsExactly(1, 2);
        assertThat(b.machine.violations().all()).as("seed %d: recorded once", seed).hasSize(1);
        assertThat(b.machine.net().skbsInUse()).as("seed %d: nothing leaked", seed).isZero();
    }

    // NDO — after TX_BUSY the qdisc is rescheduled (NET_TX), so the requeued frame goes out without new traffic ([DEV-C] dev_requeue_skb -> __netif_schedule)
    @Test
    void ndo_txBusyRequeuedFrameIsRetriedWithoutNewTraffic() {
        long seed = 2003;
        NetBench b = bench(seed).up();
        NetDeviceOps real = b.devImpl().ops;
        NetDeviceOps ops = spyOps(b);
        doReturn(NetdevTx.BUSY).doAnswer(delegatesTo(real)).when(ops).startXmit(any(), any());

        b.machine.net().devQueueXmit(b.devImpl(), txFrame(b, 1));
        b.machine.run(MS);
        assertThat(tags(b)).as("seed %d", seed).containsExactly(1);
    }

    // NDO — dev_set_mtu checks [min_mtu, max_mtu] and returns EINVAL before ndo_change_mtu ([DEV-C] dev_validate_mtu)
    @Test
    void ndo_mtuOutsideRangeIsRejectedBeforeChangeMtu() throws Exception {
        long seed = 2004;
        NetBench b = bench(seed).up();
        NetDeviceOps ops = spyOps(b);

        for (int bad : new int[] {67, 1501, 0, -1}) {
            assertThatThrownBy(() -> b.machine.net().setMtu(b.devImpl(), bad)).as("seed %d, mtu %d", seed, bad)
                    .isInstanceOf(ErrnoException.class)
                    .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL);
        }
        verify(ops, never()).changeMtu(any(), anyInt());
        assertThat(b.dev.mtu()).as("seed %d", seed).isEqualTo(1500);

        b.machine.net().setMtu(b.devImpl(), 68);
        b.machine.net().setMtu(b.devImpl(), 1500);
        InOrder order = inOrder(ops);
        order.verify(ops).changeMtu(b.dev, 68);
        order.verify(ops).changeMtu(b.dev, 1500);
        assertThat(b.dev.mtu()).as("seed %d", seed).isEqualTo(1500);
        assertClean(b.machine, "MTU changes");
    }

    // NDO — dev_set_mac_address: a multicast or all-zero address is EADDRNOTAVAIL before ndo_set_mac_address ([DEV-C] dev_pre_changeaddr_notify / eth_prepare_mac_addr_change)
    @Test
    void ndo_invalidMacIsRejectedBeforeSetMacAddress() throws Exception {
        long seed = 2005;
        NetBench b = bench(seed).up();
        NetDeviceOps ops = spyOps(b);
        doNothing().when(ops).setMacAddress(any(), any());

        for (MacAddress bad : List.of(MacAddress.ZERO, MacAddress.BROADCAST, MacAddress.parse("01:00:5e:00:00:01"),
                MacAddress.parse("33:33:00:00:00:01"))) {
            assertThatThrownBy(() -> b.machine.net().setMacAddress(b.devImpl(), bad)).as("seed %d, %s", seed, bad)
                    .isInstanceOf(ErrnoException.class)
                    .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EADDRNOTAVAIL);
        }
        verify(ops, never()).setMacAddress(any(), any());
        assertThat(b.dev.macAddress()).as("seed %d", seed).isEqualTo(NetBench.MAC);

        MacAddress good = MacAddress.parse("02:11:22:33:44:55");
        b.machine.net().setMacAddress(b.devImpl(), good);
        verify(ops).setMacAddress(b.dev, good);
        assertThat(b.dev.macAddress()).as("seed %d", seed).isEqualTo(good);
        assertClean(b.machine, "MAC changes");
    }

    // R26 — ndo_stop runs with netif_running() already false ([DEV-C] __dev_close_many clears __LINK_STATE_START first)
    @Test
    void r26_ndoStopRunsWithRunningFalse() {
        long seed = 2006;
        NetBench b = bench(seed).up();
        NetDeviceOps real = b.devImpl().ops;
        NetDeviceOps ops = spyOps(b);
        List<Boolean> runningInStop = new ArrayList<>();
        doAnswer(inv -> {
            NetDevice d = inv.getArgument(0);
            runningInStop.add(d.running());
            real.stop(d);
            return null;
        }).when(ops).stop(any());

        b.down();
        assertThat(runningInStop).as("seed %d", seed).containsExactly(false);
        assertThat(b.dev.running()).as("seed %d", seed).isFalse();
        assertClean(b.machine, "ip link set down");
    }

    // R26 — ndo_open runs with netif_running() already true; a failing open leaves it false ([DEV-C] __dev_open sets __LINK_STATE_START before ndo_open)
    @Test
    void r26_ndoOpenRunsWithRunningTrue() throws Exception {
        long seed = 2007;
        NetBench b = bench(seed);
        NetDeviceOps real = b.devImpl().ops;
        NetDeviceOps ops = spyOps(b);
        List<Boolean> runningInOpen = new ArrayList<>();
        doAnswer(inv -> {
            NetDevice d = inv.getArgument(0);
            runningInOpen.add(d.running());
            real.open(d);
            return null;
        }).when(ops).open(any());
        b.up();
        assertThat(runningInOpen).as("seed %d", seed).containsExactly(true);
    }

    // R26 — a failing ndo_open leaves the device down ([DEV-C] __dev_open clears __LINK_STATE_START on error)
    @Test
    void r26_failingNdoOpenLeavesTheDeviceDown() throws Exception {
        long seed = 2008;
        NetBench b = bench(seed);
        NetDeviceOps ops = spyOps(b);
        doThrow(new ErrnoException(Errno.ENOMEM, "rings")).when(ops).open(any());
        assertThatThrownBy(() -> b.machine.net().devOpen(b.devImpl())).as("seed %d", seed)
                .isInstanceOf(ErrnoException.class);
        assertThat(b.dev.running()).as("seed %d", seed).isFalse();
        verify(ops, never()).stop(any());
        assertClean(b.machine, "failed open");
    }

    // NDO — unregister_netdev of an up device closes it first: ndo_stop while still registered ([DEV-C] unregister_netdevice_many -> dev_close_many)
    @Test
    void ndo_unregisterOfAnUpDeviceClosesItFirst() throws Exception {
        long seed = 2009;
        NetBench b = bench(seed).up();
        NetDeviceOps real = b.devImpl().ops;
        NetDeviceOps ops = spyOps(b);
        List<Boolean> registeredInStop = new ArrayList<>();
        doAnswer(inv -> {
            registeredInStop.add(b.devImpl().registered());
            real.stop(inv.getArgument(0));
            return null;
        }).when(ops).stop(any());

        b.machine.rmmod("benchnic"); // remove -> devm: unregister_netdev, free_netdev
        verify(ops, times(1)).stop(b.dev);
        assertThat(registeredInStop).as("seed %d: closed before it left the device list", seed).containsExactly(true);
        assertThat(b.devImpl().registered()).as("seed %d", seed).isFalse();
        assertThat(b.dev.running()).as("seed %d", seed).isFalse();
        assertClean(b.machine, "rmmod of an up device");
    }

    // NDO — ndo_set_rx_mode: called with the new flags and address list, bottom halves off, and only while up ([DEV-C] __dev_set_rx_mode returns early without IFF_UP)
    @Test
    void ndo_setRxModeSeesFlagsAndGroupsOnlyWhileUp() throws Exception {
        long seed = 2010;
        NetBench b = bench(seed);
        NetDeviceOps ops = spyOps(b);
        List<String> seen = new ArrayList<>();
        doAnswer(inv -> {
            NetDevice d = inv.getArgument(0);
            seen.add(Integer.toHexString(d.flags()) + " " + d.mcAddresses() + (b.machine.kernel().inAtomicContext() ? " atomic" : ""));
            return null;
        }).when(ops).setRxMode(any());
        NetCore net = b.machine.net();
        MacAddress group = MacAddress.parse("01:00:5e:00:00:01");

        net.setPromisc(b.devImpl(), true); // down: the flag changes, the driver is not asked
        verify(ops, never()).setRxMode(any());
        assertThat(b.dev.flags() & NetDeviceFlags.PROMISC).as("seed %d", seed).isEqualTo(NetDeviceFlags.PROMISC);

        b.up();
        net.setAllmulti(b.devImpl(), true);
        net.setPromisc(b.devImpl(), false);
        net.mcAdd(b.devImpl(), group);
        net.mcDel(b.devImpl(), group);
        assertThat(seen).as("seed %d", seed).containsExactly(
                "1303 [] atomic", // UP|BROADCAST|MULTICAST|PROMISC|ALLMULTI
                "1203 [] atomic",
                "1203 [01:00:5e:00:00:01] atomic",
                "1203 [] atomic");
        assertThatThrownBy(() -> net.mcAdd(b.devImpl(), NetBench.MAC)).as("a unicast address is no group")
                .isInstanceOf(ErrnoException.class).extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL);
        net.mcAdd(b.devImpl(), group);
        assertThatThrownBy(() -> net.mcAdd(b.devImpl(), group)).isInstanceOf(ErrnoException.class)
                .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EEXIST);
        net.mcDel(b.devImpl(), group);
        assertThatThrownBy(() -> net.mcDel(b.devImpl(), group)).isInstanceOf(ErrnoException.class)
                .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.ENOENT);
        assertClean(b.machine, "rx mode changes");
    }
}
