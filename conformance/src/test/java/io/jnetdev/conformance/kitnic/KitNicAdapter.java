package io.jnetdev.conformance.kitnic;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Drvinfo;
import io.jnetdev.api.ethtool.EthtoolOps;
import io.jnetdev.api.ethtool.RingParam;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.KernelTimer;
import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.PciDev;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The kit test driver's per-device state: rings, {@code net_device_ops}, the interrupt handler
 * (prep, mask, schedule), the NAPI poll (TX reclaim, receive up to the budget, complete and
 * re-arm only under budget and only on true) and a few ethtool ops — each with its
 * {@link Breakage} hook where a variant breaks it.
 */
final class KitNicAdapter implements NetDeviceOps {
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final int RING_MAX = 4096;

    private final PciDev pdev;
    private final IoRegion regs;
    private final NetDevice netdev;
    private final int irq;
    private final Breakage breakage;
    Napi napi;
    private int rxCount = 256;
    private int txCount = 256;
    private Ring rx;
    private Ring tx;
    private boolean down = true;
    private int imsShadow;
    /** REARM_WHILE_SCHEDULED: the line is also held with disable_irq while NAPI runs. */
    private boolean lineDisabled;
    private boolean busyOnce = true;
    private DmaBuffer leaked;
    private KernelTimer timer;
    private long rxPackets;
    private long rxBytes;
    private long txPackets;
    private long txBytes;
    private long rxMissed;
    private long rxErrors;
    private long rxDropped;
    private long txDropped;
    private long received;
    private final RtnlLinkStats64 core = new RtnlLinkStats64();

    KitNicAdapter(PciDev pdev, IoRegion regs, NetDevice netdev, int irq, Breakage breakage) {
        this.pdev = pdev;
        this.regs = regs;
        this.netdev = netdev;
        this.irq = irq;
        this.breakage = breakage;
        if (breakage == Breakage.TIMER_LEFT_PENDING) {
            timer = netdev.kernel().timerSetup("kitnic watchdog", () -> { });
        }
    }

    NetDevice netdev() {
        return netdev;
    }

    IoRegion regs() {
        return regs;
    }

    /** A descriptor ring and its buffers in coherent DMA memory; descriptor i points at buffer i. */
    private static final class Ring {
        final int count;
        final DmaBuffer descMem;
        final DmaBuffer bufMem;
        final MemorySegment desc;
        final MemorySegment buf;
        int nextToUse;
        int nextToClean;

        Ring(int count, DmaBuffer descMem, DmaBuffer bufMem) {
            this.count = count;
            this.descMem = descMem;
            this.bufMem = bufMem;
            this.desc = descMem.segment();
            this.buf = bufMem.segment();
            for (int i = 0; i < count; i++) {
                desc.set(LE_LONG, (long) i * Regs.DESC_SIZE, bufMem.dmaAddress() + (long) i * Regs.BUFFER_SIZE);
                desc.set(LE_LONG, (long) i * Regs.DESC_SIZE + 8, 0L);
            }
        }

        int next(int i) {
            return i + 1 == count ? 0 : i + 1;
        }

        boolean done(int i) {
            return (desc.get(ValueLayout.JAVA_BYTE, (long) i * Regs.DESC_SIZE + Regs.STATUS_BYTE) & 1) != 0;
        }

        int unused() {
            return (nextToClean > nextToUse ? 0 : count) + nextToClean - nextToUse - 1;
        }
    }

    private Ring allocRing(int count) throws ErrnoException {
        DmaBuffer d = pdev.dmaAllocCoherent((long) count * Regs.DESC_SIZE);
        try {
            return new Ring(count, d, pdev.dmaAllocCoherent((long) count * Regs.BUFFER_SIZE));
        } catch (ErrnoException e) {
            pdev.dmaFreeCoherent(d);
            throw e;
        }
    }

    private void freeRing(Ring r) {
        pdev.dmaFreeCoherent(r.bufMem);
        pdev.dmaFreeCoherent(r.descMem);
    }

    // ---- open / stop ---------------------------------------------------------------------------

    @Override
    public void open(NetDevice dev) throws ErrnoException {
        Ring newRx = allocRing(rxCount);
        try {
            tx = allocRing(txCount);
        } catch (ErrnoException e) {
            freeRing(newRx);
            throw e;
        }
        rx = newRx;
        if (breakage == Breakage.LEAK_DMA_BUFFER) {
            leaked = pdev.dmaAllocCoherent(4096); // never freed
        }
        if (timer != null) {
            timer.modTimer(dev.kernel().jiffies() + dev.kernel().msecsToJiffies(60_000)); // never deleted
        }
        updateHwStats();
        long t = tx.descMem.dmaAddress();
        regs.write32(Regs.TDBAL, (int) t);
        regs.write32(Regs.TDBAH, (int) (t >>> 32));
        regs.write32(Regs.TDLEN, tx.count * Regs.DESC_SIZE);
        regs.write32(Regs.TDH, 0);
        regs.write32(Regs.TDT, 0);
        long r = rx.descMem.dmaAddress();
        regs.write32(Regs.RDBAL, (int) r);
        regs.write32(Regs.RDBAH, (int) (r >>> 32));
        regs.write32(Regs.RDLEN, rx.count * Regs.DESC_SIZE);
        regs.write32(Regs.RDH, 0);
        regs.write32(Regs.RDT, rx.count - 1);
        down = false;
        napi.enable();
        if (breakage == Breakage.DOUBLE_NAPI_ENABLE) {
            napi.enable();
        }
        regs.write32(Regs.CTRL, Regs.CTRL_RXEN | Regs.CTRL_TXEN);
        irqEnable();
        if ((regs.read32(Regs.STATUS) & Regs.STATUS_LU) != 0) {
            dev.carrierOn();
        }
        dev.startQueue();
    }

    @Override
    public void stop(NetDevice dev) {
        down = true;
        dev.stopQueue();
        irqDisable();
        regs.write32(Regs.CTRL, 0);
        dev.carrierOff();
        napi.disable();
        if (lineDisabled) {
            lineDisabled = false;
            pdev.enableIrq(irq);
        }
        long stranded = 0;
        for (int i = rx.nextToClean; rx.done(i) && stranded < rx.count; i = rx.next(i)) {
            stranded++;
        }
        if (stranded > 0) {
            rxDropped += stranded;
            dev.countRxDrop("rx_dropped", stranded);
        }
        updateHwStats();
        cleanTx();
        txDropped += dropUnsent(tx); // posted, never sent: counted, as e1000_clean_tx_ring does
        freeRing(rx);
        freeRing(tx);
        rx = null;
        tx = null;
        if (breakage == Breakage.STATS_RESET_ON_DOWN) {
            rxPackets = 0;
            rxBytes = 0;
        }
    }

    // ---- interrupts ----------------------------------------------------------------------------

    private void irqEnable() {
        imsShadow = Regs.IMS_ENABLE;
        regs.write32(Regs.IMS, Regs.IMS_ENABLE);
    }

    private void irqDisable() {
        imsShadow = 0;
        regs.write32(Regs.IMC, Regs.ICR_ALL);
    }

    IrqReturn interrupt(int irqNumber) {
        if (breakage == Breakage.SLEEP_IN_IRQ) {
            netdev.kernel().mightSleep();
        }
        int pending = regs.read32(Regs.ICR) & imsShadow;
        if (pending == 0) {
            return breakage == Breakage.CLAIM_SHARED_IRQ ? IrqReturn.HANDLED : IrqReturn.NONE;
        }
        regs.write32(Regs.ICR, pending);
        if ((pending & Regs.ICR_LSC) != 0) {
            if ((regs.read32(Regs.STATUS) & Regs.STATUS_LU) != 0) {
                netdev.carrierOn();
            } else {
                netdev.carrierOff();
            }
        }
        if ((pending & Regs.ICR_RXO) != 0) {
            updateMissed();
        }
        if ((pending & (Regs.ICR_RXT0 | Regs.ICR_TXDW | Regs.ICR_RXO)) != 0) {
            if (breakage == Breakage.SCHEDULE_WITHOUT_PREP) {
                irqDisable();
                napi.scheduleNow();
            } else if (napi.schedulePrep()) {
                irqDisable();
                if (breakage == Breakage.REARM_WHILE_SCHEDULED && !lineDisabled) {
                    lineDisabled = true;
                    pdev.disableIrq(irq);
                }
                napi.scheduleNow();
            }
        }
        return IrqReturn.HANDLED;
    }

    // ---- NAPI poll -----------------------------------------------------------------------------

    int poll(Napi n, int budget) {
        cleanTx();
        if (budget == 0) {
            if (breakage == Breakage.COMPLETE_IN_BUDGET_ZERO) {
                n.completeDone(0);
            }
            return 0;
        }
        int work = cleanRx(budget);
        if (work == budget) {
            switch (breakage) {
                case POLL_OVER_BUDGET -> {
                    return budget + 1;
                }
                case COMPLETE_AT_FULL_BUDGET -> {
                    n.completeDone(work); // and then claims the whole budget
                    return budget;
                }
                case RESCHEDULE_AT_BUDGET -> {
                    n.scheduleNow();
                    return budget;
                }
                default -> {
                    return budget;
                }
            }
        }
        if (breakage == Breakage.NEVER_COMPLETE) {
            return work;
        }
        if (breakage == Breakage.REARM_WHILE_SCHEDULED) {
            n.completeDone(work); // the return value is ignored: the line is re-enabled regardless
            if (lineDisabled) {
                lineDisabled = false;
                pdev.enableIrq(irq);
            }
            if (!down) {
                irqEnable();
            }
            return work;
        }
        if (n.completeDone(work) && !down) {
            irqEnable();
        }
        return work;
    }

    private int cleanRx(int budget) {
        Ring r = rx;
        int i = r.nextToClean;
        int work = 0;
        while (work < budget && r.done(i)) {
            long d = (long) i * Regs.DESC_SIZE;
            int length = r.desc.get(LE_SHORT, d + Regs.LENGTH) & 0xFFFF;
            Skb skb = netdev.allocSkb(length);
            received++;
            if (skb == null) {
                rxDropped++;
                netdev.countRxDrop("alloc_rx_buff_failed", 1);
            } else if (breakage == Breakage.SILENT_DROP && received % 10 == 0) {
                netdev.kfreeSkb(skb); // dropped and counted nowhere
            } else if (breakage == Breakage.DOUBLE_FREE_SKB && received % 64 == 0) {
                netdev.kfreeSkb(skb);
                netdev.kfreeSkb(skb);
                rxDropped++;
                netdev.countRxDrop("rx_dropped", 1);
            } else {
                MemorySegment.copy(r.buf, (long) i * Regs.BUFFER_SIZE, skb.put(length), 0, length);
                netdev.ethTypeTrans(skb);
                rxPackets++;
                rxBytes += length;
                netdev.receiveSkb(skb);
            }
            r.desc.set(LE_LONG, d + 8, 0L);
            i = r.next(i);
            work++;
        }
        if (work > 0) {
            r.nextToClean = i;
            regs.write32(Regs.RDT, i == 0 ? r.count - 1 : i - 1);
        }
        return work;
    }

    private void cleanTx() {
        Ring t = tx;
        int i = t.nextToClean;
        int cleaned = 0;
        while (i != t.nextToUse && t.done(i)) {
            long d = (long) i * Regs.DESC_SIZE;
            txPackets++;
            txBytes += t.desc.get(LE_SHORT, d + Regs.LENGTH) & 0xFFFF;
            t.desc.set(LE_LONG, d + 8, 0L);
            i = t.next(i);
            cleaned++;
        }
        t.nextToClean = i;
        if (cleaned > 0 && t.unused() >= Math.min(32, t.count / 2) && netdev.queueStopped() && !down) {
            netdev.wakeQueue();
        }
    }

    // ---- transmit ------------------------------------------------------------------------------

    /** Frames posted to {@code t} that the card has not sent; their descriptors are cleared. */
    private static long dropUnsent(Ring t) {
        long n = 0;
        for (int i = t.nextToClean; i != t.nextToUse; i = t.next(i)) {
            t.desc.set(LE_LONG, (long) i * Regs.DESC_SIZE + 8, 0L);
            n++;
        }
        return n;
    }

    /**
     * {@code ndo_tx_timeout} (from the watchdog's timer, so nothing here sleeps): what the card sent
     * is reclaimed, the rest is dropped and counted, the transmitter restarts on an empty ring and
     * the queue wakes — e1000e's reset task in miniature.
     */
    @Override
    public void txTimeout(NetDevice dev, int queue) {
        if (breakage == Breakage.TX_TIMEOUT_IGNORED || down) {
            return;
        }
        regs.write32(Regs.CTRL, Regs.CTRL_RXEN); // transmitter off while the ring is reset
        cleanTx();
        Ring t = tx;
        txDropped += dropUnsent(t);
        t.nextToUse = 0;
        t.nextToClean = 0;
        regs.write32(Regs.TDH, 0);
        regs.write32(Regs.TDT, 0);
        regs.write32(Regs.CTRL, Regs.CTRL_RXEN | Regs.CTRL_TXEN);
        dev.transUpdate();
        dev.wakeQueue();
    }

    @Override
    public NetdevTx startXmit(Skb skb, NetDevice dev) {
        Ring t = tx;
        if (t.unused() < 1) {
            if (breakage == Breakage.TX_BUSY_QUEUE_AWAKE && busyOnce) {
                busyOnce = false;
                return NetdevTx.BUSY; // with the queue awake
            }
            dev.stopQueue();
            return NetdevTx.BUSY;
        }
        int length = skb.len();
        int i = t.nextToUse;
        skb.copyBits(0, t.buf, (long) i * Regs.BUFFER_SIZE, length);
        t.desc.set(LE_LONG, (long) i * Regs.DESC_SIZE + Regs.LENGTH,
                length | (long) (Regs.TXD_CMD_EOP | Regs.TXD_CMD_RS) << Regs.TXD_CMD_SHIFT);
        t.nextToUse = t.next(i);
        dev.consumeSkb(skb);
        regs.write32(Regs.TDT, t.nextToUse);
        dev.transUpdate();
        if (t.unused() < 1 && breakage != Breakage.TX_BUSY_QUEUE_AWAKE) {
            dev.stopQueue();
        }
        return NetdevTx.OK;
    }

    // ---- statistics ----------------------------------------------------------------------------

    private void updateMissed() {
        long missed = regs.read32(Regs.MPC) & 0xFFFF_FFFFL;
        if (missed > 0) {
            rxMissed += missed;
            netdev.countRxDrop("rx_missed_errors", missed);
        }
    }

    private void updateHwStats() {
        updateMissed();
        long errors = regs.read32(Regs.RXERRC) & 0xFFFF_FFFFL;
        if (errors > 0) {
            rxErrors += errors;
            netdev.countRxDrop("rx_errors", errors);
        }
    }

    @Override
    public void getStats64(NetDevice dev, RtnlLinkStats64 stats) {
        updateHwStats();
        core.clear();
        dev.coreStats(core);
        stats.rxPackets = rxPackets;
        stats.rxBytes = rxBytes;
        stats.txPackets = txPackets;
        stats.txBytes = txBytes;
        stats.rxMissedErrors = rxMissed;
        stats.rxErrors = rxErrors;
        stats.rxDropped = rxDropped + core.rxDropped;
        stats.txDropped = core.txDropped + txDropped;
    }

    // ---- ethtool -------------------------------------------------------------------------------

    EthtoolOps ethtool() {
        return new EthtoolOps() {
            @Override
            public Drvinfo getDrvinfo(NetDevice dev) {
                return new Drvinfo(breakage == Breakage.WRONG_DRVINFO ? "kitnic-x" : KitNicModule.NAME, "1.0", "",
                        pdev.name());
            }

            @Override
            public RingParam getRingparam(NetDevice dev) {
                return RingParam.of(RING_MAX, RING_MAX, rxCount, txCount);
            }

            @Override
            public void setRingparam(NetDevice dev, RingParam ring) throws ErrnoException {
                if (ring.rxPending() % 8 != 0 || ring.txPending() % 8 != 0 || ring.rxPending() < 8 || ring.txPending() < 8) {
                    throw new ErrnoException(Errno.EINVAL, "ring sizes are multiples of 8");
                }
                if (breakage == Breakage.RING_SET_IGNORED) {
                    return;
                }
                boolean running = dev.running();
                if (running) {
                    stop(dev);
                }
                rxCount = ring.rxPending();
                txCount = ring.txPending();
                if (running) {
                    open(dev);
                }
            }
        };
    }
}
