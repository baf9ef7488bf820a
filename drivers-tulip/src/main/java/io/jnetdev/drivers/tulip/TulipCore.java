package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;

/**
 * The {@code net_device_ops} of Linux's {@code tulip_core.c} ({@code tulip_open},
 * {@code tulip_up}, {@code tulip_close}, {@code tulip_down}, {@code tulip_get_stats},
 * {@code set_rx_mode}, {@code tulip_start_xmit}, {@code tulip_tx_timeout}), with the media timer
 * of {@code timer.c} reduced to link sensing on the SROM's first medium, and the chip reset that
 * recovers from a fatal bus error.
 *
 * <p>Open order (R26): rings initialised, the shared INTx handler requested, then {@code tulip_up}:
 * NAPI enabled, chip reset through CSR0, ring bases into CSR3/CSR4, the initial setup frame
 * (station address and broadcast) queued, transmit started alone so the chip takes it, CSR5
 * cleared and CSR7 enabled, then receive and transmit on and a receive poll demand.
 */
final class TulipCore implements NetDeviceOps {
    /** {@code tulip_set_power_state}: CFDD in config space, sleep and snooze bits. */
    static final int CFDD = 0x40;
    static final int CFDD_SLEEP = 1 << 31;
    static final int CFDD_SNOOZE = 1 << 30;
    /** The media timer's first tick after up, and its period ({@code tulip_media_task}'s 2 s). */
    static final int FIRST_TICK_SECONDS = 3;
    static final int TICK_SECONDS = 2;

    private final TulipPrivate tp;
    final TulipTx tx;
    final TulipPoll poll;
    final TulipInterrupt interrupt;
    final TulipSetupFrame setupFrame;
    int irq;
    private boolean irqRequested;

    TulipCore(TulipPrivate tp) {
        this.tp = tp;
        this.tx = new TulipTx(tp);
        this.poll = new TulipPoll(tp);
        this.interrupt = new TulipInterrupt(tp, tx);
        this.setupFrame = new TulipSetupFrame(tp);
    }

    // ---- open / close -----------------------------------------------------------------------------

    /** {@code tulip_open}. */
    @Override
    public void open(NetDevice dev) throws ErrnoException {
        tp.initRing();
        tp.pdev.requestIrq(irq, interrupt::tulipInterrupt, IrqFlags.SHARED, dev.name(), dev);
        irqRequested = true;
        up();
        dev.startQueue();
        // __dev_open's dev_set_rx_mode: groups and flags kept across down/up reach the new filter
        setRxMode(dev);
    }

    /** {@code tulip_up}. */
    void up() {
        tp.napi.enable();
        setPowerState(false, false);
        // reset, holding SWR at least 50 PCI cycles, then the bus mode
        tp.iowrite32(CSR0_SWR, CSR0);
        tp.pdev.configRead32(0x04); // flush the write
        tp.kernel.udelay(100);
        tp.iowrite32(tp.csr0, CSR0);
        tp.pdev.configRead32(0x04);
        tp.kernel.udelay(100);
        tp.mitOn = false; // the reset left CSR11 without mitigation

        tp.iowrite32((int) tp.rxRingDma, CSR3);
        tp.iowrite32((int) tp.txRingDma, CSR4);
        setupFrame.buildInitial(tp.netdev.macAddress());
        setupFrame.queueInitial();

        selectMedia();
        // PB: with it clear the chip drops runts and collision fragments and counts them nowhere;
        // with it set they reach the ring with RF (or CS) and the poll counts each in rx_length_errors
        // (or rx_errors), so every frame on the wire is accounted for. Linux leaves PB clear.
        tp.csr6 |= AcceptRunt;
        tp.running = true;
        tp.stopRxtx();
        tp.kernel.udelay(5);
        tp.iowrite32(tp.csr6 | TxOn, CSR6); // transmit only: the chip takes the setup frame
        tp.iowrite32(tp.chip.validIntrs, CSR5);
        tp.iowrite32(tp.chip.validIntrs, CSR7);
        tp.startRxtx();
        tp.iowrite32(0, CSR2); // receive poll demand
        checkLink();
        tp.mediaTimer.modTimer(tp.kernel.jiffies() + (long) FIRST_TICK_SECONDS * tp.kernel.hz());
    }

    /** {@code tulip_select_media} for the SROM's first medium: the CSR6 port bits of its command word. */
    private void selectMedia() {
        TulipEeprom.MediaLeaf leaf = tp.mediaLeaf;
        // without a media table: MII/SYM port, PCS and scrambler, as a 100BASE-TX SYM leaf gives
        tp.csr6 = leaf != null ? leaf.csr6() : CSR6_MBO | (0x61 << CSR6_MEDIA_SHIFT);
    }

    /** {@code tulip_set_power_state}: only chips with the CFDD register (the 21143). */
    void setPowerState(boolean sleep, boolean snooze) {
        if (tp.chip != TulipChip.DC21143) {
            return;
        }
        int tmp = tp.pdev.configRead32(CFDD);
        int v = tmp & ~(CFDD_SLEEP | CFDD_SNOOZE);
        if (sleep) {
            v |= CFDD_SLEEP;
        } else if (snooze) {
            v |= CFDD_SNOOZE;
        }
        if (v != tmp) {
            tp.pdev.configWrite32(CFDD, v);
        }
    }

    /** {@code tulip_close}. */
    @Override
    public void stop(NetDevice dev) {
        dev.stopQueue();
        down();
        if (irqRequested) {
            tp.pdev.freeIrq(irq, dev);
            irqRequested = false;
        }
    }

    /**
     * {@code tulip_down}: NAPI and the media timer stopped, interrupts masked, both processes
     * stopped, unsent frames dropped; frames the chip stored but nobody received are counted as
     * dropped, and the missed-frame counter harvested.
     */
    void down() {
        tp.napi.disable();
        tp.mediaTimer.delTimerSync();
        long flags = tp.lock.lockIrqSave();
        try {
            tp.iowrite32(0, CSR7);
            tp.running = false;
            tp.stopRxtx();
            dropStranded();
            tp.refillRx();
            tx.cleanTxRing();
            if (tp.ioread32(CSR6) != 0xFFFF_FFFF) {
                tp.harvestMissed();
            }
        } finally {
            tp.lock.unlockIrqRestore(flags);
        }
        tp.netdev.carrierOff();
        setPowerState(false, true); // snooze until opened again
    }

    /** Frames the chip handed back that the poll never took: dropped now, counted once each. */
    private void dropStranded() {
        long stranded = 0;
        while (tp.curRx - tp.dirtyRx < RX_RING_SIZE) {
            int status = tp.rxDesc(TulipPrivate.rxEntry(tp.curRx), DESC_STATUS);
            if (status < 0) {
                break;
            }
            if ((status & RxDescLastSeg) != 0) {
                stranded++;
            }
            tp.curRx++;
        }
        if (stranded > 0) {
            tp.rxDropped += stranded;
            tp.netdev.countRxDrop("rx_dropped", stranded);
        }
    }

    /**
     * Recovery by chip reset (process context): after a fatal bus error the chip has stopped
     * both processes, so everything is taken down and brought up again from a software reset,
     * with fresh rings.
     */
    void resetTask() {
        if (!tp.running) {
            return;
        }
        tp.chipResets++;
        tp.kernel.printk(LogLevel.ERR, tp.netdev.name() + ": resetting the chip (CSR5 0x"
                + Integer.toHexString(tp.ioread32(CSR5)) + ")");
        tp.netdev.stopQueue();
        down();
        tp.initRing();
        up();
        setRxMode(tp.netdev);
        tp.netdev.wakeQueue();
    }

    // ---- link (timer.c) ----------------------------------------------------------------------------

    /** The media timer: link sensing, then re-armed every 2 s while up. */
    void mediaTimer() {
        if (!tp.running) {
            return;
        }
        checkLink();
        tp.mediaTimer.modTimer(tp.kernel.jiffies() + (long) TICK_SECONDS * tp.kernel.hz());
    }

    /**
     * {@code tulip_media_task}'s link-beat test on CSR12, by the SROM's medium (the 21143's SYM
     * block senses LS100; the 21140's compact block names a general-purpose pin and its polarity).
     */
    void checkLink() {
        int csr12 = tp.ioread32(CSR12);
        boolean link = tp.mediaLeaf != null ? tp.mediaLeaf.linkBeat(csr12) : (csr12 & CSR12_LS100) == 0;
        if (link && !tp.netdev.carrierOk()) {
            tp.netdev.carrierOn();
            tp.kernel.printk(LogLevel.INFO, tp.netdev.name() + ": link up, 100 Mbps "
                    + ((tp.csr6 & FullDuplex) != 0 ? "full" : "half") + " duplex");
        } else if (!link && tp.netdev.carrierOk()) {
            tp.netdev.carrierOff();
            tp.kernel.printk(LogLevel.INFO, tp.netdev.name() + ": link down");
        }
    }

    // ---- the other ndo ops -------------------------------------------------------------------------

    @Override
    public NetdevTx startXmit(Skb skb, NetDevice dev) {
        return tx.startXmit(skb, dev);
    }

    @Override
    public void setRxMode(NetDevice dev) {
        if (tp.running) {
            setupFrame.setRxMode(dev);
        }
    }

    /** {@code tulip_tx_timeout}: counted, and the chip reset from process context. */
    @Override
    public void txTimeout(NetDevice dev, int queue) {
        tp.txTimeouts++;
        tp.kernel.printk(LogLevel.WARNING, String.format("%s: transmit timed out, status %08x, CSR12 %08x, resetting...",
                dev.name(), tp.ioread32(CSR5), tp.ioread32(CSR12)));
        tp.kernel.scheduleWork(tp.resetTask);
    }

    /** {@code tulip_get_stats}: the missed frames harvested from CSR8 while up, then {@code dev->stats}. */
    @Override
    public void getStats64(NetDevice dev, RtnlLinkStats64 s) {
        if (tp.running) {
            long flags = tp.lock.lockIrqSave();
            try {
                tp.harvestMissed();
            } finally {
                tp.lock.unlockIrqRestore(flags);
            }
        }
        dev.coreStats(s);
        s.rxPackets = tp.rxPackets;
        s.rxBytes = tp.rxBytes;
        s.txPackets = tp.txPackets;
        s.txBytes = tp.txBytes;
        s.rxErrors = tp.rxErrors;
        s.txErrors = tp.txErrors;
        s.rxLengthErrors = tp.rxLengthErrors;
        s.rxCrcErrors = tp.rxCrcErrors;
        s.rxFrameErrors = tp.rxFrameErrors;
        s.rxFifoErrors = tp.rxFifoErrors;
        s.rxMissedErrors = tp.rxMissedErrors;
        s.rxDropped += tp.rxDropped;
        s.txDropped += tp.txDropped;
        s.txAbortedErrors = tp.txAbortedErrors;
        s.txCarrierErrors = tp.txCarrierErrors;
        s.txFifoErrors = tp.txFifoErrors;
        s.collisions = tp.collisions;
    }
}
