package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eDefines.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.kernel.KernelTimer;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.api.kernel.Work;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceFlags;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import java.lang.foreign.MemorySegment;

/**
 * Per-device state of the e1000e driver ({@code struct e1000_adapter}, the netdev's private
 * area) with what {@code netdev.c} does on it: the {@code net_device_ops}, the interrupt handlers
 * of each interrupt mode, the NAPI poll, the rings, the watchdog and the statistics.
 *
 * <p>Interrupt masking follows e1000e: in INTx/MSI mode CTRL_EXT.IAME with IAM = all makes the
 * ICR read in the handler mask every cause, and the poll re-enables them (IMS = 0x9D) only after
 * {@code napi_complete_done} returned true. In MSI-X mode EIAC auto-clears the queue causes, the
 * receive vector only schedules NAPI and the poll re-enables RXQ0; the transmit vector cleans the
 * transmit ring itself and re-enables TXQ0; the "other" vector follows the link.
 */
public final class E1000eAdapter implements NetDeviceOps {
    /** {@code NAPI_POLL_WEIGHT} as e1000e registers it. */
    static final int NAPI_WEIGHT = 64;

    final PciDev pdev;
    final E1000eHw hw;
    final NetDevice netdev;
    final Kernel kernel;
    final E1000eItr itr;
    final E1000eHwStats stats = new E1000eHwStats();
    private final SpinLock stats64Lock;
    private final int copybreak;
    Napi napi;
    KernelTimer watchdogTimer;
    Work watchdogTask;
    Work resetTask;

    /** {@code adapter->int_mode} after the fallbacks. */
    int intMode;
    /** The IRQ numbers of the allocated vectors (3 in MSI-X mode, else 1). */
    int[] irqs = new int[0];
    boolean msix;
    boolean irqsRequested;
    int eiacMask;
    final int rxImsVal = ICR_RXQ0;
    final int txImsVal = ICR_TXQ0;
    /** MSI-X: the receive vector writes {@code rxItrVal} into EITR(0) at its next interrupt ({@code rx_ring->set_itr}). */
    private boolean rxSetItr;
    private int rxItrVal;

    E1000eRing rx;
    E1000eRing tx;
    int rxRingCount = DEFAULT_RXD;
    int txRingCount = DEFAULT_TXD;
    /** Receive buffer bytes: 2048 for the standard MTU, 16384 (RCTL.BSEX) for jumbo frames. */
    int rxBufferLen = RX_BUFFER_SIZE;
    int mtu = 1500;
    MacAddress macAddr;
    /** NVM word 5, the image version ethtool shows as firmware version. */
    int eepromVers;
    /** {@code __E1000_DOWN}. */
    volatile boolean down = true;
    /** {@code __E1000_TESTING}. */
    boolean testing;
    private boolean discarding;
    int linkSpeed;
    boolean fullDuplex;
    /** The link settings ethtool asked for: autoneg, or a forced speed (10/100) and duplex. */
    boolean autoneg = true;
    int forcedSpeed = 1000;
    boolean forcedFull = true;
    final int rxIntDelay = BURST_RDTR;
    final int rxAbsIntDelay = BURST_RADV;
    final int txIntDelay = DEFAULT_TIDV;
    final int txAbsIntDelay = DEFAULT_TADV;
    private int txdCmd;

    // ---- per-interrupt totals for the ITR decision ----
    private long totalRxPackets;
    private long totalRxBytes;
    private long totalTxPackets;
    private long totalTxBytes;
    private final long[] octets = new long[2];

    // ---- software counters ----
    long restartQueue;
    long txTimeoutCount;
    long allocRxBuffFailed;
    long rxDropped;
    long txDropped;
    long interrupts;
    long polls;
    private final RtnlLinkStats64 coreScratch = new RtnlLinkStats64();

    E1000eAdapter(PciDev pdev, E1000eHw hw, NetDevice netdev, E1000eParam.Options options, int copybreak) {
        this.pdev = pdev;
        this.hw = hw;
        this.netdev = netdev;
        this.kernel = pdev.kernel();
        this.itr = new E1000eItr(options.itrSetting(), options.itr());
        this.intMode = options.intMode();
        this.copybreak = copybreak;
        this.stats64Lock = kernel.spinLockInit("e1000e stats64_lock");
    }

    // ---- interrupt capability (netdev.c) ---------------------------------------------------------

    /** {@code e1000e_set_interrupt_capability}: MSI-X with 3 vectors (rx, tx, other), else MSI, else INTx. */
    void setInterruptCapability() throws ErrnoException {
        if (intMode == E1000eParam.INT_MODE_MSIX) {
            try {
                pdev.allocIrqVectors(3, 3, IrqVectorFlags.MSIX);
                msix = true;
                irqs = new int[] {pdev.irqVector(0), pdev.irqVector(1), pdev.irqVector(2)};
                return;
            } catch (ErrnoException e) {
                pdev.err("Failed to initialize MSI-X interrupts.  Falling back to MSI interrupts.");
                intMode = E1000eParam.INT_MODE_MSI;
            }
        }
        msix = false;
        if (intMode == E1000eParam.INT_MODE_MSI) {
            try {
                pdev.allocIrqVectors(1, 1, IrqVectorFlags.MSI);
                irqs = new int[] {pdev.irqVector(0)};
                return;
            } catch (ErrnoException e) {
                intMode = E1000eParam.INT_MODE_LEGACY;
                pdev.err("Failed to initialize MSI interrupts.  Falling back to legacy interrupts.");
            }
        }
        pdev.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
        irqs = new int[] {pdev.irqVector(0)};
    }

    /** {@code e1000e_reset_interrupt_capability}. */
    void resetInterruptCapability() {
        pdev.freeIrqVectors();
        irqs = new int[0];
        msix = false;
    }

    /** {@code e1000_request_msix} / {@code e1000_request_irq}: handlers with Linux's names. */
    private void requestIrq() throws ErrnoException {
        String name = netdev.name();
        if (msix) {
            pdev.requestIrq(irqs[0], this::intrMsixRx, 0, name + "-rx-0", this);
            try {
                pdev.requestIrq(irqs[1], this::intrMsixTx, 0, name + "-tx-0", this);
                try {
                    pdev.requestIrq(irqs[2], this::msixOther, 0, name, this);
                } catch (ErrnoException e) {
                    pdev.freeIrq(irqs[1], this);
                    throw e;
                }
            } catch (ErrnoException e) {
                pdev.freeIrq(irqs[0], this);
                netdev.kernel().printk(LogLevel.ERR, name + ": Unable to allocate interrupt, Error: " + e.errno().negative());
                throw e;
            }
            configureMsix();
        } else if (pdev.irqMode() == IrqMode.MSI) {
            pdev.requestIrq(irqs[0], this::intrMsi, 0, name, this);
        } else {
            pdev.requestIrq(irqs[0], this::intr, IrqFlags.SHARED, name, this);
        }
        irqsRequested = true;
    }

    /** {@code e1000_free_irq}. */
    private void freeIrq() {
        if (!irqsRequested) {
            return;
        }
        for (int irq : irqs) {
            pdev.freeIrq(irq, this);
        }
        irqsRequested = false;
    }

    /** {@code e1000_configure_msix}: IVAR routing, EITR per vector, EIAME with PBA clear, IAM for "other". */
    private void configureMsix() {
        eiacMask = 0;
        // spurious interrupts on the 82574 in MSI-X mode without ACK_DIS
        hw.ew32(E1000eRegs.RFCTL, hw.er32(E1000eRegs.RFCTL) | RFCTL_ACK_DIS);
        rxItrVal = itr.itr();
        eiacMask |= rxImsVal;
        hw.ew32(E1000eRegs.eitr82574(0), rxItrVal != 0 ? E1000eItr.itrRegister(rxItrVal) : 1);
        int ivar = IVAR_INT_ALLOC_VALID;
        hw.ew32(E1000eRegs.eitr82574(1), rxItrVal != 0 ? E1000eItr.itrRegister(rxItrVal) : 1);
        eiacMask |= txImsVal;
        ivar |= (IVAR_INT_ALLOC_VALID | 1) << 8;
        ivar |= (IVAR_INT_ALLOC_VALID | 2) << 16;
        hw.ew32(E1000eRegs.eitr82574(2), rxItrVal != 0 ? E1000eItr.itrRegister(rxItrVal) : 1);
        ivar |= IVAR_TX_INT_EVERY_WB;
        hw.ew32(E1000eRegs.IVAR, ivar);
        int ctrlExt = hw.er32(E1000eRegs.CTRL_EXT) & ~CTRL_EXT_IAME;
        ctrlExt |= CTRL_EXT_PBA_CLR;
        hw.ew32(E1000eRegs.IAM, ~EIAC_MASK_82574 | ICR_OTHER);
        ctrlExt |= CTRL_EXT_EIAME;
        hw.ew32(E1000eRegs.CTRL_EXT, ctrlExt);
        hw.flush();
    }

    /** {@code e1000_irq_disable}. */
    void irqDisable() {
        hw.ew32(E1000eRegs.IMC, 0xFFFF_FFFF);
        if (msix) {
            hw.ew32(E1000eRegs.EIAC_82574, 0);
        }
        hw.flush();
    }

    /** {@code e1000_irq_enable}. */
    void irqEnable() {
        if (msix) {
            hw.ew32(E1000eRegs.EIAC_82574, eiacMask & EIAC_MASK_82574);
            hw.ew32(E1000eRegs.IMS, eiacMask | ICR_OTHER | IMS_OTHER_MASK);
        } else {
            hw.ew32(E1000eRegs.IMS, IMS_ENABLE_MASK);
        }
        hw.flush();
    }

    /** {@code e1000e_write_itr}: the rate into ITR, or into every vector's EITR in MSI-X mode. */
    void writeItr(int rate) {
        int value = E1000eItr.itrRegister(rate);
        if (msix) {
            for (int v = 0; v < irqs.length; v++) {
                hw.ew32(E1000eRegs.eitr82574(v), value);
            }
        } else {
            hw.ew32(E1000eRegs.ITR, value);
        }
    }

    /** {@code e1000e_trigger_lsc}: a link-change interrupt to start the watchdog. */
    private void triggerLsc() {
        hw.ew32(E1000eRegs.ICS, msix ? ICR_LSC | ICR_OTHER : ICR_LSC);
    }

    // ---- interrupt handlers -------------------------------------------------------------------

    /** {@code e1000_intr}: legacy INTx, possibly shared. */
    IrqReturn intr(int irq) {
        int icr = hw.er32(E1000eRegs.ICR);
        if (icr == 0 || down) {
            return IrqReturn.NONE;
        }
        // IMS auto-masks only when INT_ASSERTED is set; without it the card raised nothing
        if ((icr & ICR_INT_ASSERTED) == 0) {
            return IrqReturn.NONE;
        }
        interrupts++;
        linkInterrupt(icr);
        scheduleNapi();
        return IrqReturn.HANDLED;
    }

    /** {@code e1000_intr_msi}: reading ICR masks the causes (IAM). */
    IrqReturn intrMsi(int irq) {
        int icr = hw.er32(E1000eRegs.ICR);
        interrupts++;
        linkInterrupt(icr);
        scheduleNapi();
        return IrqReturn.HANDLED;
    }

    private void linkInterrupt(int icr) {
        if ((icr & ICR_LSC) != 0 && !down) {
            watchdogTimer.modTimer(kernel.jiffies() + 1);
        }
    }

    /** {@code napi_schedule_prep} → {@code __napi_schedule}, the per-interrupt totals restarted. */
    private void scheduleNapi() {
        if (napi.schedulePrep()) {
            totalTxBytes = 0;
            totalTxPackets = 0;
            totalRxBytes = 0;
            totalRxPackets = 0;
            napi.scheduleNow();
        }
    }

    /** {@code e1000_intr_msix_rx}: EIAC already masked RXQ0; write a pending ITR change, schedule NAPI. */
    IrqReturn intrMsixRx(int irq) {
        interrupts++;
        if (rxSetItr) {
            hw.ew32(E1000eRegs.eitr82574(0), E1000eItr.itrRegister(rxItrVal));
            rxSetItr = false;
        }
        if (napi.schedulePrep()) {
            totalRxBytes = 0;
            totalRxPackets = 0;
            napi.scheduleNow();
        }
        return IrqReturn.HANDLED;
    }

    /** {@code e1000_intr_msix_tx}: cleans the transmit ring here; fires again if it could not finish. */
    IrqReturn intrMsixTx(int irq) {
        interrupts++;
        totalTxBytes = 0;
        totalTxPackets = 0;
        if (tx != null && !cleanTxIrq()) {
            hw.ew32(E1000eRegs.ICS, txImsVal);
        }
        if (!down) {
            hw.ew32(E1000eRegs.IMS, txImsVal);
        }
        return IrqReturn.HANDLED;
    }

    /** {@code e1000_msix_other}: link changes and other causes; re-raises queue causes it consumed. */
    IrqReturn msixOther(int irq) {
        interrupts++;
        int icr = hw.er32(E1000eRegs.ICR);
        if ((icr & eiacMask) != 0) {
            hw.ew32(E1000eRegs.ICS, icr & eiacMask);
        }
        linkInterrupt(icr);
        if (!down) {
            hw.ew32(E1000eRegs.IMS, ICR_OTHER | IMS_OTHER_MASK);
        }
        return IrqReturn.HANDLED;
    }

    // ---- NAPI poll (e1000e_poll) --------------------------------------------------------------

    /**
     * {@code e1000e_poll}: transmit completions (in MSI-X mode the transmit vector does them), then
     * receive up to {@code budget}; the interrupts come back only when {@code napi_complete_done}
     * says so.
     */
    int poll(Napi n, int budget) {
        polls++;
        boolean txCleaned = true;
        if (!msix) {
            txCleaned = cleanTxIrq();
        }
        int workDone = cleanRxIrq(budget);
        if (!txCleaned || workDone == budget) {
            return budget;
        }
        if (n.completeDone(workDone)) {
            if (itr.dynamic()) {
                setItr();
            }
            if (!down) {
                if (msix) {
                    hw.ew32(E1000eRegs.IMS, rxImsVal);
                } else {
                    irqEnable();
                }
            }
        }
        return workDone;
    }

    /** {@code e1000_set_itr}: the next rate from this interrupt's traffic. */
    private void setItr() {
        int newItr = itr.setItr(totalRxPackets, totalRxBytes, totalTxPackets, totalTxBytes, linkSpeed == 0 ? 1000 : linkSpeed);
        if (newItr < 0) {
            return;
        }
        rxItrVal = newItr;
        if (msix) {
            rxSetItr = true;
        } else {
            writeItr(newItr);
        }
    }

    /** {@code e1000_clean_rx_irq}: extended descriptors; each good frame is copied into a new skb and handed up. */
    private int cleanRxIrq(int budget) {
        E1000eRing r = rx;
        if (r == null) {
            return 0;
        }
        MemorySegment d = r.desc;
        int i = r.nextToClean;
        int workDone = 0;
        int cleanedCount = 0;
        long packets = 0;
        long bytes = 0;
        // The write-back's upper quadword, status_error and length together: the card writes all
        // 16 bytes in one access (write64Pair), so what Linux orders with dma_rmb() is one load here.
        long upper = d.get(E1000eRing.LE_LONG, r.descOffset(i) + RXD_STATUS_ERROR);
        int staterr = (int) upper;
        while ((staterr & RXD_STAT_DD) != 0) {
            if (workDone >= budget) {
                break;
            }
            workDone++;
            long off = r.descOffset(i);
            int buffer = i;
            i = r.next(i);
            cleanedCount++;
            int length = (int) (upper >>> (8 * (RXD_LENGTH - RXD_STATUS_ERROR))) & 0xFFFF;
            // a frame over several buffers does not fit the ring's buffers: toss all of it
            if ((staterr & RXD_STAT_EOP) == 0) {
                discarding = true;
            }
            if (discarding) {
                if ((staterr & RXD_STAT_EOP) != 0) {
                    discarding = false;
                }
            } else if ((staterr & RXDEXT_ERR_FRAME_ERR_MASK) == 0) {
                packets++;
                bytes += length;
                receive(r, buffer, length);
            }
            // errored frames: counted by the card (CRCERRS, ...) when it stored them; recycled here
            d.set(E1000eRing.LE_INT, off + RXD_STATUS_ERROR, staterr & ~0xFF);
            if (cleanedCount >= RX_BUFFER_WRITE) {
                allocRxBuffers(cleanedCount);
                cleanedCount = 0;
            }
            upper = d.get(E1000eRing.LE_LONG, r.descOffset(i) + RXD_STATUS_ERROR);
            staterr = (int) upper;
        }
        r.nextToClean = i;
        cleanedCount = r.unused();
        if (cleanedCount > 0) {
            allocRxBuffers(cleanedCount);
        }
        totalRxBytes += bytes;
        totalRxPackets += packets;
        return workDone;
    }

    /** The copybreak path of {@code e1000_clean_rx_irq} and {@code e1000_receive_skb}. */
    private void receive(E1000eRing r, int buffer, int length) {
        Skb skb = netdev.allocSkb(length);
        if (skb == null) {
            allocRxBuffFailed++;
            rxDropped++;
            netdev.countRxDrop("rx_dropped", 1);
            return;
        }
        skb.putData(r.buffers, r.bufferOffset(buffer), length);
        netdev.ethTypeTrans(skb);
        netdev.receiveSkb(skb);
    }

    /**
     * {@code e1000_alloc_rx_buffers}: gives {@code cleanedCount} descriptors back to the card
     * (read format: the buffer address only, as Linux writes it; the write-back's DD was cleared
     * when the descriptor was cleaned, and the ring was zeroed when it was set up); RDT moves every
     * 16 descriptors.
     */
    private void allocRxBuffers(int cleanedCount) {
        E1000eRing r = rx;
        MemorySegment d = r.desc;
        int i = r.nextToUse;
        while (cleanedCount-- > 0) {
            d.set(E1000eRing.LE_LONG, r.descOffset(i), r.bufferDma(i));
            if ((i & (RX_BUFFER_WRITE - 1)) == 0) {
                hw.ew32(E1000eRegs.RDT, i);
            }
            i = r.next(i);
        }
        r.nextToUse = i;
    }

    /** {@code e1000_clean_tx_irq}: reclaims finished frames; wakes the queue once 32 descriptors are free. */
    boolean cleanTxIrq() {
        E1000eRing t = tx;
        if (t == null) {
            return true;
        }
        MemorySegment d = t.desc;
        int i = t.nextToClean;
        int eop = t.nextToWatch[i];
        int count = 0;
        long packets = 0;
        long bytes = 0;
        while (eop >= 0 && (d.get(E1000eRing.LE_INT, t.descOffset(eop) + TXD_UPPER) & TXD_STAT_DD) != 0
                && count < t.count) {
            boolean cleaned = false;
            int first = i;
            for (; !cleaned; count++) {
                cleaned = i == eop;
                if (cleaned) {
                    packets++;
                    bytes += t.bytecount[first];
                }
                t.nextToWatch[i] = -1;
                d.set(E1000eRing.LE_INT, t.descOffset(i) + TXD_UPPER, 0);
                i = t.next(i);
            }
            if (i == t.nextToUse) {
                break;
            }
            eop = t.nextToWatch[i];
        }
        t.nextToClean = i;
        if (count > 0 && netdev.carrierOk() && t.unused() >= TX_WAKE_THRESHOLD) {
            if (netdev.queueStopped() && !down) {
                netdev.wakeQueue();
                restartQueue++;
            }
        }
        totalTxBytes += bytes;
        totalTxPackets += packets;
        return count < t.count;
    }

    // ---- transmit (e1000_xmit_frame) ------------------------------------------------------------

    /**
     * {@code e1000_xmit_frame}: copies the frame into as many 2 KiB descriptor buffers as it needs,
     * legacy data descriptors with IFCS (and EOP|RS|IDE on the last), then moves TDT; the queue
     * stops before the ring could run out ({@code e1000_maybe_stop_tx}).
     */
    @Override
    public NetdevTx startXmit(Skb skb, NetDevice dev) {
        E1000eRing t = tx;
        if (down || t == null) {
            txDropped++;
            dev.kfreeSkb(skb);
            return NetdevTx.OK;
        }
        int length = skb.len();
        if (length <= 0) {
            dev.kfreeSkb(skb);
            return NetdevTx.OK;
        }
        if (length < 17) {
            // TCTL.PSP pads short frames, but only from 17 bytes on (skb_put_padto)
            skb.put(17 - length).fill((byte) 0);
            length = 17;
        }
        int count = (length + TX_BUFFER_SIZE - 1) / TX_BUFFER_SIZE;
        // need count + 2 descriptors: the gap keeps tail from touching head
        if (maybeStopTx(count + 2)) {
            return NetdevTx.BUSY;
        }
        MemorySegment d = t.desc;
        int first = t.nextToUse;
        int i = first;
        int offset = 0;
        int last = i;
        while (offset < length) {
            int chunk = Math.min(TX_BUFFER_SIZE, length - offset);
            skb.copyBits(offset, t.buffers, t.bufferOffset(i), chunk);
            long off = t.descOffset(i);
            d.set(E1000eRing.LE_LONG, off, t.bufferDma(i));
            offset += chunk;
            int lower = TXD_CMD_IFCS | chunk;
            if (offset == length) {
                lower |= txdCmd;
            }
            d.set(E1000eRing.LE_INT, off + TXD_LOWER, lower);
            d.set(E1000eRing.LE_INT, off + TXD_UPPER, 0);
            last = i;
            i = t.next(i);
        }
        t.bytecount[first] = length;
        t.nextToWatch[first] = last;
        t.nextToUse = i;
        dev.consumeSkb(skb);
        dev.transUpdate();
        maybeStopTx(MAX_SKB_FRAGS + 2);
        hw.ew32(E1000eRegs.TDT, i);
        return NetdevTx.OK;
    }

    /** {@code e1000_maybe_stop_tx}: stops the queue when fewer than {@code size} descriptors are free; true if it stayed stopped. */
    private boolean maybeStopTx(int size) {
        if (tx.unused() >= size) {
            return false;
        }
        netdev.stopQueue();
        // cleaning on another CPU may have made room meanwhile: a reprieve
        if (tx.unused() < size) {
            return true;
        }
        netdev.startQueue();
        restartQueue++;
        return false;
    }

    // ---- open / close, up / down (netdev.c) --------------------------------------------------------

    /** {@code e1000e_open}: rings, configuration, IRQs, then NAPI and interrupts; the watchdog brings the carrier. */
    @Override
    public void open(NetDevice dev) throws ErrnoException {
        if (testing) {
            throw new ErrnoException(Errno.EBUSY, dev.name() + ": self-test in progress");
        }
        dev.carrierOff();
        // Frames the card missed while down sit in its clear-on-read counters (MPC); harvest them
        // before configure resets the MAC, or they are lost to the statistics and conservation.
        updateStats();
        setupResources();
        try {
            configure();
            requestIrq();
        } catch (ErrnoException e) {
            reset();
            freeResources();
            throw e;
        }
        down = false;
        napi.enable();
        irqEnable();
        dev.startQueue();
        triggerLsc();
    }

    /** {@code e1000e_setup_tx_resources} + {@code e1000e_setup_rx_resources}. */
    private void setupResources() throws ErrnoException {
        E1000eRing newTx;
        try {
            newTx = E1000eRing.allocate(pdev, txRingCount, TX_BUFFER_SIZE);
        } catch (ErrnoException e) {
            throw new ErrnoException(Errno.ENOMEM, netdev.name() + ": Unable to allocate memory for the transmit descriptor ring ("
                    + txRingCount + " descriptors): " + e.getMessage(), e);
        }
        try {
            rx = E1000eRing.allocate(pdev, rxRingCount, rxBufferLen);
        } catch (ErrnoException e) {
            newTx.free(pdev);
            throw new ErrnoException(Errno.ENOMEM, netdev.name() + ": Unable to allocate memory for the receive descriptor ring ("
                    + rxRingCount + " descriptors): " + e.getMessage(), e);
        }
        tx = newTx;
    }

    private void freeResources() {
        if (tx != null) {
            tx.free(pdev);
            tx = null;
        }
        if (rx != null) {
            rx.free(pdev);
            rx = null;
        }
    }

    /** {@code e1000e_close}: down with reset, IRQs freed, NAPI disabled, rings freed (R26 order). */
    @Override
    public void stop(NetDevice dev) {
        down(true);
        freeIrq();
        netdev.kernel().printk(LogLevel.INFO, dev.name() + ": NIC Link is Down");
        napi.disable();
        freeResources();
    }

    /** {@code e1000_configure}: filters, transmit, receive control, receive, and the receive ring filled. */
    private void configure() {
        setRxMode(netdev);
        configureTx();
        setupRctl();
        configureRx();
        allocRxBuffers(rx.unused());
    }

    /** {@code e1000_configure_tx}. */
    private void configureTx() {
        E1000eRing t = tx;
        long tdba = t.descMem.dmaAddress();
        hw.ew32(E1000eRegs.TDBAL, (int) tdba);
        hw.ew32(E1000eRegs.TDBAH, (int) (tdba >>> 32));
        hw.ew32(E1000eRegs.TDLEN, t.sizeBytes());
        hw.ew32(E1000eRegs.TDH, 0);
        hw.ew32(E1000eRegs.TDT, 0);
        t.nextToUse = 0;
        t.nextToClean = 0;
        hw.ew32(E1000eRegs.TIDV, txIntDelay);
        hw.ew32(E1000eRegs.TADV, txAbsIntDelay);
        int txdctl = hw.er32(E1000eRegs.TXDCTL) & ~0x003F3F3F; // PTHRESH, HTHRESH, WTHRESH
        hw.ew32(E1000eRegs.TXDCTL, txdctl | TXDCTL_DMA_BURST_ENABLE);
        hw.ew32(E1000eRegs.TIPG, TIPG_DEFAULT);
        int tctl = hw.er32(E1000eRegs.TCTL);
        tctl &= ~(TCTL_CT | TCTL_COLD);
        tctl |= TCTL_PSP | TCTL_RTLC | (COLLISION_THRESHOLD << CT_SHIFT) | (COLLISION_DISTANCE << COLD_SHIFT);
        txdCmd = TXD_CMD_EOP | TXD_CMD_IFCS;
        if (txIntDelay != 0) {
            txdCmd |= TXD_CMD_IDE; // only when the delay timers are used
        }
        txdCmd |= TXD_CMD_RS;
        hw.ew32(E1000eRegs.TCTL, tctl); // EN comes from the watchdog once the link is up
    }

    /** {@code e1000_setup_rctl}: enable, broadcast, half-ring threshold, no bad frames, CRC strip, buffer size, extended descriptors. */
    private void setupRctl() {
        int rctl = hw.er32(E1000eRegs.RCTL);
        rctl &= ~RCTL_MO_MASK;
        rctl |= RCTL_EN | RCTL_BAM | RCTL_RDMTS_HALF;
        rctl &= ~(RCTL_LBM_MASK | RCTL_SBP | RCTL_DTYP_MASK);
        if (mtu <= 1500) {
            rctl &= ~RCTL_LPE;
        } else {
            rctl |= RCTL_LPE;
        }
        rctl |= RCTL_SECRC;
        rctl &= ~(RCTL_SZ_MASK | RCTL_BSEX);
        if (rxBufferLen == 16384) {
            rctl |= RCTL_BSEX | 0x00010000; // BSEX with size 01: 16384 bytes
        } else {
            rctl |= RCTL_SZ_2048;
        }
        hw.ew32(E1000eRegs.RFCTL, hw.er32(E1000eRegs.RFCTL) | RFCTL_EXTEN);
        hw.ew32(E1000eRegs.RCTL, rctl);
    }

    /** {@code e1000_configure_rx}: delay timers, ITR, ICR auto-mask, the ring registers, then receive on. */
    private void configureRx() {
        E1000eRing r = rx;
        int rctl = hw.er32(E1000eRegs.RCTL);
        // the 82574 has FLAG2_NO_DISABLE_RX: receive stays enabled while the ring is set up
        hw.ew32(E1000eRegs.RXDCTL, RXDCTL_DMA_BURST_ENABLE);
        hw.ew32(E1000eRegs.RDTR, rxIntDelay);
        hw.ew32(E1000eRegs.RADV, rxAbsIntDelay);
        if (itr.itrSetting() != 0 && itr.itr() != 0) {
            writeItr(itr.itr());
        } else {
            // throttling off: the 82574 resets ITR to 0, written anyway so that no reset value throttles
            writeItr(0);
        }
        int ctrlExt = hw.er32(E1000eRegs.CTRL_EXT) | CTRL_EXT_IAME;
        hw.ew32(E1000eRegs.IAM, 0xFFFF_FFFF);
        hw.ew32(E1000eRegs.CTRL_EXT, ctrlExt);
        hw.flush();
        long rdba = r.descMem.dmaAddress();
        hw.ew32(E1000eRegs.RDBAL, (int) rdba);
        hw.ew32(E1000eRegs.RDBAH, (int) (rdba >>> 32));
        hw.ew32(E1000eRegs.RDLEN, r.sizeBytes());
        hw.ew32(E1000eRegs.RDH, 0);
        hw.ew32(E1000eRegs.RDT, 0);
        r.nextToUse = 0;
        r.nextToClean = 0;
        discarding = false;
        hw.ew32(E1000eRegs.RCTL, rctl);
    }

    /** {@code e1000e_up}: after a reset, the same configuration as open, interrupts on, the watchdog kicked. */
    void up() {
        configure();
        down = false;
        if (msix) {
            configureMsix();
        }
        irqEnable();
        netdev.wakeQueue();
        triggerLsc();
    }

    /**
     * {@code e1000e_down}: carrier off, transmit off, interrupts masked, the watchdog stopped,
     * statistics harvested, optionally reset, then the rings cleaned.
     */
    void down(boolean reset) {
        down = true;
        netdev.carrierOff();
        netdev.stopQueue();
        hw.ew32(E1000eRegs.TCTL, hw.er32(E1000eRegs.TCTL) & ~TCTL_EN);
        hw.flush();
        kernel.msleep(10);
        irqDisable();
        napi.synchronize();
        watchdogTimer.delTimerSync();
        kernel.cancelWorkSync(watchdogTask);
        watchdogTimer.delTimerSync();
        updateStats();
        flushDescriptors();
        linkSpeed = 0;
        fullDuplex = false;
        if (reset) {
            reset();
        }
        cleanTxRing();
        cleanRxRing();
    }

    /** {@code e1000e_reinit_locked}. */
    void reinitLocked() {
        down(true);
        up();
    }

    /** {@code e1000e_reset}: packet buffer split, MAC reset, firmware handshake, init. */
    void reset() {
        hw.ew32(E1000eRegs.PBA, PBA_82574);
        hw.resetHw();
        hw.getHwControl();
        hw.initHw(macAddr);
        if (!autoneg) {
            int ctrl = hw.er32(E1000eRegs.CTRL) & ~(0x300 | CTRL_FD);
            ctrl |= CTRL_FRCSPD | CTRL_FRCDPX | (forcedSpeed == 100 ? 0x100 : forcedSpeed == 10 ? 0 : CTRL_SPD_1000)
                    | (forcedFull ? CTRL_FD : 0);
            hw.ew32(E1000eRegs.CTRL, ctrl);
        }
    }

    /** {@code e1000e_flush_descriptors}: the DMA-burst parts hold write-backs; FPD pushes them out. */
    private void flushDescriptors() {
        hw.ew32(E1000eRegs.TIDV, txIntDelay | TIDV_FPD);
        hw.ew32(E1000eRegs.RDTR, rxIntDelay | RDTR_FPD);
        hw.flush();
    }

    /** {@code e1000_clean_tx_ring}: frames posted but never sent are dropped (and counted). */
    private void cleanTxRing() {
        E1000eRing t = tx;
        if (t == null) {
            return;
        }
        for (int i = t.nextToClean; i != t.nextToUse; i = t.next(i)) {
            if (t.nextToWatch[i] >= 0) {
                txDropped++;
            }
            t.nextToWatch[i] = -1;
        }
        t.desc.fill((byte) 0);
        t.nextToUse = 0;
        t.nextToClean = 0;
        hw.ew32(E1000eRegs.TDH, 0);
        hw.ew32(E1000eRegs.TDT, 0);
    }

    /** {@code e1000_clean_rx_ring}: frames the card stored that nobody received are dropped here, counted. */
    private void cleanRxRing() {
        E1000eRing r = rx;
        if (r == null) {
            return;
        }
        long stranded = 0;
        int i = r.nextToClean;
        for (int n = 0; n < r.count; n++) {
            int staterr = r.desc.get(E1000eRing.LE_INT, r.descOffset(i) + RXD_STATUS_ERROR);
            if ((staterr & RXD_STAT_DD) == 0) {
                break;
            }
            if ((staterr & RXD_STAT_EOP) != 0 && (staterr & RXDEXT_ERR_FRAME_ERR_MASK) == 0) {
                stranded++;
            }
            i = r.next(i);
        }
        if (stranded > 0) {
            rxDropped += stranded;
            netdev.countRxDrop("rx_dropped", stranded);
        }
        r.desc.fill((byte) 0);
        r.nextToClean = 0;
        r.nextToUse = 0;
        discarding = false;
        hw.ew32(E1000eRegs.RDH, 0);
        hw.ew32(E1000eRegs.RDT, 0);
    }

    // ---- watchdog (e1000_watchdog, e1000_watchdog_task) ----------------------------------------------

    /** {@code e1000_watchdog}: the timer only queues the task, which may touch the PHY and sleep. */
    void watchdog() {
        kernel.scheduleWork(watchdogTask);
    }

    /** {@code e1000_watchdog_task}: follows the link, turns the transmitter on, harvests statistics, re-arms. */
    void watchdogTask() {
        if (down) {
            return;
        }
        int status = hw.er32(E1000eRegs.STATUS);
        boolean link = (status & STATUS_LU) != 0;
        if (link && !netdev.carrierOk()) {
            linkSpeed = hw.linkSpeed();
            fullDuplex = (status & STATUS_FD) != 0;
            netdev.kernel().printk(LogLevel.INFO, netdev.name() + ": NIC Link is Up " + linkSpeed + " Mbps "
                    + (fullDuplex ? "Full" : "Half") + " Duplex, Flow Control: None");
            hw.ew32(E1000eRegs.TCTL, hw.er32(E1000eRegs.TCTL) | TCTL_EN);
            netdev.carrierOn();
        } else if (!link && netdev.carrierOk()) {
            linkSpeed = 0;
            fullDuplex = false;
            netdev.kernel().printk(LogLevel.INFO, netdev.name() + ": NIC Link is Down");
            netdev.carrierOff();
        }
        updateStats();
        E1000eRing t = tx;
        if (t != null && !netdev.carrierOk() && t.unused() + 1 < t.count) {
            // the link is gone with transmit work queued: a reset flushes the packet buffers
            kernel.scheduleWork(resetTask);
            return;
        }
        if (itr.itrSetting() == 4) {
            int rate = E1000eItr.simplifiedRate(octets[1], octets[0]);
            itr.setRate(rate);
            writeItr(rate);
        }
        // a software interrupt makes sure the receive ring gets cleaned
        hw.ew32(E1000eRegs.ICS, msix ? rxImsVal : ICR_RXDMT0);
        flushDescriptors();
        if (!down) {
            long j = kernel.jiffies() + 2L * kernel.hz();
            watchdogTimer.modTimer(roundJiffies(j));
        }
    }

    /** {@code round_jiffies}: to a whole second, never earlier than now. */
    private long roundJiffies(long j) {
        int hz = kernel.hz();
        long rounded = (j + hz / 2) / hz * hz;
        return rounded <= kernel.jiffies() ? j : rounded;
    }

    /** {@code e1000_reset_task}: ndo_tx_timeout and lost links end here. */
    void resetTask() {
        if (down) {
            return;
        }
        netdev.kernel().printk(LogLevel.ERR, netdev.name() + ": Reset adapter unexpectedly");
        reinitLocked();
    }

    // ---- statistics --------------------------------------------------------------------------------

    /** {@code e1000e_update_stats} under {@code stats64_lock}. */
    void updateStats() {
        stats64Lock.lock();
        try {
            stats.harvest(hw, netdev, linkSpeed != 0 && !fullDuplex, octets);
        } finally {
            stats64Lock.unlock();
        }
    }

    /** {@code e1000e_get_stats64}: the card's counters (read now), the driver's drops and the core's. */
    @Override
    public void getStats64(NetDevice dev, RtnlLinkStats64 s) {
        updateStats();
        RtnlLinkStats64 core = coreScratch;
        core.clear();
        dev.coreStats(core);
        s.rxBytes = stats.gorc;
        s.rxPackets = stats.gprc;
        s.txBytes = stats.gotc;
        s.txPackets = stats.gptc;
        s.multicast = stats.mprc;
        s.collisions = stats.colc;
        s.rxErrors = stats.rxErrors();
        s.rxLengthErrors = stats.rxLengthErrors();
        s.rxCrcErrors = stats.crcerrs;
        s.rxFrameErrors = stats.algnerrc;
        s.rxMissedErrors = stats.mpc;
        s.txErrors = stats.ecol + stats.latecol;
        s.txAbortedErrors = stats.ecol;
        s.txCarrierErrors = stats.tncrs;
        s.rxDropped = rxDropped + core.rxDropped;
        s.txDropped = txDropped + core.txDropped;
    }

    // ---- other ndo ops -----------------------------------------------------------------------------

    /**
     * {@code e1000e_set_rx_mode}: promiscuous sets UPE and MPE; all-multicast sets MPE; otherwise the
     * multicast table is rewritten from the joined groups ({@code e1000e_write_mc_addr_list}, which
     * cannot fail on this part: the 4096-bit table takes any number of groups, hash collisions and all).
     */
    @Override
    public void setRxMode(NetDevice dev) {
        int rctl = hw.er32(E1000eRegs.RCTL);
        rctl &= ~(RCTL_UPE | RCTL_MPE);
        rctl |= RCTL_BAM;
        int flags = dev.flags();
        if ((flags & NetDeviceFlags.PROMISC) != 0) {
            rctl |= RCTL_UPE | RCTL_MPE;
        } else if ((flags & NetDeviceFlags.ALLMULTI) != 0) {
            rctl |= RCTL_MPE;
        } else {
            hw.updateMcAddrList(dev.mcAddresses());
        }
        hw.ew32(E1000eRegs.RCTL, rctl);
    }

    /** {@code e1000_set_mac}: the new station address into receive-address entry 0. */
    @Override
    public void setMacAddress(NetDevice dev, MacAddress address) throws ErrnoException {
        if (!address.isValidEther()) {
            throw new ErrnoException(Errno.EADDRNOTAVAIL, dev.name() + ": " + address + " is not a valid unicast address");
        }
        macAddr = address;
        hw.rarSet(address, 0);
    }

    /** {@code e1000_change_mtu}: the core checked 68..9212; jumbo frames need LPE and larger buffers, so the device is re-initialised. */
    @Override
    public void changeMtu(NetDevice dev, int newMtu) throws ErrnoException {
        int maxFrame = newMtu + 14 + ETH_FCS_LEN + VLAN_HLEN;
        if (maxFrame > MAX_HW_FRAME_SIZE) {
            throw new ErrnoException(Errno.EINVAL, dev.name() + ": Unsupported MTU setting " + newMtu);
        }
        netdev.kernel().printk(LogLevel.INFO, dev.name() + ": changing MTU from " + mtu + " to " + newMtu);
        boolean running = dev.running() && rx != null;
        if (running) {
            down(true);
        }
        mtu = newMtu;
        int newLen = newMtu <= 1500 ? RX_BUFFER_SIZE : 16384;
        if (running && newLen != rxBufferLen) {
            // the receive buffers change size: a new receive ring, the old one kept if that fails
            E1000eRing newRx;
            try {
                newRx = E1000eRing.allocate(pdev, rxRingCount, newLen);
            } catch (ErrnoException e) {
                up();
                throw new ErrnoException(Errno.ENOMEM, dev.name() + ": no memory for " + newLen + "-byte receive buffers: "
                        + e.getMessage(), e);
            }
            rx.free(pdev);
            rx = newRx;
        }
        rxBufferLen = newLen;
        if (running) {
            up();
        } else {
            reset();
        }
    }

    /** {@code e1000_tx_timeout}: counted, and the reset is left to the reset task. */
    @Override
    public void txTimeout(NetDevice dev, int queue) {
        txTimeoutCount++;
        kernel.scheduleWork(resetTask);
    }

    // ---- views for tests and tools ---------------------------------------------------------------

    public NetDevice netdev() {
        return netdev;
    }

    /** The interrupt mode the adapter ended up in: 2 MSI-X, 1 MSI, 0 legacy. */
    public int intMode() {
        return intMode;
    }

    /** Interrupts the handlers claimed. */
    public long interrupts() {
        return interrupts;
    }

    /** NAPI polls run. */
    public long polls() {
        return polls;
    }

    /** The dynamic-ITR state: the current rate in interrupts/s. */
    public int currentItr() {
        return itr.itr();
    }

    /** Whether the rings are allocated (the interface is up). */
    public boolean ringsAllocated() {
        return rx != null;
    }
}
