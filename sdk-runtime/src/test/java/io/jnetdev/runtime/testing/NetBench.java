package io.jnetdev.runtime.testing;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.NapiPoll;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test bench for the packet path: a {@link TestPciModel} with one MSI-X vector driven by a small
 * NAPI driver whose "hardware receive ring" is a queue of frames the test fills. The interrupt
 * handler follows the canonical pattern (R14: prep, mask, schedule); the default poll receives up
 * to its budget and re-arms only when {@code napiCompleteDone} says so (R13). A test may replace
 * the poll with a broken one, or switch the driver to the old {@code netif_rx} interface.
 */
public final class NetBench {
    public static final MacAddress MAC = MacAddress.parse("52:54:00:12:34:56");
    public static final String PCI_DEV = "0000:00:03.0";

    public final Machine machine;
    public final TestPciModel model;
    /** Frames the "hardware" has received and the driver has not yet taken. */
    public final ArrayDeque<byte[]> rxRing = new ArrayDeque<>();
    /** Frames the driver transmitted, in order. */
    public final List<byte[]> transmitted = new ArrayList<>();
    /** Frames each protocol sink received, by ethertype. */
    public final Map<Integer, long[]> received = new java.util.HashMap<>();
    public NetDevice dev;
    public Napi napi;
    public int irq;
    /** Whether the driver has masked its interrupt (NAPI owns the device). */
    public boolean irqMasked;
    /** Interrupts the handler took. */
    public long interrupts;
    /** The poll the NAPI instance runs; replace it to model a broken driver. */
    public NapiPoll poll = this::goodPoll;
    /** Old interface: the handler receives every frame and hands it to netif_rx. */
    public boolean useNetifRx;
    /** Transmit ring size; startXmit stops the queue when it is full. */
    public int txRingSize = 64;
    /** Frames in the transmit ring the "hardware" has not completed yet. */
    public int txInFlight;
    /** The driver's PCI device, as probe got it (for IRQ-core calls such as {@code enable_irq}). */
    public PciDev pdev;
    /**
     * Mask with {@code disable_irq}/{@code enable_irq} through the IRQ core as well as in the
     * "device": lets the runtime see the driver's masking (unbalanced enables, re-arming).
     */
    public boolean maskWithDisableIrq;
    /** Virtual times at which {@code ndo_tx_timeout} was called. */
    public final List<Long> txTimeoutAt = new ArrayList<>();
    /** Whether each {@code ndo_tx_timeout} call ran in softirq context (the watchdog timer's). */
    public final List<Boolean> txTimeoutInSoftirq = new ArrayList<>();
    /** What {@code ndo_tx_timeout} does after recording the call (a reset, a sleep); nothing by default. */
    public Runnable onTxTimeout = () -> { };
    private IoRegion regs;

    private NetBench(MachineConfig.Builder config, int weight, long modprobeAtNanos, com.google.inject.Module... overrides)
            throws ErrnoException {
        this.model = TestPciModel.builder().msix(1).build();
        this.machine = Machines.booted(config.slot(3, () -> model), overrides);
        if (modprobeAtNanos > 0) {
            machine.run(modprobeAtNanos);
        }
        TestDriver drv = new TestDriver("benchnic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((pdev, id) -> {
            this.pdev = pdev;
            pdev.pcimEnableDevice();
            regs = pdev.pcimIomapRegions(1, "benchnic");
            pdev.allocIrqVectors(1, 1, IrqVectorFlags.ALL_TYPES);
            pdev.devmAddAction("vectors", pdev::freeIrqVectors);
            irq = pdev.irqVector(0);
            dev = pdev.allocEtherdev();
            dev.setMacAddress(MAC);
            dev.setOps(new Ops());
            napi = dev.napiAdd((n, budget) -> poll.poll(n, budget), weight);
            pdev.devmRequestIrq(irq, i -> interrupt(), 0, "benchnic", this);
            dev.register();
            NetDevice d = dev;
            pdev.devmAddAction("netdev", () -> {
                d.unregister();
                d.free();
            });
            return ProbeResult.bound();
        });
        machine.modules().addAvailable("benchnic", () -> new TestModule("benchnic", drv));
        machine.modprobe("benchnic", Map.of());
        for (int type : new int[] {EtherType.IPV4, EtherType.ARP, EtherType.IPV6}) {
            long[] count = new long[1];
            received.put(type, count);
            machine.net().devAddPack(type, skb -> count[0]++);
        }
    }

    /** A bench on a machine from {@code config} (slot 3 is taken) with NAPI weight {@code weight}. */
    public static NetBench create(MachineConfig.Builder config, int weight) {
        return create(config, weight, 0);
    }

    /**
     * A bench whose driver is loaded {@code modprobeAtNanos} after boot (so that what probe does
     * happens at a non-zero virtual time), on a machine whose runtime bindings {@code overrides}
     * replace (a cost model, sysctl defaults).
     */
    public static NetBench create(MachineConfig.Builder config, int weight, long modprobeAtNanos,
                                  com.google.inject.Module... overrides) {
        try {
            return new NetBench(config, weight, modprobeAtNanos, overrides);
        } catch (ErrnoException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bench with 2 CPUs, the given seed and weight 64. */
    public static NetBench create(long seed) {
        return create(MachineConfig.builder().seed(seed), 64);
    }

    public NetDeviceImpl devImpl() {
        return (NetDeviceImpl) dev;
    }

    /** {@code ip link set DEV up}. */
    public NetBench up() {
        try {
            machine.net().devOpen(devImpl());
        } catch (ErrnoException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code ip link set DEV down}. */
    public NetBench down() {
        machine.net().devClose(devImpl());
        return this;
    }

    /** An IPv4 frame of {@code size} bytes to this interface (size at least 60). */
    public static byte[] frame(int size, MacAddress dst, int etherType) {
        byte[] f = new byte[size];
        byte[] d = dst.octets();
        System.arraycopy(d, 0, f, 0, 6);
        byte[] s = MacAddress.parse("02:00:00:00:00:01").octets();
        System.arraycopy(s, 0, f, 6, 6);
        f[12] = (byte) (etherType >>> 8);
        f[13] = (byte) etherType;
        for (int i = 14; i < size; i++) {
            f[i] = (byte) i;
        }
        return f;
    }

    /** The hardware receives {@code count} frames and, unless the driver masked it, interrupts. */
    public void receive(int count, int size) {
        for (int i = 0; i < count; i++) {
            rxRing.addLast(frame(size, MAC, EtherType.IPV4));
        }
        if (!irqMasked) {
            model.raise(1, 0);
        }
    }

    /** The hardware receives one given frame and, unless the driver masked it, interrupts. */
    public void receiveFrame(byte[] frame) {
        rxRing.addLast(frame);
        if (!irqMasked) {
            model.raise(1, 0);
        }
    }

    /** Descriptors in the "hardware" receive ring; a frame arriving to a full ring is missed. */
    public int rxRingSize = 256;
    /** Frames the hardware missed because the ring was full. */
    public long rxMissed;
    /** Frames the traffic source offered to the port. */
    public long offered;
    private long rxMissedReported;

    /**
     * Offers {@code fps} frames per second of {@code size} bytes for {@code durationNanos}, evenly
     * spaced, starting now: each lands in the ring (or is missed) and interrupts unless masked.
     */
    public void startTraffic(long fps, int size, long durationNanos) {
        startTraffic(fps, size, durationNanos, false);
    }

    /**
     * As {@link #startTraffic(long, int, long)}; with {@code jitter} each gap is drawn uniformly
     * from [gap/2, 3·gap/2) with the machine's seeded random source, so the seed shapes the run.
     * A frame arriving while the interface is down is missed: its receiver is off.
     */
    public void startTraffic(long fps, int size, long durationNanos, boolean jitter) {
        long gap = 1_000_000_000L / fps;
        long end = machine.engine().now() + durationNanos;
        byte[] f = frame(size, MAC, EtherType.IPV4);
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            offered++;
            if (!dev.running() || rxRing.size() >= rxRingSize) {
                rxMissed++;
            } else {
                rxRing.addLast(f);
                if (!irqMasked) {
                    model.raise(1, 0);
                }
            }
            long next = jitter ? gap / 2 + machine.engine().random().nextLong(gap) : gap;
            if (machine.engine().now() + next < end) {
                machine.engine().scheduleIn(next, "traffic", tick[0]);
            }
        };
        machine.engine().scheduleIn(0, "traffic", tick[0]);
    }

    /**
     * The hardware completes {@code n} transmitted frames and the driver reclaims them, waking the
     * queue if it had stopped it, as a driver's TX clean-up does.
     */
    public void completeTx(int n) {
        txInFlight = Math.max(0, txInFlight - n);
        if (dev.queueStopped() && txInFlight < txRingSize) {
            dev.wakeQueue();
        }
    }

    /** Frames delivered to the IPv4 sink. */
    public long deliveredIpv4() {
        return received.get(EtherType.IPV4)[0];
    }

    // ---- the driver ----------------------------------------------------------------------------

    private IrqReturn interrupt() {
        int cause = regs.read32(TestPciModel.REG_CAUSE);
        if (cause == 0) {
            return IrqReturn.NONE;
        }
        regs.write32(TestPciModel.REG_CAUSE, cause);
        interrupts++;
        if (useNetifRx) {
            byte[] f;
            while ((f = rxRing.pollFirst()) != null) {
                Skb skb = toSkb(f);
                if (skb != null) {
                    dev.netifRx(skb);
                }
            }
            return IrqReturn.HANDLED;
        }
        if (napi.schedulePrep()) {
            irqMasked = true; // R14: mask before scheduling
            if (maskWithDisableIrq) {
                pdev.disableIrq(irq);
            }
            napi.scheduleNow();
        }
        return IrqReturn.HANDLED;
    }

    /** Copies a frame from the "ring" into a new skb and classifies it, as a driver's receive does. */
    public Skb toSkb(byte[] f) {
        Skb skb = dev.allocSkb(f.length);
        if (skb == null) {
            dev.countRxDrop("rx_alloc_failed", 1);
            return null;
        }
        skb.put(f.length).copyFrom(MemorySegment.ofArray(f));
        dev.ethTypeTrans(skb);
        return skb;
    }

    /** The canonical poll: receive up to budget, complete only with budget left, re-arm only on true. */
    public int goodPoll(Napi n, int budget) {
        int work = 0;
        while (work < budget && !rxRing.isEmpty()) {
            Skb skb = toSkb(rxRing.pollFirst());
            if (skb != null) {
                dev.receiveSkb(skb);
            }
            work++;
        }
        if (work < budget && n.completeDone(work)) {
            unmask();
        }
        return work;
    }

    /** Re-arms the interrupt (after a {@code napiCompleteDone} that returned true, in a correct driver). */
    public void unmask() {
        irqMasked = false;
        if (maskWithDisableIrq) {
            pdev.enableIrq(irq);
        }
        if (!rxRing.isEmpty()) {
            model.raise(1, 0); // frames arrived while masked: the hardware interrupts again
        }
    }

    private final class Ops implements NetDeviceOps {
        @Override
        public void open(NetDevice d) {
            napi.enable();
            d.carrierOn();
            d.startQueue();
        }

        @Override
        public void stop(NetDevice d) {
            d.stopQueue();
            napi.disable();
            d.carrierOff();
            // The receiver stops: what is still in the ring is lost, and counted.
            if (!rxRing.isEmpty()) {
                d.countRxDrop("rx_ring_flushed", rxRing.size());
                rxRing.clear();
            }
            irqMasked = false;
        }

        @Override
        public void getStats64(NetDevice d, io.jnetdev.api.net.RtnlLinkStats64 stats) {
            // Harvest the hardware's missed-frame counter, as drivers read theirs in their stats path.
            if (rxMissed > rxMissedReported) {
                d.countRxDrop("rx_missed", rxMissed - rxMissedReported);
                rxMissedReported = rxMissed;
            }
            d.coreStats(stats);
            stats.rxMissedErrors = rxMissed;
        }

        @Override
        public void txTimeout(NetDevice d, int queue) {
            txTimeoutAt.add(machine.kernel().nowNanos());
            txTimeoutInSoftirq.add(machine.cpus().current().inSoftIrq());
            onTxTimeout.run();
        }

        @Override
        public NetdevTx startXmit(Skb skb, NetDevice d) {
            if (txInFlight >= txRingSize) {
                d.stopQueue();
                return NetdevTx.BUSY;
            }
            transmitted.add(skb.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            txInFlight++;
            d.consumeSkb(skb);
            if (txInFlight >= txRingSize) {
                d.stopQueue(); // stop before the ring is full, so that TX_BUSY never happens
            }
            return NetdevTx.OK;
        }
    }
}
