package io.jnetdev.drivers.testnic;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.PciDev;
import java.lang.foreign.MemorySegment;

/**
 * Per-device state of the test NIC driver ({@code struct e1000_adapter}, {@code netdev_priv}):
 * the mapped registers, the rings, the NAPI instance, the software counters — and the
 * {@code net_device_ops}, the interrupt handler and the NAPI poll that work on them.
 *
 * <p>The interrupt handler follows NAPI's IRQ-masking pattern (R14): claim only causes the card
 * raised while unmasked, clear them, and on receive or transmit work
 * {@code napi_schedule_prep} → mask everything → {@code __napi_schedule}. The poll reclaims all
 * transmit completions (not counted against the budget, R8), receives up to the budget, returns
 * the ring to the card, and unmasks only if it finished under budget and
 * {@code napi_complete_done} returned true (R9–R11, R13).
 *
 * <p>With {@code napi=0} the driver receives the way Linux drivers did before NAPI (2.4.20) and
 * many long after — e1000 built without {@code CONFIG_E1000_NAPI}, eepro100, 8139too before its
 * NAPI conversion, tulip without {@code CONFIG_TULIP_NAPI}: the handler leaves the card unmasked,
 * takes every frame the ring holds, copies each into an skb and queues it with {@code netif_rx}
 * for the backlog's softirq ({@code e1000_intr} → {@code e1000_clean_rx_irq} → {@code netif_rx}).
 * The card has no interrupt moderation, so each frame that completes while the cause is clear
 * raises the next interrupt. All the per-frame work up to the backlog is paid in hard-IRQ context,
 * which the protocol's softirq can never preempt: the receive livelock of Mogul and Ramakrishnan.
 */
public final class TestNicAdapter implements NetDeviceOps {
    /** {@code NAPI_POLL_WEIGHT}. */
    static final int NAPI_WEIGHT = 64;
    /** e1000's {@code TX_WAKE_THRESHOLD}, capped at half of small rings. */
    static final int TX_WAKE_THRESHOLD = 32;

    private final PciDev pdev;
    private final IoRegion regs;
    private final NetDevice netdev;
    private final int irq;
    private final int rxCount;
    private final int txCount;
    private final int txWakeThreshold;
    /** {@code napi=1}; without it {@link #napi} stays null and the handler receives ({@link #cleanRx}). */
    private final boolean useNapi;
    Napi napi;
    private DescRing rx;
    private DescRing tx;
    /** {@code __E1000_DOWN}: set while the interface is down or going down; the poll must not re-arm. */
    private boolean down = true;
    /** The causes unmasked in the card, as the driver last wrote them (the handler claims only these). */
    private int imsShadow;

    // ---- software counters ({@code adapter->stats}) ---------------------------------------------
    private long rxPackets;
    private long rxBytes;
    private long txPackets;
    private long txBytes;
    private long rxMissed;
    private long rxErrors;
    private long rxDropped;
    private long txDropped;
    private long allocFailed;
    private long interrupts;
    private long polls;
    private final RtnlLinkStats64 coreScratch = new RtnlLinkStats64();

    TestNicAdapter(PciDev pdev, IoRegion regs, NetDevice netdev, int irq, int rxCount, int txCount, boolean useNapi) {
        this.useNapi = useNapi;
        this.pdev = pdev;
        this.regs = regs;
        this.netdev = netdev;
        this.irq = irq;
        this.rxCount = rxCount;
        this.txCount = txCount;
        this.txWakeThreshold = Math.min(TX_WAKE_THRESHOLD, txCount / 2);
    }

    // ---- ndo_open / ndo_stop ---------------------------------------------------------------------

    /** {@code e1000e_open}: rings, then NAPI, then the card's receiver and interrupts, then the queue (R26). */
    @Override
    public void open(NetDevice dev) throws ErrnoException {
        DescRing newRx = DescRing.allocate(pdev, rxCount);
        DescRing newTx;
        try {
            newTx = DescRing.allocate(pdev, txCount);
        } catch (ErrnoException e) {
            newRx.free(pdev);
            throw new ErrnoException(Errno.ENOMEM, dev.name() + ": no memory for the transmit ring: " + e.getMessage(), e);
        }
        rx = newRx;
        tx = newTx;
        updateHwStats(); // frames missed while down are counted now
        configureTx();
        configureRx();
        down = false;
        if (useNapi) {
            napi.enable();
        }
        regs.write32(Tnic.CTRL, Tnic.CTRL_RXEN | Tnic.CTRL_TXEN);
        irqEnable();
        if ((regs.read32(Tnic.STATUS) & Tnic.STATUS_LU) != 0) {
            dev.carrierOn();
        } else {
            dev.carrierOff();
        }
        dev.startQueue();
    }

    private void configureTx() {
        long base = tx.descMem.dmaAddress();
        regs.write32(Tnic.TDBAL, (int) base);
        regs.write32(Tnic.TDBAH, (int) (base >>> 32));
        regs.write32(Tnic.TDLEN, tx.count * Tnic.DESC_SIZE);
        regs.write32(Tnic.TDH, 0);
        regs.write32(Tnic.TDT, 0);
    }

    private void configureRx() {
        long base = rx.descMem.dmaAddress();
        regs.write32(Tnic.RDBAL, (int) base);
        regs.write32(Tnic.RDBAH, (int) (base >>> 32));
        regs.write32(Tnic.RDLEN, rx.count * Tnic.DESC_SIZE);
        regs.write32(Tnic.RDH, 0);
        // every descriptor but the gap belongs to the card
        regs.write32(Tnic.RDT, rx.count - 1);
    }

    /** {@code e1000e_close} / {@code e1000e_down}: queue, interrupts and card off, NAPI disabled, rings freed. */
    @Override
    public void stop(NetDevice dev) {
        down = true;
        dev.stopQueue();
        irqDisable();
        regs.write32(Tnic.CTRL, 0); // receiver and transmitter off: the card touches the rings no more
        dev.carrierOff();
        if (useNapi) {
            napi.disable();
        }
        flushRings(dev);
        updateHwStats();
        rx.free(pdev);
        tx.free(pdev);
        rx = null;
        tx = null;
    }

    /** Frames the card stored but nobody received, and frames posted but never sent, are dropped here, counted. */
    private void flushRings(NetDevice dev) {
        long stranded = 0;
        for (int i = rx.nextToClean; rx.done(i, Tnic.RXD_STATUS); i = rx.next(i)) {
            stranded++;
            rx.desc.set(DescRing.LE_LONG, rx.descOffset(i) + 8, 0L);
            if (stranded == rx.count) {
                break;
            }
        }
        if (stranded > 0) {
            rxDropped += stranded;
            dev.countRxDrop("rx_dropped", stranded);
        }
        int unsent = 0;
        for (int i = tx.nextToClean; i != tx.nextToUse; i = tx.next(i)) {
            if (!tx.done(i, Tnic.TXD_STATUS)) {
                unsent++;
            }
        }
        txDropped += unsent;
    }

    // ---- interrupts ------------------------------------------------------------------------------

    private void irqEnable() {
        imsShadow = Tnic.IMS_ENABLE; // before the write: an interrupt may be taken at the write itself
        regs.write32(Tnic.IMS, Tnic.IMS_ENABLE);
    }

    private void irqDisable() {
        imsShadow = 0;
        regs.write32(Tnic.IMC, Tnic.ICR_ALL);
    }

    /**
     * The hard-IRQ handler ({@code e1000_intr}). The line may be shared (INTx), so only causes the
     * card raised while unmasked are claimed; a cause that latched while masked waits for the unmask.
     */
    IrqReturn interrupt(int irqNumber) {
        int pending = regs.read32(Tnic.ICR) & imsShadow;
        if (pending == 0) {
            return IrqReturn.NONE;
        }
        regs.write32(Tnic.ICR, pending); // write-1-to-clear what is handled here
        interrupts++;
        if ((pending & Tnic.ICR_LSC) != 0) {
            if ((regs.read32(Tnic.STATUS) & Tnic.STATUS_LU) != 0) {
                netdev.carrierOn();
            } else {
                netdev.carrierOff();
            }
        }
        if ((pending & Tnic.ICR_RXO) != 0) {
            updateMissed();
        }
        if (!useNapi) {
            // the pre-NAPI handler: the card stays unmasked; the work is done here, in hard-IRQ context
            if ((pending & (Tnic.ICR_RXT0 | Tnic.ICR_RXO)) != 0) {
                cleanRx(rx.count); // at most one ring's worth per interrupt
            }
            cleanTx();
            return IrqReturn.HANDLED;
        }
        if ((pending & (Tnic.ICR_RXT0 | Tnic.ICR_TXDW | Tnic.ICR_RXO)) != 0 && napi.schedulePrep()) {
            irqDisable(); // R14: mask, then schedule
            napi.scheduleNow();
        }
        return IrqReturn.HANDLED;
    }

    // ---- NAPI poll -------------------------------------------------------------------------------

    /** The NAPI poll ({@code e1000e_poll}): transmit reclaim, then receive up to the budget. */
    int poll(Napi n, int budget) {
        polls++;
        cleanTx();
        if (budget == 0) {
            return 0; // netpoll: transmit completions only (R12)
        }
        int work = cleanRx(budget);
        if (work == budget) {
            return budget; // more to do: keep the instance, leave the IRQ masked (R9)
        }
        if (n.completeDone(work) && !down) {
            irqEnable(); // only on true (R13)
        }
        return work;
    }

    /**
     * {@code e1000_clean_rx_irq}: copies each completed frame, at most {@code budget}, into a new skb
     * and hands it up — to {@code netif_receive_skb} from the NAPI poll, or queued with
     * {@code netif_rx} from the handler without NAPI (as e1000 did under {@code CONFIG_E1000_NAPI}
     * and without it), where the backlog drops it, counted, when it is full. Gives the descriptors
     * back to the card once at the end.
     */
    private int cleanRx(int budget) {
        DescRing r = rx;
        MemorySegment desc = r.desc;
        int i = r.nextToClean;
        int work = 0;
        while (work < budget && r.done(i, Tnic.RXD_STATUS)) {
            long d = r.descOffset(i);
            int length = desc.get(DescRing.LE_SHORT, d + Tnic.RXD_LENGTH) & 0xFFFF;
            Skb skb = netdev.allocSkb(length);
            if (skb == null) {
                allocFailed++;
                rxDropped++;
                netdev.countRxDrop("alloc_rx_buff_failed", 1);
            } else {
                MemorySegment.copy(r.buffers, r.bufferOffset(i), skb.put(length), 0, length);
                netdev.ethTypeTrans(skb);
                rxPackets++;
                rxBytes += length;
                if (useNapi) {
                    netdev.receiveSkb(skb);
                } else {
                    netdev.netifRx(skb);
                }
            }
            desc.set(DescRing.LE_LONG, d + 8, 0L); // status cleared: the buffer is ready again
            i = r.next(i);
            work++;
        }
        if (work > 0) {
            r.nextToClean = i;
            regs.write32(Tnic.RDT, i == 0 ? r.count - 1 : i - 1);
        }
        return work;
    }

    /** {@code e1000_clean_tx_irq}: reclaims every completed descriptor and wakes the queue when there is room. */
    private void cleanTx() {
        DescRing t = tx;
        int i = t.nextToClean;
        int cleaned = 0;
        while (i != t.nextToUse && t.done(i, Tnic.TXD_STATUS)) {
            long d = t.descOffset(i);
            txPackets++;
            txBytes += t.desc.get(DescRing.LE_SHORT, d + Tnic.TXD_LENGTH) & 0xFFFF;
            t.desc.set(DescRing.LE_LONG, d + 8, 0L);
            i = t.next(i);
            cleaned++;
        }
        t.nextToClean = i;
        if (cleaned > 0 && netdev.carrierOk() && t.unused() >= txWakeThreshold && netdev.queueStopped() && !down) {
            netdev.wakeQueue();
        }
    }

    // ---- transmit --------------------------------------------------------------------------------

    /**
     * {@code ndo_start_xmit}: copies the frame into the descriptor's buffer (so nothing is mapped per
     * frame), frees the skb, and tells the card; stops the queue while no descriptor is left
     * ({@code e1000_maybe_stop_tx}).
     */
    @Override
    public NetdevTx startXmit(Skb skb, NetDevice dev) {
        DescRing t = tx;
        if (t.unused() < 1) {
            dev.stopQueue(); // should not happen: the queue is stopped before the ring fills
            dev.kernel().printk(io.jnetdev.api.kernel.LogLevel.ERR, dev.name() + ": BUG! Tx ring full when queue awake");
            return NetdevTx.BUSY;
        }
        int length = skb.len();
        if (length > Tnic.BUFFER_SIZE || length == 0) {
            txDropped++;
            dev.kfreeSkb(skb);
            return NetdevTx.OK;
        }
        int i = t.nextToUse;
        skb.copyBits(0, t.buffers, t.bufferOffset(i), length);
        t.desc.set(DescRing.LE_LONG, t.descOffset(i) + Tnic.TXD_LENGTH,
                length | (long) (Tnic.TXD_CMD_EOP | Tnic.TXD_CMD_RS) << Tnic.TXD_CMD_SHIFT);
        t.nextToUse = t.next(i);
        dev.consumeSkb(skb);
        regs.write32(Tnic.TDT, t.nextToUse);
        dev.transUpdate();
        if (t.unused() < 1) {
            dev.stopQueue();
            // reclaim may have run meanwhile on another CPU: restart if it made room
            if (t.unused() >= 1) {
                dev.startQueue();
            }
        }
        return NetdevTx.OK;
    }

    // ---- statistics ------------------------------------------------------------------------------

    /** Reads the card's missed-frame counter (clear on read) and accounts the frames as dropped. */
    private void updateMissed() {
        long missed = regs.read32(Tnic.MPC) & 0xFFFF_FFFFL;
        if (missed > 0) {
            rxMissed += missed;
            netdev.countRxDrop("rx_missed_errors", missed);
        }
    }

    /** {@code e1000e_update_stats}: the clear-on-read error counters into the software ones. */
    private void updateHwStats() {
        updateMissed();
        // RXERRC is the card's only error counter: bad lengths and frames damaged on the wire alike
        long errors = regs.read32(Tnic.RXERRC) & 0xFFFF_FFFFL;
        if (errors > 0) {
            rxErrors += errors;
            netdev.countRxDrop("rx_errors", errors);
        }
    }

    /** {@code ndo_get_stats64}: the driver's counters, with the card's read first, plus the core's drops (as {@code dev_get_stats} adds them). */
    @Override
    public void getStats64(NetDevice dev, RtnlLinkStats64 stats) {
        updateHwStats();
        RtnlLinkStats64 core = coreScratch;
        core.clear();
        dev.coreStats(core);
        stats.rxPackets = rxPackets;
        stats.rxBytes = rxBytes;
        stats.txPackets = txPackets;
        stats.txBytes = txBytes;
        stats.rxMissedErrors = rxMissed;
        stats.rxErrors = rxErrors;
        stats.rxDropped = rxDropped + core.rxDropped;
        stats.txDropped = txDropped + core.txDropped;
    }

    // ---- views for tests and tools -----------------------------------------------------------------

    public NetDevice netdev() {
        return netdev;
    }

    /** The NAPI instance, or null with {@code napi=0}. */
    public Napi napi() {
        return napi;
    }

    public IoRegion regs() {
        return regs;
    }

    public int irq() {
        return irq;
    }

    /** Interrupts the handler claimed. */
    public long interrupts() {
        return interrupts;
    }

    /** NAPI polls run. */
    public long polls() {
        return polls;
    }

    /** Frames handed to the stack. */
    public long rxPackets() {
        return rxPackets;
    }

    /** Frames the card missed, as read from it so far. */
    public long rxMissed() {
        return rxMissed;
    }

    /** Transmit completions reclaimed. */
    public long txPackets() {
        return txPackets;
    }

    /** Whether the rings are allocated (the interface is up). */
    public boolean ringsAllocated() {
        return rx != null;
    }

    public int rxRingSize() {
        return rxCount;
    }

    public int txRingSize() {
        return txCount;
    }
}
